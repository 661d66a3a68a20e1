import Foundation
import Testing

/// `decls/failing.yaml` against the test pack: every finding, in report order.
let failingFile = Fixture.path("decls/failing.yaml")
let failingFindings = [
    "\(failingFile):6:9 TST-MATCH-004 metadata.name",
    "\(failingFile):10:16 TST-CONTAINS-006 spec.service.languages",
    "\(failingFile):18:19 TST-EACH-002 spec.architecture.integrations[1].protocol",
    "\(failingFile):20:17 TST-REF-003 spec.architecture.integrations[2].target",
    "\(failingFile):24:19 TST-EACH-002 spec.architecture.integrations[3].protocol",
    "\(failingFile):26:28 TST-WITHIN-005 spec.security.riskAssessment.date",
    "\(failingFile):27:3 TST-EXISTS-001 spec.personalData.dpia",
]

@Suite("check: exit codes and report formats")
struct CheckOutputTests {
    @Test("A clean declaration exits 0 and the text output is the one-line summary")
    func cleanDeclaration() async throws {
        let result = await CLI.run(["check"] + againstTestPack + [Fixture.path("decls/clean.yaml")])
        #expect(result.status == 0, "\(result.summary)")
        #expect(result.stderr.isEmpty, "\(result.summary)")
        #expect(result.stdout.hasSuffix("\n"))
        let lines = result.stdoutLines
        #expect(lines.count == 1, "\(result.summary)")
        let summary = try #require(lines.last)
        #expect(summary.hasPrefix("0 fel, 0 varningar, 0 info i 1 deklaration"), "\(summary)")
        #expect(summary.contains("clitest 1.0"), "the summary names the pack: \(summary)")
        #expect(summary.contains("7 regler"), "the summary counts the rules: \(summary)")
    }

