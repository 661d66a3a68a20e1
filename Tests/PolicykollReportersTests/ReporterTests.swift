import Foundation
import PolicykollCore
import PolicykollReporters
import PolicykollTestSupport
import Testing

@Suite("Reporters: text byte for byte, JSON as data, both against golden files")
struct ReporterTests {
    static let rules =
        Fixtures.rule(id: "R-1", assert: "{path: spec.personalData.dpia, exists: true}")
        + Fixtures.rule(id: "R-2", assert: "{each: spec.locations, assert: {in: [SE, EU]}}", severity: "warning")
        + Fixtures.rule(id: "R-3", assert: "{path: spec.level, gte: 3}", severity: "info")

    static let declaration = Fixtures.declarationText(
        id: "hr",
        spec: """
              personalData: {processed: true}
              locations: [SE, US]
              level: 3
            """)

    func report(language: Language = .sv) throws -> CheckReport {
        try Fixtures.check(
            rules: Self.rules,
            declarations: [
                ("systems/hr.yaml", Self.declaration), ("systems/bad.yaml", "a: [\n"),
                ("systems/amb.yaml", Fixtures.declarationText(id: "amb", spec: "  level: 5\n  flag: yes")),
            ],
            language: language)
    }

    @Test("text output matches its golden file (sv and en)", arguments: [Language.sv, .en])
    func text(language: Language) throws {
        let output = TextReporter(useColor: false).render(try report(language: language))
        #expect(output == (try Golden.expected("check-\(language.rawValue).txt", actual: output)))
    }

    @Test("counts agree with their nouns: one rule, one declaration, one warning", arguments: [Language.sv, .en])
    func singularCounts(language: Language) throws {
        let report = try Fixtures.check(
            rules: Fixtures.rule(id: "R-2", assert: "{each: spec.locations, assert: {in: [SE, EU]}}", severity: "warning"),
            declarations: [("systems/hr.yaml", Self.declaration)], language: language)
        let last = TextReporter(useColor: false).render(report).split(separator: "\n").last.map(String.init) ?? ""
        #expect(
            last
                == (language == .sv
                    ? "0 fel, 1 varning, 0 info i 1 deklaration (1 regel, test 1.0)"
                    : "0 errors, 1 warning, 0 info in 1 declaration (1 rule, test 1.0)"))
    }

    @Test("text output uses ANSI colour only when asked")
    func colour() throws {
        #expect(!TextReporter(useColor: false).render(try report()).contains("\u{1B}["))
        #expect(TextReporter(useColor: true).render(try report()).contains("\u{1B}[1;31merror:"))
    }

    @Test("streamed JSON is byte for byte the report's JSON value, findings with awkward text included")
    func jsonStreamingMatchesDocument() throws {
        let rules =
            Self.rules + """
                  - id: R-4
                    title: {sv: Titel, en: Title}
                    severity: warning
                    area: a
                    principle: P-1
                    message: {sv: "Citat \\" {{spec.note}}", en: "Quote \\" and {{spec.note}} \\u2028"}
                    assert: {path: spec.note, matches: '^x$'}

                """
        let declaration = Fixtures.declarationText(
            id: "odd", spec: "  note: \"tab\\there \\\"q\\\" back\\\\slash \\u2028 ctl\\u0001 åäö\"\n  level: 1")
        let report = try Fixtures.check(
            rules: rules, declarations: [("systems/odd.yaml", declaration), ("systems/hr.yaml", Self.declaration)],
            language: .en)
        #expect(report.findings.count >= 3)
        var expected: [UInt8] = []
        JSONReporter().document(report).write(to: &expected, indent: true, level: 0)
        expected.append(UInt8(ascii: "\n"))
        #expect(JSONReporter().renderBytes(report) == expected)
    }

    @Test("JSON output matches its golden file as data and has the fixed shape")
    func json() throws {
        let output = JSONReporter().render(try report(language: .en))
        let actual = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let expectedText = try Golden.expected("check.json", actual: output)
        let expected = try JSONSerialization.jsonObject(with: Data(expectedText.utf8)) as? [String: Any]
        #expect(NSDictionary(dictionary: actual ?? [:]).isEqual(to: expected ?? [:]))

        let object = try #require(actual)
        #expect(
            Set(object.keys) == [
                "tool", "policy", "asOf", "declarations", "findings", "errors", "warnings", "exceptions", "skipped", "summary",
            ])
        let finding = try #require((object["findings"] as? [[String: Any]])?.first)
        #expect(
            Set(finding.keys) == [
                "ruleId", "severity", "status", "declaration", "kind", "file", "line", "column", "path", "area", "principle",
                "message", "fingerprint",
            ])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["error": 2, "warning": 1, "info": 0, "excepted": 0, "baseline": 0])
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.first?["file"] as? String == "systems/bad.yaml")
        #expect(errors.first?["line"] as? Int == 2)
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(warnings.first?["line"] as? Int == 9)
        #expect(warnings.first?["column"] as? Int == 9)
    }

    @Test("text from declarations cannot inject terminal escapes")
    func terminalSafety() throws {
        let hostile = Fixtures.declarationText(id: "x", spec: "  level: \"\\e[31mred\\u0007\"")
        let report = try Fixtures.check(rules: Self.rules, declarations: [("evil\u{1B}[2J.yaml", hostile)])
        let output = TextReporter(useColor: false).render(report)
        #expect(!output.contains("\u{1B}"))
        #expect(!output.contains("\u{07}"))
        // The value is shown quoted and escaped (its type is a string with control characters);
        // the file name's escape is made visible.
        #expect(output.contains("\"\\u001b[31mred\\u0007\""))
        #expect(output.contains("evil\\u{1b}[2J.yaml"))
    }
}
