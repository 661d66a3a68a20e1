import Foundation
import PolicykollCore
import PolicykollReporters
import PolicykollTestSupport
import Testing

@Suite("Audit reporters: golden files, and hostile text kept inert")
struct AuditReporterTests {
    @Test("JSON matches its golden file as data and has the fixed shape")
    func json() throws {
        let output = AuditJSONReporter().render(try AuditFixtures.audit())
        let actual = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let expectedText = try Golden.expected("audit.json", actual: output)
        let expected = try JSONSerialization.jsonObject(with: Data(expectedText.utf8)) as? [String: Any]
        #expect(NSDictionary(dictionary: actual ?? [:]).isEqual(to: expected ?? [:]))

        let object = try #require(actual)
        for key in ["policy", "asOf", "compliance", "systems", "exceptions", "errors"] { #expect(object[key] != nil, "\(key)") }
        let compliance = try #require(object["compliance"] as? [String: Any])
        #expect(compliance["overall"] as? Double == 71.4)
        let areas = try #require(compliance["areas"] as? [[String: Any]])
        #expect(Set(areas[0].keys).isSuperset(of: ["id", "title", "pct", "pass", "fail", "excepted"]))
        #expect(areas[1]["pct"] is NSNull)
        let principles = try #require(compliance["principles"] as? [[String: Any]])
        #expect(Set(principles[0].keys).isSuperset(of: ["id", "area", "pct"]))
        let organisations = try #require(compliance["organisations"] as? [[String: Any]])
        #expect(organisations.map { $0["name"] as? String } == ["Org A", "Org B"])
        #expect(organisations[0]["pct"] as? Double == 50)
        let systems = try #require(object["systems"] as? [[String: Any]])
        #expect(Set(systems[0].keys).isSuperset(of: ["id", "name", "organisation", "pct", "findings"]))
        #expect((systems[1]["outcomes"] as? [String: String])?["R-1"] == "excepted")
        #expect(object["trend"] == nil)
    }

    @Test("streamed JSON is byte for byte the rendered JSON, with and without a trend")
    func jsonStreaming() throws {
        var audit = try AuditFixtures.audit()
        for _ in 0..<2 {
            var streamed: [UInt8] = []
            var pieces = 0
            AuditJSONReporter().write(audit) {
                streamed += $0
                pieces += 1
            }
            #expect(streamed == Array(AuditJSONReporter().render(audit).utf8))
            #expect(pieces >= 1)
            audit.trend = AuditTrend(from: AuditSnapshot(audit, label: "2025"), to: AuditSnapshot(audit, label: "2026"))
        }
    }

    @Test("Markdown and CSV match their golden files byte for byte", arguments: [Language.sv, .en])
    func markdownAndCSV(language: Language) throws {
        let audit = try AuditFixtures.audit(language: language)
        let markdown = AuditMarkdownReporter().render(audit)
        #expect(markdown == (try Golden.expected("audit-\(language.rawValue).md", actual: markdown)))
        // CSV is compared as bytes: reading it as a String would drop the byte-order mark.
        let csv = AuditCSVReporter().render(audit)
        let name = "audit-\(language.rawValue).csv"
        _ = try Golden.expected(name, actual: csv)
        #expect(Data(csv.utf8) == (try Data(contentsOf: Golden.folder.appendingPathComponent(name))))
    }

    @Test("HTML matches its golden file byte for byte (sv)")
    func html() throws {
        let html = AuditHTMLReporter().render(try AuditFixtures.audit(language: .sv))
        #expect(html == (try Golden.expected("audit-sv.html", actual: html)))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
        for anchor in ["id=\"system-alpha\"", "id=\"org-org-a\"", "id=\"sammanfattning\"", "id=\"undantag\""] {
            #expect(html.contains(anchor), "\(anchor)")
        }
    }

    @Test("CSV for a Swedish Excel: BOM, semicolons, CRLF, one row per (system, rule) outcome")
    func csvShape() throws {
        let audit = try AuditFixtures.audit(language: .sv)
        let csv = AuditCSVReporter().render(audit)
        #expect(
            csv.hasPrefix(
                "\u{FEFF}organisation;system-id;systemnamn;regel-id;område;princip;allvarlighet;utfall;fil;rad;meddelande\r\n"))
        let records = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(records.count == 1 + 3 * 4)
        #expect(records.contains { $0.hasPrefix("Org A;beta;System beta;R-1;a;P-1;fel;undantag;org-a/beta.yaml;") })
        // Beta's R-4 fails on one element and is excepted on the other: the row is about the open one.
        #expect(
            records.contains(
                "Org A;beta;System beta;R-4;a;P-1;fel;ej uppfyllt;org-a/beta.yaml;9;System beta lagrar data utanför EU "
                    + "(spec.locations[1]: CN)"))
        #expect(records.contains { $0.hasPrefix("Org B;gamma;System gamma;R-3;b;Q-1;info;ej tillämpligt;org-b/gamma.yaml;;") })
    }

    @Test(
        "CSV fields are quoted (RFC 4180) and never start a formula",
        arguments: [
            ("plain", "plain"), ("a;b", "\"a;b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
            ("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("å, ä, ö", "\"å, ä, ö\""),
            (" padded ", "\" padded \""),
        ])
    func csvField(input: String, expected: String) {
        #expect(CSVText.field(input) == expected)
    }

    @Test(
        "HTMLText.escape leaves no markup, no attribute break-out and no control characters",
        arguments: [
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("\" onmouseover=\"alert(1)", "&quot; onmouseover=&quot;alert(1)"),
            ("' autofocus onfocus='x", "&#39; autofocus onfocus=&#39;x"),
            ("javascript:alert(1)", "javascript:alert(1)"), ("a & b", "a &amp; b"), ("`x`", "&#96;x&#96;"),
            ("bell\u{07}nul\u{0}", "bell\u{FFFD}nul\u{FFFD}"), ("Förskoleförvaltningen", "Förskoleförvaltningen"),
            ("C1\u{85}DEL\u{7F}", "C1\u{FFFD}DEL\u{FFFD}"), ("non\u{FFFE}char\u{FFFF}", "non\u{FFFD}char\u{FFFD}"),
            ("a · b\u{A0}c\u{F8FF}", "a · b\u{A0}c\u{F8FF}"), ("line\nand\ttab", "line\nand\ttab"), ("", ""),
            ("rtl\u{202E}txt.exe\u{2066}i\u{2069}\u{061C}", "rtl\\u{202e}txt.exe\\u{2066}i\\u{2069}\\u{61c}"),
            ("dash – and ’quote’ and ؀", "dash – and ’quote’ and ؀"),
        ])
    func htmlEscape(input: String, expected: String) {
        #expect(HTMLText.escape(input) == expected)
    }

    @Test("hostile declarations and exceptions stay text in the HTML: no script, no foreign URL, only fragment links")
    func hostileHTML() throws {
        let hostile = (
            "evil/x.yaml",
            AuditFixtures.declaration(
                id: "evil", name: #"'"<script>alert(1)</script>'"#, organisation: #"'''"><img src=x onerror=alert(1)>'"#,
                spec: "  personalData: {processed: true}\n  locations: [\"javascript:alert(1)\"]")
        )
        let exceptions = """
            apiVersion: policykoll/v1
            kind: Exceptions
            exceptions:
              - {rule: R-1, declaration: evil, reason: "<a href='javascript:alert(1)'>klicka</a>", approvedBy: "</td><style>*{}</style>", expires: 2027-01-01}
            """
        let check = try Fixtures.check(
            rules: AuditFixtures.rules, declarations: AuditFixtures.declarations + [hostile],
            exceptions: [("e.yaml", exceptions)], language: .sv)
        #expect(check.errors.isEmpty, "\(check.errors.map(\.message))")
        let html = AuditHTMLReporter().render(AuditReport(check: check))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for forbidden in [
            "<script", "<img", "<a href='", "<style>*", " src=\"", "url(", "@import", "<link", "<iframe", "<object",
        ] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!hrefs.isEmpty)
        #expect(hrefs.allSatisfy { $0.hasPrefix("#") }, "\(hrefs.filter { !$0.hasPrefix("#") })")
        #expect(!html.contains("http://") && !html.contains("https://"))

        let csv = AuditCSVReporter().render(AuditReport(check: check))
        #expect(csv.contains("\"'\"\"><img src=x onerror=alert(1)>\""))
    }

    @Test("the trend appears in JSON, Markdown and HTML only when a previous audit is given")
    func trend() throws {
        var audit = try AuditFixtures.audit()
        var earlier = AuditSnapshot(audit, label: "2025")
        earlier.areas[0].tally = AuditTally(pass: 1, fail: 1)
        audit.trend = AuditTrend(from: earlier, to: AuditSnapshot(audit, label: "2026"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(AuditJSONReporter().render(audit).utf8)) as? [String: Any])
        let trend = try #require(json["trend"] as? [String: Any])
        let areas = try #require(trend["areas"] as? [[String: Any]])
        #expect(areas[0]["change"] as? Double == 21.4)
        #expect(AuditMarkdownReporter().render(audit).contains("+21.4"))
        #expect(AuditHTMLReporter().render(audit).contains("id=\"forandring\""))
        #expect((trend["previous"] as? [String: Any])?["otherPolicy"] is NSNull, "same pack: nothing to say")
        #expect(!AuditMarkdownReporter().render(audit).contains("different rule packs"))

        // Audits made with different packs: the change also reflects changed rules, and says so.
        earlier.policyVersion = "2025.1"
        audit.trend = AuditTrend(from: earlier, to: AuditSnapshot(audit, label: "2026"))
        let other = try #require(
            try JSONSerialization.jsonObject(with: Data(AuditJSONReporter().render(audit).utf8)) as? [String: Any])
        let previous = (other["trend"] as? [String: Any])?["previous"] as? [String: Any]
        #expect(previous?["otherPolicy"] as? String == "\(earlier.policyName) 2025.1")
        #expect(
            AuditMarkdownReporter().render(audit).contains(
                "**The audits used different rule packs** (\(earlier.policyName) 2025.1 →"))
        #expect(AuditHTMLReporter().render(audit).contains("The audits used different rule packs"))
    }

    @Test("history in Markdown: tables with as many cells in every row; no audits is said, not an empty table")
    func historyMarkdown() throws {
        let audit = try AuditFixtures.audit()
        let reporter = HistoryReporter(format: .markdown, language: .en)
        #expect(reporter.render([], database: "h.db") == "# Compliance over time\n\nNo audits are recorded.\n")
        let rendered = reporter.render(
            [AuditSnapshot(audit, label: "2025"), AuditSnapshot(audit, label: "2026")], database: "h.db")
        for table in rendered.components(separatedBy: "\n\n") where table.hasPrefix("|") {
            let widths = table.split(separator: "\n").map { $0.filter { $0 == "|" }.count }
            #expect(Set(widths).count == 1, "\(table)")
        }
        // An incomplete audit shows as one, as in the text.
        var incomplete = AuditSnapshot(audit, label: "2026")
        incomplete.inputErrors = 3
        let withErrors = reporter.render([incomplete], database: "h.db")
        #expect(withErrors.contains("| label | as of | rule pack | systems | input errors | compliance |"), "\(withErrors)")
        #expect(
            withErrors.contains(
                "| 2026 | \(audit.asOf) | \(incomplete.policyName) \(incomplete.policyVersion) | \(incomplete.systems) | 3 |"),
            "\(withErrors)")
    }

    @Test("warnings of the inventory (not those about exceptions, which the register shows) are in HTML and Markdown")
    func inputWarnings() throws {
        let plain = try AuditFixtures.audit()
        #expect(!plain.warnings.isEmpty, "the fixture's exceptions give warnings")
        #expect(plain.inputWarnings.isEmpty)
        let extra = AuditFixtures.declaration(id: "delta", organisation: "Org B", spec: "  flag: yes")
        let audit = try AuditFixtures.audit(extra: [("org-b/delta.yaml", extra)])
        #expect(audit.inputWarnings.map(\.file) == ["org-b/delta.yaml"])
        let html = AuditHTMLReporter().render(audit)
        #expect(html.contains("<h3 id=\"varningar\">Warnings</h3>") && html.contains("org-b/delta.yaml:8:9"))
        #expect(!html.contains("Every file could be read"))
        let markdown = AuditMarkdownReporter().render(audit)
        #expect(markdown.contains("## Warnings") && markdown.contains("`org-b/delta.yaml:8:9` | ambiguous boolean 'yes'"))
    }

    @Test("one system in one organisation is counted in the singular")
    func singular() throws {
        let check = try Fixtures.check(
            rules: Fixtures.rule(assert: "{path: spec.x, exists: true}"),
            declarations: [("a.yaml", Fixtures.declarationText(spec: "  y: 1"))],
            language: .en)
        let audit = AuditReport(check: check, inputs: [])
        #expect(AuditMarkdownReporter().render(audit).contains("1 system in 1 organisation;"))
        #expect(AuditHTMLReporter().render(audit).contains("1 system in 1 organisation<"))
        #expect(AuditHTMLReporter().render(audit).contains("1 system · "))
    }
}

