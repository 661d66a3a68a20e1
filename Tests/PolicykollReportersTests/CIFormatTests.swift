import Foundation
import PolicykollCore
import PolicykollTestSupport
import Testing

@testable import PolicykollReporters

/// The CI formats against their real consumers' schemas, and against golden files.
@Suite("CI formats: SARIF, JUnit, GitHub, Markdown")
struct CIFormatTests {
    static let hostile = "Evil <script>alert(1)</script> & \"quotes\" | pipe, colon: 100% =cmd\n`tick`\u{1B}[31m"

    static let rules =
        """
          - id: R-1
            title: {sv: Konsekvensbedömning, en: Impact assessment}
            severity: error
            area: a
            principle: P-1
            message: {sv: "{{metadata.name}} saknar DPIA", en: "{{metadata.name}} has no DPIA"}
            assert: {path: spec.personalData.dpia, exists: true}

        """
        + Fixtures.rule(id: "R-2", assert: "{each: spec.locations, assert: {in: [SE, EU]}}", severity: "warning")
        + Fixtures.rule(id: "R-3", assert: "{path: spec.level, gte: 3}", severity: "info")
        + Fixtures.rule(id: "R-4", when: "{path: spec.never, exists: true}", assert: "{path: spec.x, exists: true}")

    /// A report with an open error, an excepted finding, a baseline finding, an input error, a
    /// warning and hostile text in names and values.
    static func report(language: Language = .en) throws -> CheckReport {
        let declaration = """
            apiVersion: policykoll/v1
            kind: System
            metadata:
              id: hr
              name: \(jsonQuoted(hostile))
              organisation: "Förvaltning <b>&</b>"
              exceptions:
                - {rule: R-2, path: "spec.locations[1]", reason: \(jsonQuoted("Avtal " + hostile)), approvedBy: IT-chef, expires: 2027-06-30}
            spec:
              personalData: {processed: true}
              locations: [SE, US, "<CN>"]
              level: 2
              flag: yes
            """
        let baselineFingerprint = Finding.fingerprint(ruleID: "R-3", declarationID: "hr", path: "spec.level")
        return try Fixtures.check(
            rules: rules,
            declarations: [("systems/hr & co.yaml", declaration), ("systems/bad.yaml", "a: [\n")],
            baseline: "{\"findings\": [{\"fingerprint\": \"\(baselineFingerprint)\"}]}", language: language)
    }

    static func jsonQuoted(_ text: String) -> String {
        JSONValue.string(text).compactText
    }

    @Test(
        "SARIF locations: a relative path is a relative reference, an absolute one a file URI",
        arguments: [
            ("systems/hr & co.yaml", "systems/hr%20%26%20co.yaml"), ("./a/b.yaml", "a/b.yaml"),
            ("/tmp/inventering/förskola.yaml", "file:///tmp/inventering/f%C3%B6rskola.yaml"), ("<stdin>", "stdin"),
        ])
    func sarifURI(path: String, uri: String) {
        #expect(SARIFReporter.uri(path) == uri)
    }

