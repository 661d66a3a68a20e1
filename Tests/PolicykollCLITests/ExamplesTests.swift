import Foundation
import PolicykollTestSupport
import Testing

/// The expected findings of one example, read from the table in `examples/README.md`.
struct ExpectedFindings {
    /// `rule severity`, one per expected finding, sorted.
    var ruleSeverities: [String]
    /// Rule id → path prefix, for the findings the table locates ("vid `…`").
    var paths: [(rule: String, path: String)]
}

/// Reads the table of expected findings (the "facit") from `examples/README.md`.
func expectedExampleFindings() throws -> [String: ExpectedFindings] {
    let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("examples/README.md"), encoding: .utf8)
    var table: [String: ExpectedFindings] = [:]
    let pattern = /(GBG-[A-Z]+-[0-9]+) (error|warning|info)(?: vid `([^`]+)`)?/
    for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
        let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard cells.count >= 5 else { continue }
        let file = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
        guard file.hasSuffix(".yaml") else { continue }
        var expected = ExpectedFindings(ruleSeverities: [], paths: [])
        for match in cells[4].matches(of: pattern) {
            expected.ruleSeverities.append("\(match.1) \(match.2)")
            if let path = match.3 { expected.paths.append((String(match.1), String(path))) }
        }
        expected.ruleSeverities.sort()
        table["examples/" + file] = expected
    }
    return table
}

/// The sum line of `examples/README.md`: "Summa: N findings (E error, W warning, I info) i D av T deklarationer".
func expectedExampleSum() throws -> (findings: Int, errors: Int, warnings: Int, infos: Int, declarations: Int) {
    let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("examples/README.md"), encoding: .utf8)
    let pattern = /Summa: (\d+) findings \((\d+) error, (\d+) warning, (\d+) info\) i \d+ av (\d+) deklarationer/
    guard let match = readme.firstMatch(of: pattern) else {
        Issue.record("examples/README.md has no line 'Summa: N findings (E error, W warning, I info) i D av T deklarationer'")
        return (0, 0, 0, 0, 0)
    }
    return (Int(match.1)!, Int(match.2)!, Int(match.3)!, Int(match.4)!, Int(match.5)!)
}

@Suite("The examples and the embedded pack")
struct ExamplesTests {
    @Test("check examples reports exactly the findings of examples/README.md")
    func examplesMatchTheReadme() async throws {
        let expected = try expectedExampleFindings()
        let sum = try expectedExampleSum()
        let yamlFiles = try FileManager.default.contentsOfDirectory(
            atPath: CLI.packageRoot.appendingPathComponent("examples").path
        )
        .filter { $0.hasSuffix(".yaml") }
        #expect(expected.count == yamlFiles.count, "the README table lists every example")
        #expect(expected.count == sum.declarations, "the README's sum counts every example")
        #expect(expected.values.map(\.ruleSeverities.count).reduce(0, +) == sum.findings, "the README's sum of findings")

        let result = await CLI.run(["check", "examples", "--as-of", "2026-11-26", "--format", "json"])
        #expect(result.status == 1, "\(result.summary)")
        let report = try #require(result.json())
        #expect((report["policy"] as? [String: Any])?["name"] as? String == "goteborg")
        #expect(report["declarations"] as? Int == sum.declarations)
        #expect(errors(report).isEmpty)

        var actual: [String: [[String: Any]]] = [:]
        for finding in findings(report) {
            actual[finding["file"] as? String ?? "?", default: []].append(finding)
        }
        #expect(
            Set(actual.keys).isSubset(of: Set(expected.keys)),
            "findings in files the README does not list: \(actual.keys.sorted())")
        for (file, want) in expected.sorted(by: { $0.key < $1.key }) {
            let got = actual[file] ?? []
            let gotRules = got.map { "\($0["ruleId"] as? String ?? "?") \($0["severity"] as? String ?? "?")" }.sorted()
            #expect(gotRules == want.ruleSeverities, "\(file)")
            for (rule, path) in want.paths {
                let paths = got.filter { $0["ruleId"] as? String == rule }.compactMap { $0["path"] as? String }
                #expect(
                    paths.contains { $0 == path || $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[") },
                    "\(file): \(rule) should point at \(path), points at \(paths)")
            }
            for finding in got {
                #expect(finding["status"] as? String == "open")
                #expect((finding["line"] as? Int ?? 0) > 0 && (finding["column"] as? Int ?? 0) > 0, "\(brief(finding))")
            }
        }
        let summary = report["summary"] as? [String: Any]
        #expect(summary?["error"] as? Int == sum.errors)
        #expect(summary?["warning"] as? Int == sum.warnings)
        #expect(summary?["info"] as? Int == sum.infos)
        let areas = Set(findings(report).compactMap { $0["area"] as? String })
        #expect(areas.count == 4, "the examples show findings in all four areas: \(areas.sorted())")
        let clean = expected.filter { $0.value.ruleSeverities.isEmpty }.map(\.key)
        #expect(clean == ["examples/forskoleplats.yaml"], "exactly one example is fully compliant")
    }

    @Test("The embedded pack works after the binary is copied elsewhere, run from another folder")
    func embeddedPackFromAnotherFolder() async throws {
        let binary = try #require(CLI.binary, "the built policykoll binary")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let copy = folder.file("policykoll")
        try ProcessLaunch.copyExecutable(from: binary, to: copy)
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appendingPathComponent("examples/hr-portal.yaml"), to: folder.file("hr-portal.yaml"))

        let result = await CLI.run(
            ["check", "hr-portal.yaml", "--as-of", "2026-11-26", "--format", "json"], in: folder.url, executable: copy)
        #expect(result.status == 1, "\(result.summary)")
        let report = try #require(result.json())
        let policy = report["policy"] as? [String: Any]
        #expect(policy?["name"] as? String == "goteborg")
        #expect(policy?["version"] as? String == "2026.3")
        #expect((policy?["sha256"] as? String)?.count == 64)
        let want = try #require(try expectedExampleFindings()["examples/hr-portal.yaml"])
        let got = findings(report).map { "\($0["ruleId"] as? String ?? "?") \($0["severity"] as? String ?? "?")" }.sorted()
        #expect(got == want.ruleSeverities)
        #expect(findings(report).allSatisfy { $0["file"] as? String == "hr-portal.yaml" })
    }
}
