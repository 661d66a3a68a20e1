public import PolicykollCore
import PolicykollYAML

/// The audit as one self-contained HTML file: inline CSS, charts as inline SVG, no script and no
/// external resource, so it can be mailed and archived; an A4 print stylesheet. Swedish unless
/// the audit's language is English. Everything read from declarations, exceptions and the pack is
/// escaped (``HTMLText``); the only links are fragments (`#system-…`) built here.
public struct AuditHTMLReporter: AuditReporter {
    /// Creates a reporter.
    public init() {}

    public func render(_ audit: AuditReport) -> String {
        let page = Page(audit: audit)
        return page.document()
    }

    /// One rendering: the audit, its words and the anchors of its organisations.
    struct Page {
        let audit: AuditReport
        let say: Wording
        let language: Language
        /// Organisation name → fragment id.
        let organisationAnchors: [String: String]
        /// The index in `audit.areas` of each rule's area.
        let ruleArea: [Int?]

        init(audit: AuditReport) {
            self.audit = audit
            language = audit.language
            say = Wording(language: audit.language)
            var anchors: [String: String] = [:]
            var used: Set<String> = []
            for organisation in audit.organisations {
                var anchor = HTMLText.anchor("org", organisation.name)
                var suffix = 2
                while used.contains(anchor) {
                    anchor = HTMLText.anchor("org", organisation.name) + "-\(suffix)"
                    suffix += 1
                }
                used.insert(anchor)
                anchors[organisation.name] = anchor
            }
            organisationAnchors = anchors
            let areaIndex = Dictionary(audit.areas.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            ruleArea = audit.pack.rules.map { areaIndex[$0.area] }
        }

        func h(_ text: String) -> String { HTMLText.escape(text) }

        func pct(_ percent: Double?) -> String {
            percent == nil ? "–" : AuditFormat.percent(percent, language) + "\u{A0}%"
        }

        func systemAnchor(_ id: String) -> String { HTMLText.anchor("system", id) }

        func document() -> String {
            let title =
                say("Efterlevnadsrevision", "Compliance audit") + " \(audit.asOf) – \(audit.pack.name) \(audit.pack.version)"
            var html = "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
            html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            html += "<meta name=\"generator\" content=\"\(h(ToolInfo.name)) \(h(ToolInfo.version))\">\n"
            html += "<title>\(h(title))</title>\n<style>\n\(AuditHTMLStyle.css)</style>\n</head>\n<body>\n"
            html += masthead()
            html += navigation()
            html += "<main>\n"
            html += summary()
            html += trend()
            html += principles()
            html += mostFailing()
            html += exceptionRegister()
            html += inventoryProblems()
            html += organisations()
            html += "</main>\n"
            html += footer()
            html += "</body>\n</html>\n"
            return html
        }

        func masthead() -> String {
            var html = "<header class=\"masthead\">\n<div class=\"wrap\">\n"
            html +=
                "<p class=\"kicker\">Göteborgs Stad · "
                + say("Policy för digitalisering och IT", "Policy for digitalisation and IT")
            html += "</p>\n<h1>" + say("Efterlevnadsrevision", "Compliance audit") + " \(audit.asOf.year)</h1>\n"
            html += "<p class=\"meta\">" + say("Per", "As of") + " <strong>\(audit.asOf)</strong> · "
            html += say("regelpaket", "rule pack") + " <strong>\(h(audit.pack.name)) \(h(audit.pack.version))</strong> · "
            html += say(
                "\(audit.systems.count) system i " + counted(audit.organisations.count, "organisation", "organisationer"),
                counted(audit.systems.count, "system", "systems") + " in "
                    + counted(audit.organisations.count, "organisation", "organisations"))
            html += "</p>\n</div>\n</header>\n"
            return html
        }

        func navigation() -> String {
            var links: [(String, String)] = [("sammanfattning", say("Sammanfattning", "Summary"))]
            if audit.trend != nil { links.append(("forandring", say("Förändring", "Change"))) }
            links += [
                ("principer", say("Principer", "Principles")), ("regler", say("Vanligaste bristerna", "Most common gaps")),
                ("undantag", say("Undantag", "Exceptions")), ("inventering", say("Inventeringens brister", "Inventory problems")),
                ("organisationer", say("Organisationer och system", "Organisations and systems")),
            ]
            var html = "<nav class=\"toc wrap\" aria-label=\"" + say("Innehåll", "Contents") + "\"><ul>"
            for (anchor, text) in links { html += "<li><a href=\"#\(anchor)\">\(text)</a></li>" }
            html += "</ul></nav>\n"
            return html
        }

        func summary() -> String {
            let overall = audit.overall
            var html = "<section id=\"sammanfattning\" class=\"wrap\">\n<h2>" + say("Sammanfattning", "Summary") + "</h2>\n"
            if !audit.errors.isEmpty {
                html +=
                    "<p class=\"alert\">"
                    + say(
                        "\(audit.errors.count) indatafel: revisionen omfattar bara det som gick att läsa. Se <a href=\"#indatafel\">indatafelen</a>.",
                        "\(audit.errors.count) input errors: the audit covers only what could be read. See <a href=\"#indatafel\">the input errors</a>."
                    ) + "</p>\n"
            }
            html += "<div class=\"overview\">\n<div class=\"card hero\">"
            html += AuditHTMLCharts.ring(
                overall.percent, label: say("Efterlevnad totalt", "Overall compliance"), language: language)
            html += "<div><p class=\"card-label\">" + say("Efterlevnad totalt", "Overall compliance") + "</p>"
            html +=
                "<p class=\"card-note\">"
                + say(
                    "Andel uppfyllda av alla bedömda regelutfall (uppfyllda + ej uppfyllda).",
                    "Share of passed among all judged rule outcomes (passed + failed).")
            if let trend = audit.trend, let change = trend.overall.change {
                html += " <span class=\"change \(change >= 0 ? "up" : "down")\">\(AuditFormat.change(change, language))</span> "
                html += say("procentenheter sedan", "percentage points since") + " \(h(trend.previousLabel))"
            }
            html += "</p></div></div>\n"
            let cards: [(String, Int, String)] = [
                (say("Uppfyllda", "Passed"), overall.pass, "pass"),
                (say("Ej uppfyllda", "Failed"), overall.fail, "fail"),
                (say("Undantag", "Excepted"), overall.excepted, "excepted"),
                (say("Ej tillämpliga", "Not applicable"), overall.notApplicable, "na"),
            ]
            for (label, value, kind) in cards {
                html += "<div class=\"card count \(kind)\"><p class=\"card-value\">\(Self.grouped(value, language))</p>"
                html += "<p class=\"card-label\">\(label)</p></div>\n"
            }
            html += "</div>\n"
            html +=
                "<p class=\"explain\">"
                + say(
                    "Varje regel bedöms för varje system: <b>uppfylld</b>, <b>ej uppfylld</b>, <b>ej tillämplig</b> eller <b>undantagen</b> (alla brister omfattas av ett beslutat, giltigt undantag). Efterlevnad = uppfyllda ÷ (uppfyllda + ej uppfyllda). Undantag räknas inte in men visas alltid bredvid. En grupp utan bedömda regler visas som –, inte som 100 %.",
                    "Every rule is judged for every system: <b>pass</b>, <b>fail</b>, <b>not applicable</b> or <b>excepted</b> (every finding covered by an approved, unexpired exception). Compliance = passed ÷ (passed + failed). Exceptions are not counted but always shown beside it. A group with nothing judged shows –, not 100 %."
                ) + "</p>\n"

            html += "<h3>" + say("Efterlevnad per område", "Compliance by area") + "</h3>\n"
            let bars = audit.areas.map { area in
                AuditHTMLCharts.Bar(
                    label: area.title.text(language), percent: area.tally.percent,
                    note: area.tally.excepted > 0 ? "(\(area.tally.excepted) " + say("undantag", "excepted") + ")" : "")
            }
            html +=
                "<figure class=\"chart\">"
                + AuditHTMLCharts.bars(bars, title: say("Efterlevnad per område", "Compliance by area"), language: language)
            html += "</figure>\n"
            html += heatMap()
            html += "</section>\n"
            return html
        }

        func heatMap() -> String {
            var html = "<h3>" + say("Organisation × område", "Organisation × area") + "</h3>\n"
            html += "<div class=\"scroll\"><table class=\"heat\">\n<thead><tr><th scope=\"col\">Organisation</th>"
            html += "<th scope=\"col\" class=\"num\">" + say("System", "Systems") + "</th>"
            html += "<th scope=\"col\">" + say("Totalt", "Overall") + "</th>"
            for area in audit.areas { html += "<th scope=\"col\">\(h(area.title.text(language)))</th>" }
            html += "</tr></thead>\n<tbody>\n"
            for organisation in audit.organisations {
                let anchor = organisationAnchors[organisation.name] ?? ""
                html += "<tr><th scope=\"row\"><a href=\"#\(anchor)\">\(h(organisation.name))</a></th>"
                html += "<td class=\"num\">\(organisation.systems)</td>"
                html += cell(organisation.tally, strong: true)
                for tally in organisation.areas { html += cell(tally, strong: false) }
                html += "</tr>\n"
            }
            html += "</tbody></table></div>\n"
            html += "<p class=\"legend\">" + say("Färgskala:", "Colour scale:")
            for (label, value) in [("< 50 %", 25.0), ("75 %", 75), ("90 %", 90), ("100 %", 100)] {
                html += " <span class=\"swatch\" style=\"background:\(AuditHTMLCharts.colour(value))\"></span> \(label)"
            }
            html += " <span class=\"swatch\" style=\"background:\(AuditHTMLCharts.colour(nil))\"></span> – "
            html += say("inget att bedöma", "nothing to judge") + "</p>\n"
            return html
        }

        func cell(_ tally: AuditTally, strong: Bool) -> String {
            let title = say(
                "\(tally.pass) uppfyllda, \(tally.fail) ej uppfyllda, \(tally.excepted) undantag",
                "\(tally.pass) passed, \(tally.fail) failed, \(tally.excepted) excepted")
            var html =
                "<td class=\"heat-cell\(strong ? " strong" : "")\" style=\"background:\(AuditHTMLCharts.colour(tally.percent))\" title=\"\(title)\">"
            html += pct(tally.percent)
            if tally.excepted > 0 { html += "<span class=\"exc\">+\(tally.excepted) " + say("undantag", "excepted") + "</span>" }
            html += "</td>"
            return html
        }

        func footer() -> String {
            var html =
                "<footer class=\"wrap\">\n<p>" + say("Framtagen med", "Produced by")
                + " \(h(ToolInfo.name)) \(h(ToolInfo.version)). "
            html +=
                say("Regelpaket", "Rule pack")
                + " \(h(audit.pack.name)) \(h(audit.pack.version)), SHA-256 <code>\(h(audit.pack.sha256))</code>. "
            html += say(
                "Indata: \(audit.inputs.count) filer, sammanlagd SHA-256", "Inputs: \(audit.inputs.count) files, combined SHA-256"
            )
            html += " <code>\(audit.inputsDigest)</code>.</p>\n<p>"
            html += say(
                "Principernas texter är egna formuleringar härledda ur policyn och dess källor, inte citat. Revisionen kan göras om med samma indata och regelpaket och ger då samma resultat.",
                "The principles' texts are our own formulations derived from the policy and its sources, not quotations. Re-running the audit on the same inputs and rule pack gives the same result."
            )
            html += "</p>\n</footer>\n"
            return html
        }

        static func grouped(_ value: Int, _ language: Language) -> String {
            let digits = Array(String(value))
            var text = ""
            for (index, digit) in digits.enumerated() {
                if index > 0, (digits.count - index) % 3 == 0 { text += language == .sv ? "\u{A0}" : "," }
                text.append(digit)
            }
            return text
        }
    }
}
