import Foundation
import Testing

@Suite("check: YAML loading as the user sees it")
struct LoadingTests {
    @Test("A multi-document stream is one declaration per document; an ambiguous boolean is a located warning only")
    func multiDocumentAndAmbiguousBoolean() async throws {
        let file = Fixture.path("decls/multi-document.yaml")
        let json = await CLI.run(["check", "--format", "json"] + againstTestPack + [file])
        #expect(json.status == 0, "warnings never change the exit code: \(json.summary)")
        let report = try #require(json.json())
        #expect(report["declarations"] as? Int == 2)
        #expect(errors(report).isEmpty)
        let warnings = report["warnings"] as? [[String: Any]] ?? []
        #expect(warnings.count == 1, "\(warnings)")
        let warning = try #require(warnings.first)
        #expect(warning["file"] as? String == file)
        #expect(warning["line"] as? Int == 8)
        #expect(warning["column"] as? Int == 20)
        #expect((warning["message"] as? String)?.contains("ambiguous boolean 'yes'") == true, "\(warning)")
        #expect(findings(report).map(brief) == ["\(file):19:24 TST-CONTAINS-006 spec.service.languages"])
        #expect(findings(report).first?["declaration"] as? String == "second-of-two")

        let text = await CLI.run(["check"] + againstTestPack + [file])
        #expect(text.status == 0)
        #expect((text.stdout + text.stderr).contains("\(file):8:20: warning: ambiguous boolean 'yes'"), "\(text.summary)")
        let strict = await CLI.run(["check", "--fail-on", "info"] + againstTestPack + [file])
        #expect(strict.status == 1, "the info finding fails --fail-on info: \(strict.summary)")
    }

    @Test("Columns count Unicode scalars, not bytes")
    func columnsInUnicodeScalars() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = String(decoding: try Fixture.data("decls/failing.yaml"), as: UTF8.self)
        let original = "    riskAssessment: {date: 2024-01-01, reference: RA-2}"
        let changed = "    riskAssessment: {reference: Ååäöü-€, date: 2024-01-01}"
        #expect(source.contains(original))
        let file = folder.file("unicode.yaml")
        try Data(source.replacingOccurrences(of: original, with: changed).utf8).write(to: file)
        let result = await CLI.run(["check", "--format", "json"] + againstTestPack + [file.path])
        let finding = try #require(findings(result.json()).first { $0["ruleId"] as? String == "TST-WITHIN-005" })
        let expectedColumn = changed.distance(from: changed.startIndex, to: changed.range(of: "2024-01-01")!.lowerBound) + 1
        #expect(expectedColumn == 48)
        #expect(finding["line"] as? Int == 26)
        #expect(finding["column"] as? Int == expectedColumn)

        let text = await CLI.run(["check"] + againstTestPack + [file.path])
        let lines = text.stdoutLines
        let index = try #require(lines.firstIndex { $0.hasPrefix("\(file.path):26:48: warning: [TST-WITHIN-005]") })
        #expect(lines[index + 1] == " 26 | \(changed)")
        #expect(lines[index + 2] == "    | " + String(repeating: " ", count: 47) + "^")
    }
}