@Suite("Audit organisations: grouped and ordered as a person reads them")
struct OrganisationOrderTests {
    @Test("Swedish alphabetical order (Z, Å, Ä, Ö; É with E; case breaks ties); white space does not split one")
    func order() throws {
        let names = [
            "Zoo AB", "Äldre samt vård", "Ångpanneföreningen", "Élite AB", "Östra Göteborg", "ärende AB", "Arkiv", "Eva",
        ]
        #expect(
            names.sorted(by: OrganisationName.precedes) == [
                "Arkiv", "Élite AB", "Eva", "Zoo AB", "Ångpanneföreningen", "Äldre samt vård", "ärende AB", "Östra Göteborg",
            ])
        #expect(OrganisationName.key("  Grundskoleförvaltningen \t") == "Grundskoleförvaltningen")
        #expect(OrganisationName.key("Äldre  samt\tvård") == "Äldre samt vård")

        let extra = [
            ("b/x.yaml", AuditFixtures.declaration(id: "x1", organisation: "\"Östra Göteborg \"", spec: "  a: 1")),
            ("b/y.yaml", AuditFixtures.declaration(id: "x2", organisation: "Östra Göteborg", spec: "  a: 1")),
            ("b/z.yaml", AuditFixtures.declaration(id: "x3", organisation: "Ängårdens förskolor", spec: "  a: 1")),
        ]
        let audit = try AuditFixtures.audit(extra: extra)
        let organisations = audit.organisations.map(\.name)
        #expect(organisations.filter { $0.hasPrefix("Östra") } == ["Östra Göteborg"], "\(organisations)")
        #expect(audit.organisations.first { $0.name == "Östra Göteborg" }?.systems == 2)
        #expect(organisations == organisations.sorted(by: OrganisationName.precedes))
        #expect(organisations.firstIndex(of: "Ängårdens förskolor")! < organisations.firstIndex(of: "Östra Göteborg")!)
    }
}
