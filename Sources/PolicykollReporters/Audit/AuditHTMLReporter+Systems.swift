import PolicykollCore
import PolicykollYAML

extension AuditHTMLReporter.Page {
    func organisations() -> String {
        var html =
            "<section id=\"organisationer\" class=\"wrap\">\n<h2>" + say("Organisationer och system", "Organisations and systems")
        html += "</h2>\n"
        var systemsByOrganisation: [String: [Int]] = [:]
        for (index, system) in audit.systems.enumerated() {
            systemsByOrganisation[system.organisation, default: []].append(index)
        }
        let remediation = Dictionary(
            audit.pack.rules.map { ($0.id, $0.remediation?.text(language)) }, uniquingKeysWith: { first, _ in first })
        let titles = Dictionary(
            audit.pack.rules.map { ($0.id, $0.title.text(language)) }, uniquingKeysWith: { first, _ in first })
        // Each system's section is rendered on every core: at 10,000 systems they are most of
        // the page. They are put in place in the page's order below.
        let page = self
        let sections = Parallel.mapChunks(count: audit.systems.count, minimumChunk: 32) { range in
            range.map { page.system(page.audit.systems[$0], titles: titles, remediation: remediation) }
        }
        for organisation in audit.organisations {
            let anchor = organisationAnchors[organisation.name] ?? ""
            html += "<section class=\"organisation\" id=\"\(anchor)\">\n<h3 class=\"org-title\">\(h(organisation.name))"
            html += " <span class=\"h-pct\">\(pct(organisation.tally.percent))</span></h3>\n<p class=\"muted\">"
            html += say(
                "\(organisation.systems) system · \(organisation.tally.pass) uppfyllda, \(organisation.tally.fail) ej uppfyllda, \(organisation.tally.excepted) undantag",
                counted(organisation.systems, "system", "systems")
                    + " · \(organisation.tally.pass) passed, \(organisation.tally.fail) failed, \(organisation.tally.excepted) excepted"
            )
            html += "</p>\n<table class=\"data systems\"><thead><tr><th scope=\"col\">System</th>"
            html += "<th scope=\"col\">" + say("Efterlevnad", "Compliance") + "</th>"
            for area in audit.areas { html += "<th scope=\"col\" class=\"area-col\">\(h(area.title.text(language)))</th>" }
            html += "<th scope=\"col\" class=\"num\">" + say("Öppna fel", "Open errors") + "</th>"
            html += "<th scope=\"col\" class=\"num\">" + say("Undantag", "Excepted") + "</th></tr></thead><tbody>\n"
            let indices = systemsByOrganisation[organisation.name] ?? []
            for system in indices.map({ audit.systems[$0] }) {
                html += "<tr><th scope=\"row\"><a href=\"#\(systemAnchor(system.id))\">\(h(system.name))</a>"
                html += "<br><span class=\"id muted\">\(h(system.id))</span></th>"
                html +=
                    "<td class=\"bar-cell\">\(AuditHTMLCharts.miniBar(system.tally.percent)) \(pct(system.tally.percent))</td>"
                for tally in areaTallies(system) {
                    html +=
                        "<td class=\"heat-cell\" style=\"background:\(AuditHTMLCharts.colour(tally.percent))\">\(pct(tally.percent))</td>"
                }
                html += "<td class=\"num\">\(system.openErrors)</td><td class=\"num\">\(system.tally.excepted)</td></tr>\n"
            }
            html += "</tbody></table>\n"
            for index in indices { html += sections[index] }
            html += "</section>\n"
        }
        html += "</section>\n"
        return html
    }

    /// A system's outcomes per area, in the order of the audit's areas.
    func areaTallies(_ system: SystemAudit) -> [AuditTally] {
        var tallies = Array(repeating: AuditTally(), count: audit.areas.count)
        for (ruleIndex, outcome) in system.outcomes.enumerated() {
            if let area = ruleArea[ruleIndex] { tallies[area].add(outcome) }
        }
        return tallies
    }

    func system(_ system: SystemAudit, titles: [String: String], remediation: [String: String?]) -> String {
        var html = "<article class=\"system\" id=\"\(systemAnchor(system.id))\">\n<h4>\(h(system.name)) "
        html += "<span class=\"h-pct\">\(pct(system.tally.percent))</span></h4>\n<p class=\"muted\">"
        html += "<span class=\"id\">\(h(system.id))</span> · <span class=\"loc\">\(h(system.file)):\(system.mark.line)</span> · "
        html += say(
            "\(system.tally.pass) uppfyllda, \(system.tally.fail) ej uppfyllda, \(system.tally.excepted) undantag, \(system.tally.notApplicable) ej tillämpliga",
            "\(system.tally.pass) passed, \(system.tally.fail) failed, \(system.tally.excepted) excepted, \(system.tally.notApplicable) not applicable"
        )
        html += "</p>\n"
        if system.findings.isEmpty {
            html +=
                "<p class=\"ok\">✓ " + say("Alla tillämpliga regler är uppfyllda.", "Every applicable rule passes.") + "</p>\n"
            return html + "</article>\n"
        }
        html += "<ul class=\"findings\">\n"
        // Open errors first, then warnings and notes, excepted findings last; by line within.
        func rank(_ finding: Finding) -> Int {
            finding.status == .excepted ? 3 : (finding.severity == .error ? 0 : (finding.severity == .warning ? 1 : 2))
        }
        let ordered = system.findings.sorted { (rank($0), $0.mark, $0.ruleID) < (rank($1), $1.mark, $1.ruleID) }
        for finding in ordered {
            let excepted = finding.status == .excepted
            let badge = excepted ? "excepted" : finding.severity.rawValue
            html += "<li class=\"finding \(badge)\"><div class=\"finding-head\">"
            html +=
                "<span class=\"badge \(badge)\">\(excepted ? say("undantag", "excepted") : say.severity(finding.severity))</span> "
            html += "<span class=\"id\">\(h(finding.ruleID))</span> \(h(titles[finding.ruleID] ?? ""))"
            let place =
                finding.file == system.file
                ? say("rad", "line") + " \(finding.mark.line)" : "\(finding.file):\(finding.mark.line)"
            html += " <span class=\"loc\">\(h(place))</span></div>\n"
            html += "<p class=\"message\">\(h(finding.message))</p>\n"
            if let text = remediation[finding.ruleID] ?? nil {
                html += "<p class=\"remedy\"><b>" + say("Åtgärd:", "Remedy:") + "</b> \(h(text))</p>\n"
            }
            if excepted, let exception = finding.exception {
                html += "<p class=\"remedy\"><b>" + say("Undantag:", "Exception:") + "</b> \(h(exception.reason)) — "
                html += say("beslutat av", "approved by") + " \(h(exception.approvedBy))"
                if let decision = exception.decision { html += " (\(h(decision)))" }
                html += ", " + say("gäller t.o.m.", "expires") + " \(exception.expires)</p>\n"
            }
            html += "</li>\n"
        }
        html += "</ul>\n</article>\n"
        return html
    }
}