    @Test("The text summary is the last line also when there are findings")
    func summaryIsTheLastLine() async throws {
        let result = await CLI.run(["check"] + againstTestPack + [failingFile])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.stdoutLines.last?.hasPrefix("5 fel, 1 varning, 1 info i 1 deklaration") == true, "\(result.summary)")
        let enResult = await CLI.run(["check", "--lang", "en"] + againstTestPack + [failingFile])
        #expect(
            enResult.stdoutLines.last?.hasPrefix("5 errors, 1 warning, 1 info in 1 declaration") == true, "\(enResult.summary)")
    }

    @Test("--fail-on never exits 0 although there are error findings")
    func failOnNever() async throws {
        let result = await CLI.run(["check", "--fail-on", "never", "--format", "json"] + againstTestPack + [failingFile])
        #expect(result.status == 0, "\(result.summary)")
        #expect(findings(result.json()).count == failingFindings.count)
    }

    @Test("--fail-on warning exits 1 when there are only warnings; the default (error) exits 0")
    func failOnWarning() async throws {
        let file = Fixture.path("decls/warning-only.yaml")
        let byDefault = await CLI.run(["check", "--format", "json"] + againstTestPack + [file])
        #expect(byDefault.status == 0, "\(byDefault.summary)")
        let report = byDefault.json()
        #expect(findings(report).map { $0["severity"] as? String } == ["warning"])
        #expect((report?["summary"] as? [String: Any])?["warning"] as? Int == 1)

        let explicitError = await CLI.run(["check", "--fail-on", "error"] + againstTestPack + [file])
        #expect(explicitError.status == 0, "\(explicitError.summary)")
        let onWarning = await CLI.run(["check", "--fail-on", "warning"] + againstTestPack + [file])
        #expect(onWarning.status == 1, "\(onWarning.summary)")
        let onInfo = await CLI.run(["check", "--fail-on", "info"] + againstTestPack + [file])
        #expect(onInfo.status == 1, "\(onInfo.summary)")
    }

    @Test("--fail-on info exits 1 on an info finding; warning and error exit 0")
    func failOnInfo() async throws {
        let file = Fixture.path("decls/info-only.yaml")
        let report = await CLI.run(["check", "--format", "json", "--fail-on", "info"] + againstTestPack + [file])
        #expect(report.status == 1, "\(report.summary)")
        #expect(findings(report.json()).map { $0["ruleId"] as? String } == ["TST-CONTAINS-006"])
        #expect(findings(report.json()).map { $0["severity"] as? String } == ["info"])
        for threshold in ["warning", "error", "never"] {
            let result = await CLI.run(["check", "--fail-on", threshold] + againstTestPack + [file])
            #expect(result.status == 0, "--fail-on \(threshold): \(result.summary)")
        }
    }

    // MARK: - Text

    /// Checks one compiler-style block: header, source line, caret under the column, notes.
    private func expectBlock(
        in lines: [String], file: String, line: Int, column: Int, label: String, rule: String, message: String,
        notes: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let header = "\(file):\(line):\(column): \(label): [\(rule)] \(message)"
        guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }) else {
            Issue.record("no line starts with \(header)\n\(lines.joined(separator: "\n"))", sourceLocation: sourceLocation)
            return
        }
        let source = try #require(
            try Fixture.lines(String(file.dropFirst(Fixture.root.count + 1))).dropFirst(line - 1).first,
            sourceLocation: sourceLocation)
        #expect(start + 2 + notes.count < lines.count, sourceLocation: sourceLocation)
        guard start + 2 + notes.count < lines.count else { return }
        let number = String(line)
        #expect(lines[start + 1] == " \(number) | \(source)", sourceLocation: sourceLocation)
        let caretLine = lines[start + 2]
        let gutter = " " + String(repeating: " ", count: number.count) + " | "
        #expect(caretLine.hasPrefix(gutter), "caret line: \(caretLine)", sourceLocation: sourceLocation)
        let afterGutter = caretLine.dropFirst(gutter.count)
        #expect(
            afterGutter == String(repeating: " ", count: column - 1) + "^", "caret under column \(column): '\(caretLine)'",
            sourceLocation: sourceLocation)
        // The caret sits under the column in the echoed source line as well.
        let sourceShown = lines[start + 1].dropFirst(gutter.count)
        #expect(sourceShown.dropFirst(column - 1).first != " ", "the caret points at text", sourceLocation: sourceLocation)
        for (offset, note) in notes.enumerated() {
            #expect(lines[start + 3 + offset] == "   = \(note)", sourceLocation: sourceLocation)
        }
    }

    @Test("Text is compiler style with source line, caret and notes in Swedish by default")
    func textFormatSwedish() async throws {
        let result = await CLI.run(["check"] + againstTestPack + [failingFile])
        #expect(result.status == 1, "\(result.summary)")
        #expect(!result.stdout.contains("\u{1B}"))
        let lines = result.stdoutLines
        try expectBlock(
            in: lines, file: failingFile, line: 27, column: 3, label: "error", rule: "TST-EXISTS-001",
            message: "failing system saknar konsekvensbedömning.",
            notes: [
                "princip TST-1: Dataskydd är dokumenterat",
                "åtgärd: Gör en konsekvensbedömning och ange den i spec.personalData.dpia.",
            ])
        try expectBlock(
            in: lines, file: failingFile, line: 18, column: 19, label: "error", rule: "TST-EACH-002",
            message: "Integrationer använder kända protokoll",
            notes: ["princip TST-2: Integrationer är beskrivna", "åtgärd: Använd REST eller SOAP."])
        try expectBlock(
            in: lines, file: failingFile, line: 26, column: 28, label: "warning", rule: "TST-WITHIN-005",
            message: "Riskbedömning inom 12 månader", notes: ["princip TST-1: Dataskydd är dokumenterat"])
        try expectBlock(
            in: lines, file: failingFile, line: 10, column: 16, label: "info", rule: "TST-CONTAINS-006",
            message: "Tjänsten finns på engelska", notes: ["princip TST-3: Tjänsten är tillgänglig"])
        // One header per finding.
        let headers = lines.filter { $0.hasPrefix(failingFile + ":") }
        #expect(headers.count == failingFindings.count, "\(headers)")
    }

    @Test("Text in English with --lang en")
    func textFormatEnglishByFlag() async throws {
        let result = await CLI.run(["check", "--lang", "en"] + againstTestPack + [failingFile])
        #expect(result.status == 1, "\(result.summary)")
        try expectBlock(
            in: result.stdoutLines, file: failingFile, line: 27, column: 3, label: "error", rule: "TST-EXISTS-001",
            message: "failing system lacks an impact assessment.",
            notes: [
                "principle TST-1: Data protection is documented",
                "fix: Carry out an impact assessment and record it in spec.personalData.dpia.",
            ])
        #expect(!result.stdout.contains("princip TST"))
    }

    @Test("Text in English from LANG=en_US.UTF-8 without --lang; --lang sv overrides LANG")
    func textFormatEnglishByLocale() async throws {
        let result = await CLI.run(["check"] + againstTestPack + [failingFile], environment: ["LANG": "en_US.UTF-8"])
        #expect(result.status == 1, "\(result.summary)")
        try expectBlock(
            in: result.stdoutLines, file: failingFile, line: 27, column: 3, label: "error", rule: "TST-EXISTS-001",
            message: "failing system lacks an impact assessment.",
            notes: [
                "principle TST-1: Data protection is documented",
                "fix: Carry out an impact assessment and record it in spec.personalData.dpia.",
            ])
        let swedish = await CLI.run(
            ["check", "--lang", "sv"] + againstTestPack + [failingFile], environment: ["LANG": "en_US.UTF-8"])
        #expect(swedish.stdout.contains("   = princip TST-1: Dataskydd är dokumenterat"), "\(swedish.summary)")
        #expect(!swedish.stdout.contains("= principle"))
    }

    // MARK: - JSON

    @Test("JSON has the fixed shape; missing values point at the nearest ancestor; each gives indexed findings")
    func jsonShape() async throws {
        let result = await CLI.run(["check", "--format", "json"] + againstTestPack + [failingFile])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.stderr.isEmpty, "\(result.summary)")
        let report = try #require(result.json())
        #expect(
            Set(report.keys) == [
                "tool", "policy", "asOf", "declarations", "findings", "errors", "warnings", "exceptions", "skipped", "summary",
            ])
        let tool = try #require(report["tool"] as? [String: Any])
        #expect(tool["name"] as? String == "policykoll")
        #expect((tool["version"] as? String)?.isEmpty == false)
        let policy = try #require(report["policy"] as? [String: Any])
        #expect(Set(policy.keys) == ["name", "version", "sha256"])
        #expect(policy["name"] as? String == "clitest")
        #expect(policy["version"] as? String == "1.0")
        let sha = try #require(policy["sha256"] as? String)
        #expect(sha.count == 64 && sha.allSatisfy { "0123456789abcdef".contains($0) }, "\(sha)")
        #expect(report["asOf"] as? String == "2026-11-26")
        #expect(report["declarations"] as? Int == 1)
        #expect(errors(report).isEmpty)
        #expect((report["warnings"] as? [Any])?.isEmpty == true)
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(Set(summary.keys) == ["error", "warning", "info", "excepted", "baseline"])
        #expect(summary["error"] as? Int == 5)
        #expect(summary["warning"] as? Int == 1)
        #expect(summary["info"] as? Int == 1)
        #expect(summary["excepted"] as? Int == 0)
        #expect(summary["baseline"] as? Int == 0)

        let all = findings(report)
        #expect(all.map(brief) == failingFindings)
        let required: Set<String> = [
            "ruleId", "severity", "status", "declaration", "kind", "file", "line", "column", "path", "area", "principle",
            "message", "fingerprint",
        ]
        for finding in all {
            #expect(required.isSubset(of: Set(finding.keys)), "missing keys in \(finding.keys.sorted())")
            #expect(finding["status"] as? String == "open")
            #expect(finding["declaration"] as? String == "failing-system")
            #expect(finding["kind"] as? String == "System")
            #expect(finding["area"] as? String == "testomrade")
            #expect((finding["message"] as? String)?.isEmpty == false)
            #expect((finding["fingerprint"] as? String)?.isEmpty == false)
        }
        // A missing value: the path is the full missing path, the place is the nearest existing key.
        let missing = try #require(all.first { $0["ruleId"] as? String == "TST-EXISTS-001" })
        #expect(missing["path"] as? String == "spec.personalData.dpia")
        #expect(missing["line"] as? Int == 27)
        #expect(missing["column"] as? Int == 3)
        #expect(try Fixture.lines("decls/failing.yaml")[26] == "  personalData:")
        #expect(missing["severity"] as? String == "error")
        #expect(missing["principle"] as? String == "TST-1")
        #expect((missing["message"] as? String)?.hasPrefix("failing system saknar konsekvensbedömning.") == true)

        // each: one finding per failing element, with its index, at the failing value.
        let each = all.filter { $0["ruleId"] as? String == "TST-EACH-002" }
        #expect(
            each.compactMap { $0["path"] as? String } == [
                "spec.architecture.integrations[1].protocol", "spec.architecture.integrations[3].protocol",
            ])
        #expect(each.compactMap { $0["line"] as? Int } == [18, 24])
        #expect(Set(each.compactMap { $0["fingerprint"] as? String }).count == 2, "each element has its own fingerprint")
    }

    @Test("Fingerprints survive moving the file and adding lines above; line numbers do not")
    func fingerprintsAreStable() async throws {
        let original = await CLI.run(["check", "--format", "json"] + againstTestPack + [failingFile])
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let moved = folder.file("elsewhere/renamed-system.yml")
        try FileManager.default.createDirectory(at: moved.deletingLastPathComponent(), withIntermediateDirectories: true)
        let prefix = Data("\n# moved here\n\n# and commented\n\n".utf8)
        try (prefix + Fixture.data("decls/failing.yaml")).write(to: moved)
        let movedRun = await CLI.run(["check", "--format", "json"] + againstTestPack + [moved.path])
        #expect(original.status == 1 && movedRun.status == 1, "\(movedRun.summary)")

        func keyed(_ result: CLIResult) -> [String: (fingerprint: String, line: Int, file: String)] {
            var map: [String: (String, Int, String)] = [:]
            for finding in findings(result.json()) {
                let key = "\(finding["ruleId"] as? String ?? "?") \(finding["path"] as? String ?? "?")"
                map[key] = (
                    finding["fingerprint"] as? String ?? "", finding["line"] as? Int ?? -1, finding["file"] as? String ?? ""
                )
            }
            return map
        }
        let before = keyed(original)
        let after = keyed(movedRun)
        #expect(before.count == failingFindings.count)
        #expect(Set(before.keys) == Set(after.keys))
        for (key, old) in before {
            guard let new = after[key] else { continue }
            #expect(new.fingerprint == old.fingerprint, "\(key)")
            #expect(new.line == old.line + 5, "\(key)")
            #expect(new.file == moved.path && old.file == failingFile)
        }
        #expect(Set(before.values.map(\.fingerprint)).count == before.count, "fingerprints are distinct")
    }

    // MARK: - Order and colour

    @Test("Findings are ordered by file, line, column, rule id, and output is byte-identical run to run")
    func deterministicOrder() async throws {
        let files = ["decls/warning-only.yaml", "decls/failing.yaml", "decls/info-only.yaml", "decls/clean.yaml"].map(
            Fixture.path)
        let json1 = await CLI.run(["check", "--format", "json"] + againstTestPack + files)
        let json2 = await CLI.run(["check", "--format", "json"] + againstTestPack + files)
        let jsonReversed = await CLI.run(["check", "--format", "json"] + againstTestPack + files.reversed())
        #expect(json1.status == 1, "\(json1.summary)")
        #expect(json1.stdoutData == json2.stdoutData)
        #expect(json1.stdoutData == jsonReversed.stdoutData, "argument order does not change the report")

        let all = findings(json1.json())
        #expect(all.count == failingFindings.count + 2)
        let keys = all.map {
            ($0["file"] as? String ?? "", $0["line"] as? Int ?? 0, $0["column"] as? Int ?? 0, $0["ruleId"] as? String ?? "")
        }
        for (a, b) in zip(keys, keys.dropFirst()) {
            #expect(a <= b, "\(a) comes before \(b)")
        }
        #expect(Set(all.compactMap { $0["file"] as? String }) == Set(files.filter { !$0.hasSuffix("clean.yaml") }))

        let text1 = await CLI.run(["check"] + againstTestPack + files)
        let text2 = await CLI.run(["check"] + againstTestPack + files)
        #expect(text1.stdoutData == text2.stdoutData)
        #expect(text1.stderrData == text2.stderrData)
        // The text headers come in the same order as the JSON findings.
        let headers = text1.stdoutLines.filter { $0.hasPrefix(Fixture.root) }.map {
            $0.split(separator: " ").first.map(String.init) ?? ""
        }
        #expect(headers == all.map { "\($0["file"] as? String ?? ""):\($0["line"] as? Int ?? 0):\($0["column"] as? Int ?? 0):" })
    }

    @Test("Without NO_COLOR and without a terminal there are no ANSI escapes")
    func noColourWithoutTerminal() async throws {
        let environment: [String: String?] = ["NO_COLOR": nil, "TERM": "xterm-256color"]
        let text = await CLI.run(
            ["check"] + againstTestPack + [failingFile, Fixture.path("broken/syntax.yaml")], environment: environment)
        #expect(text.status == 2, "\(text.summary)")
        #expect(text.stdout.contains("[TST-EXISTS-001]"))
        #expect(!text.stdoutData.contains(0x1B), "\(text.stdout)")
        #expect(!text.stderrData.contains(0x1B), "\(text.stderr)")
        let json = await CLI.run(
            ["check", "--format", "json"] + againstTestPack + [failingFile, Fixture.path("broken/syntax.yaml")],
            environment: environment)
        #expect(json.stderr.contains("syntax.yaml:6:15: error:"), "\(json.summary)")
        #expect(!json.stdoutData.contains(0x1B))
        #expect(!json.stderrData.contains(0x1B), "\(json.stderr)")
        let badPack = await CLI.run(
            ["check", "--policy", Fixture.path("bad-packs/unknown-operator.yaml"), failingFile], environment: environment)
        #expect(badPack.status == 2)
        #expect(!badPack.stderrData.contains(0x1B), "\(badPack.stderr)")
    }
}