    @Test("SARIF's helpUri is only ever a URI: a reference that is other text is left out")
    func helpURI() {
        for uri in ["https://goteborg.se/policy?x=1#a", "mailto:it@goteborg.se", "urn:isbn:0451450523", "HTTP://X.SE"] {
            #expect(SARIFReporter.isAbsoluteURI(uri), "\(uri)")
        }
        for text in [
            "se intranätet / policy ä", "https://goteborg.se/ä", "goteborg.se/policy", "1http://x", "x:", ":x", "https://a b", "",
        ] {
            #expect(!SARIFReporter.isAbsoluteURI(text), "\(text)")
        }
        // An IRI or a URL with spaces is written as a URI; text without a scheme is not one.
        #expect(
            SARIFReporter.asURI("https://example.com/förskola plan?q=a b") == "https://example.com/f%C3%B6rskola%20plan?q=a%20b")
        // Parentheses are a URI's own; only a Markdown link target needs them encoded.
        let wiki = "https://sv.wikipedia.org/wiki/Arkiv_(samling) "
        #expect(SARIFReporter.asURI(wiki) == "https://sv.wikipedia.org/wiki/Arkiv_(samling)")
        #expect(SARIFReporter.asURI(wiki, forMarkdown: true) == "https://sv.wikipedia.org/wiki/Arkiv_%28samling%29")
        #expect(SARIFReporter.asURI("https://goteborg.se/policy?x=1#a") == "https://goteborg.se/policy?x=1#a")
        #expect(SARIFReporter.asURI("mailto:it@goteborg.se") == "mailto:it@goteborg.se")
        // Text that only starts like a scheme is not a URI.
        #expect(SARIFReporter.asURI("Dnr: KS 2023/12") == nil)
        #expect(SARIFReporter.asURI("se intranätet / policy ä") == nil)
        #expect(SARIFReporter.asURI("goteborg.se/policy") == nil)
        // A link a viewer would run is no link.
        #expect(SARIFReporter.asURI("javascript:alert(1)") == nil)
        #expect(SARIFReporter.asURI(" JavaScript://%0Aalert(1)") == nil)
        #expect(SARIFReporter.asURI("data:text/html,<b>x</b>") == nil)
        #expect(SARIFReporter.asURI("HTTPS://goteborg.se") == "HTTPS://goteborg.se")
    }

    @Test("SARIF rule help: a reference's title and a URL that is no link stay text in Markdown")
    func sarifHostileReferences() throws {
        let rule = """
              - id: R-9
                title: T
                severity: error
                area: a
                principle: P-1
                assert: {path: spec.x, exists: true}
                references:
                  - {title: "Policy](javascript:alert(1))", url: "https://goteborg.se/policy"}
                  - {title: "[klicka](javascript:alert(2))", url: "[här](javascript:alert(3))"}

            """
        let declaration = "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: s, name: S, organisation: O}\nspec: {}\n"
        let report = try Fixtures.check(rules: rule, declarations: [("s.yaml", declaration)])
        let log = try #require(
            try JSONSerialization.jsonObject(with: Data(SARIFReporter(hasBaseline: false).render(report).utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let help = try #require(((driver["rules"] as? [[String: Any]])?.first?["help"] as? [String: Any])?["markdown"] as? String)
        // An escaped bracket (`\]`) ends no link text.
        #expect(!help.replacingOccurrences(of: "\\]", with: "").contains("](javascript:"), "\(help)")
        #expect(help.contains("(https://goteborg.se/policy)"), "\(help)")
    }

    @Test("the fixture report has every status")
    func statuses() throws {
        let statuses = try Self.report().findings.map { "\($0.ruleID) \($0.status.rawValue)" }
        #expect(statuses == ["R-1 open", "R-2 excepted", "R-2 open", "R-3 baseline"])
    }

    @Test(
        "SARIF validates against the SARIF 2.1.0 schema",
        .enabled(if: ExternalTool.hasPythonJSONSchema, "python3 with jsonschema is absent"))
    func sarifSchema() throws {
        let schema = try #require(ExternalTool.sharedSchema("sarif-schema-2.1.0.json"), "../shared/schemas is absent")
        let sarif = try ExternalTool.temporaryFile(SARIFReporter(hasBaseline: true).render(try Self.report()), suffix: ".sarif")
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft4Validator(schema).validate(json.load(open(sys.argv[2])))
            print("valid")
            """
        let result = try ExternalTool.run(try #require(ExternalTool.find("python3")), ["-c", script, schema, sarif])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("streamed SARIF is byte for byte the SARIF value, with and without a baseline")
    func sarifStreaming() throws {
        let report = try Self.report()
        for reporter in [SARIFReporter(hasBaseline: true), SARIFReporter(hasBaseline: false)] {
            var expected: [UInt8] = []
            reporter.document(report).write(to: &expected, indent: true, level: 0)
            expected.append(UInt8(ascii: "\n"))
            var streamed: [UInt8] = []
            reporter.write(report) { streamed += $0 }
            #expect(streamed == expected)
            #expect(reporter.renderBytes(report) == expected)
        }
    }

    @Test("SARIF carries rules, regions, suppressions with justification, and baseline states")
    func sarifContent() throws {
        let text = SARIFReporter(hasBaseline: true).render(try Self.report())
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["R-1", "R-2", "R-3", "R-4"])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 4)
        let first = results[0]
        #expect(first["level"] as? String == "error")
        #expect(first["baselineState"] as? String == "new")
        let location = try #require((first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "systems/hr%20%26%20co.yaml")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 10)
        let suppression = try #require((results[1]["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "inSource")
        #expect((suppression["justification"] as? String)?.hasPrefix("Avtal Evil <script>") == true)
        #expect(results[3]["baselineState"] as? String == "unchanged")
        #expect(results[3]["level"] as? String == "note")
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
    }

    @Test("JUnit validates against the strict JUnit XSD", .enabled(if: ExternalTool.find("xmllint") != nil, "xmllint is absent"))
    func junitSchema() throws {
        let xsd = try #require(ExternalTool.sharedSchema("junit-windyroad.xsd"), "../shared/schemas is absent")
        let xml = try ExternalTool.temporaryFile(JUnitReporter().render(try Self.report()), suffix: ".xml")
        let result = try ExternalTool.run(try #require(ExternalTool.find("xmllint")), ["--noout", "--schema", xsd, xml])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("JUnit's suites are in file order whatever order the files were given in (design §5)")
    func junitOrder() throws {
        let a = ("a.yaml", Fixtures.declarationText(id: "aaa", spec: "  y: 1"))
        let b = ("b.yaml", Fixtures.declarationText(id: "bbb", spec: "  y: 1"))
        let rules = Fixtures.rule(assert: "{path: spec.x, exists: true}")
        let forward = try Fixtures.check(rules: rules, declarations: [a, b])
        let backward = try Fixtures.check(rules: rules, declarations: [b, a])
        #expect(backward.results.map(\.declaration.id) == ["aaa", "bbb"])
        #expect(JUnitReporter().render(forward) == JUnitReporter().render(backward))
    }

    @Test("JUnit: one suite per declaration, one case per applicable rule, failures located")
    func junitContent() throws {
        let xml = JUnitReporter().render(try Self.report())
        #expect(xml.contains("<testsuite name=\"hr\" package=\"Förvaltning &lt;b&gt;&amp;&lt;/b&gt;\" id=\"0\""))
        #expect(xml.contains("tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"1\""))
        #expect(!xml.contains("R-4"))  // not applicable: no test case
        #expect(xml.contains("systems/hr &amp; co.yaml:10:3: error: [R-1] Evil &lt;script&gt;"))
        #expect(xml.contains("<skipped message=\"in the baseline:"))
        #expect(xml.contains("<testsuite name=\"policykoll input errors\""))
        #expect(!xml.contains("<script>"))
        #expect(!xml.contains("\u{1B}"))
    }

    @Test("GitHub workflow commands are escaped")
    func github() throws {
        let output = GitHubReporter().render(try Self.report())
        let lines = output.split(separator: "\n").map(String.init)
        let error = try #require(lines.first { $0.hasPrefix("::error file=systems/hr & co.yaml,line=10,col=3,") })
        #expect(error.contains("title=R-1 (P-1)::"))
        let hostileLine = try #require(lines.first { $0.contains("Evil") })
        #expect(hostileLine.contains("100%25 =cmd%0A`tick`\\u{1b}[31m"))
        #expect(!output.contains("\u{1B}"))
        #expect(lines.contains { $0.hasPrefix("::notice ") && $0.contains("[excepted]") })
        #expect(lines.contains { $0.hasPrefix("::error file=systems/bad.yaml,line=2,col=1,title=policykoll%3A input error::") })
        #expect(lines.contains { $0.hasPrefix("::warning file=systems/hr & co.yaml,line=13,col=9,") })
        #expect(GitHubReporter.escapeProperty("a,b:c%\nd") == "a%2Cb%3Ac%25%0Ad")
        // A path keeps a tab and bidi characters, or the annotation would not find its file;
        // terminal controls are still shown, not sent; a message shows all of them.
        #expect(GitHubReporter.escapePath("lead/tab\there\u{202E}.yaml") == "lead/tab\there\u{202E}.yaml")
        #expect(GitHubReporter.escapePath("a\u{1B}[31m\u{9B}.yaml") == "a\\u{1b}[31m\\u{9b}.yaml")
        #expect(GitHubReporter.escapeData("tab\there\u{202E}") == "tab\\u{9}here\\u{202e}")
    }

    @Test("Markdown: table cells cannot break the table or inject HTML")
    func markdown() throws {
        let output = MarkdownReporter().render(try Self.report())
        #expect(output.hasPrefix("## policykoll: ❌ problems found"))
        let rows = output.split(separator: "\n").filter { $0.hasPrefix("| 🔴") || $0.hasPrefix("| 🟠") || $0.hasPrefix("| 🔵") }
        #expect(rows.count == 4)
        for row in rows {
            let unescapedPipes = row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(unescapedPipes == 7, "\(row)")
        }
        #expect(!output.contains("<script>"))
        #expect(output.contains("&lt;script&gt;"))
    }

    @Test("SARIF: a finding that is excepted but was in the baseline is unchanged, not new")
    func sarifExceptedBaseline() throws {
        let declaration = """
            apiVersion: policykoll/v1
            kind: System
            metadata:
              id: hr
              name: HR
              organisation: O
              exceptions:
                - {rule: R-2, path: "spec.locations[0]", reason: Avtal, approvedBy: IT-chef, expires: 2027-06-30}
            spec: {level: 3, locations: [US, CN], personalData: {dpia: yes}}
            """
        let fingerprint = Finding.fingerprint(ruleID: "R-2", declarationID: "hr", path: "spec.locations[0]")
        let report = try Fixtures.check(
            rules: Self.rules, declarations: [("hr.yaml", declaration)],
            baseline: "{\"findings\": [{\"fingerprint\": \"\(fingerprint)\"}]}")
        #expect(report.findings.map(\.status) == [.excepted, .open])
        let text = SARIFReporter(hasBaseline: true).render(report)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        #expect(results.map { $0["baselineState"] as? String } == ["unchanged", "new"])
    }

    @Test(
        "Markdown: the headline is the gate's verdict under --fail-on",
        arguments: [
            ("spec: {level: 1, personalData: {dpia: yes}}", Severity.error, "✅ no errors"),
            ("spec: {level: 1, personalData: {dpia: yes}}", Severity.info, "❌ problems found"),
            ("spec: {level: 3, locations: [US], personalData: {dpia: yes}}", Severity.error, "✅ no errors"),
            ("spec: {level: 3, locations: [US], personalData: {dpia: yes}}", Severity.warning, "❌ problems found"),
            ("spec: {level: 3}", Severity.error, "❌ problems found"),
            ("spec: {level: 3}", nil, "⚠️ errors found, but they do not fail the gate (--fail-on)"),
        ] as [(String, Severity?, String)])
    func markdownVerdict(spec: String, failOn: Severity?, headline: String) throws {
        let declaration = "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a, name: A, organisation: O}\n\(spec)\n"
        let report = try Fixtures.check(rules: Self.rules, declarations: [("a.yaml", declaration)])
        let output = MarkdownReporter(failOn: failOn).render(report)
        #expect(output.hasPrefix("## policykoll: \(headline)\n"), "\(output)")
    }

    @Test("Markdown: mentions, strikethrough and math from a declaration are inert; e-mail addresses stay")
    func markdownGitHubExtensions() {
        #expect(MarkdownReporter.cell("cc @octocat @github/security") == "cc @&#8203;octocat @&#8203;github/security")
        #expect(MarkdownReporter.cell("(@team)") == "(@&#8203;team)")
        #expect(MarkdownReporter.cell("anna@example.se, 2@b") == "anna@example.se, 2@b")
        #expect(MarkdownReporter.cell("~~gone~~ $x$") == "\\~\\~gone\\~\\~ \\$x\\$")
    }

    @Test("golden files for every CI format", arguments: ["sarif", "junit", "github", "markdown"])
    func golden(format: String) throws {
        let report = try Self.report(language: .sv)
        let output: String
        switch format {
        case "sarif": output = SARIFReporter(hasBaseline: true).render(report)
        case "junit": output = JUnitReporter().render(report)
        case "github": output = GitHubReporter().render(report)
        default: output = MarkdownReporter().render(report)
        }
        let name = "check.\(format == "markdown" ? "md" : format == "github" ? "github.txt" : format)"
        #expect(output == (try Golden.expected(name, actual: output)))
    }
}
