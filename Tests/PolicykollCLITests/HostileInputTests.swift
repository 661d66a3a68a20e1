import Foundation
import Testing

/// Every hostile input of issue 7, checked end to end beside a valid declaration: exit 2, a
/// located error in plain words, the valid file's findings all reported, and a run bounded in
/// time (the runner's timeout) and memory (`ulimit -v`, see ``CLI/runBounded(_:in:timeout:sourceLocation:)``).
/// Big fixtures are generated in a temporary folder; nothing big is committed.
@Suite("Hostile input: located errors, bounded runs, the rest still checked", .serialized)
struct HostileInputTests {
    /// Checks `paths` (then the valid failing file) and asserts the error and the valid findings.
    private func expectLocatedError(
        _ path: String, line: Int, column: Int, fragments: [String], declarations: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let json = await CLI.runBounded(["check", "--format", "json"] + againstTestPack + [path, failingFile])
        #expect(json.status == 2, "\(json.summary.prefix(3000))", sourceLocation: sourceLocation)
        let report = try #require(json.json(sourceLocation: sourceLocation), sourceLocation: sourceLocation)
        let matching = errors(report).filter { $0["file"] as? String == path }
        let error = try #require(matching.first, "errors: \(errors(report))", sourceLocation: sourceLocation)
        #expect(error["line"] as? Int == line, "\(error)", sourceLocation: sourceLocation)
        #expect(error["column"] as? Int == column, "\(error)", sourceLocation: sourceLocation)
        let message = error["message"] as? String ?? ""
        for fragment in fragments {
            #expect(message.contains(fragment), "'\(message)' should contain '\(fragment)'", sourceLocation: sourceLocation)
        }
        let valid = findings(report).filter { $0["file"] as? String == failingFile }
        #expect(valid.map(brief) == failingFindings, sourceLocation: sourceLocation)
        #expect(report["declarations"] as? Int == declarations + 1, sourceLocation: sourceLocation)

        let text = await CLI.runBounded(["check"] + againstTestPack + [path, failingFile])
        #expect(text.status == 2, "\(text.summary.prefix(3000))", sourceLocation: sourceLocation)
        #expect(
            text.stdout.contains("\(path):\(line):\(column): error: "), "\(text.summary.prefix(3000))",
            sourceLocation: sourceLocation)
        #expect(text.stdout.contains("\(failingFile):27:3: error: [TST-EXISTS-001]"), sourceLocation: sourceLocation)
        // The text report shows no raw control character from the input (a terminal escape, a bell).
        #expect(
            !text.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) },
            "control characters in the text report", sourceLocation: sourceLocation)
    }

    @Test("A hostile YAML file beside a valid one", arguments: HostileInput.yaml)
    func hostileYAML(_ input: HostileInput) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("hostile.yaml")
        try Data(input.bytes()).write(to: file)
        try await expectLocatedError(
            file.path, line: input.line, column: input.column, fragments: input.fragments,
            declarations: input.validDeclarations)
    }

    @Test("Every envelope field missing or of the wrong type: one located error per document")
    func envelope() async throws {
        let documents: [(String, Int, Int, String)] = [
            ("kind: System\nmetadata: {id: a1, name: N, organisation: O}\nspec: {}\n", 1, 1, "'apiVersion' is missing"),
            (
                "apiVersion: 1\nkind: System\nmetadata: {id: a2, name: N, organisation: O}\nspec: {}\n", 1, 13,
                "'apiVersion' must be a string, found an integer"
            ),
            ("apiVersion: policykoll/v1\nmetadata: {id: a3, name: N, organisation: O}\nspec: {}\n", 1, 1, "'kind' is missing"),
            (
                "apiVersion: policykoll/v1\nkind: [System]\nmetadata: {id: a4, name: N, organisation: O}\nspec: {}\n", 2, 7,
                "'kind' must be a string, found a list"
            ),
            (
                "apiVersion: policykoll/v9\nkind: System\nmetadata: {id: a6, name: N, organisation: O}\nspec: {}\n", 1, 13,
                "unsupported apiVersion 'policykoll/v9'"
            ),
            ("apiVersion: policykoll/v1\nkind: System\nspec: {}\n", 1, 1, "'metadata' is missing"),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: just text\nspec: {}\n", 3, 11,
                "'metadata' must be a mapping, found a string"
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {name: N, organisation: O}\nspec: {}\n", 3, 1,
                "'metadata.id' is missing"
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: 123, name: N, organisation: O}\nspec: {}\n", 3, 16,
                "'metadata.id' must be a string, found an integer"
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: Bad ID, name: N, organisation: O}\nspec: {}\n", 3, 16,
                "metadata.id 'Bad ID' must be lowercase letters"
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a12, organisation: O}\nspec: {}\n", 3, 1,
                "'metadata.name' is missing"
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a13, name: [N], organisation: O}\nspec: {}\n", 3, 27,
                "'metadata.name' must be a string, found a list"
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a14, name: N}\nspec: {}\n", 3, 1,
                "'metadata.organisation' is missing"
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a15, name: N, organisation: {x: 1}}\nspec: {}\n", 3, 44,
                "'metadata.organisation' must be a string, found a mapping"
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a16, name: N, organisation: O}\n", 1, 1,
                "'spec' is missing"
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a17, name: N, organisation: O}\nspec: 5\n", 4, 7,
                "'spec' must be a mapping, found an integer"
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a18, name: N, organisation: O, labels: [a]}\nspec: {}\n",
                3, 55, "'metadata.labels' must be a mapping, found a list"
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a19, name: N, organisation: O, description: {a: 1}}\nspec: {}\n",
                3, 60, "'metadata.description' must be a string, found a mapping"
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a20, name: N, organisation: O, exceptions: yes-please}\nspec: {}\n",
                3, 59, "'metadata.exceptions' must be a list, found a string"
            ),
            ("- a list\n", 1, 1, "a declaration must be a mapping"),
            ("just a string\n", 1, 1, "a declaration must be a mapping"),
        ]
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("envelope.yaml")
        var text = ""
        var expected: [String] = []
        var line = 1
        for (document, documentLine, column, fragment) in documents {
            if !text.isEmpty {
                text += "---\n"
                line += 1
            }
            expected.append("\(line + documentLine - 1):\(column) \(fragment)")
            text += document
            line += document.filter { $0 == "\n" }.count
        }
        try Data(text.utf8).write(to: file)
        let json = await CLI.runBounded(["check", "--format", "json"] + againstTestPack + [file.path, failingFile])
        #expect(json.status == 2, "\(json.summary)")
        let report = try #require(json.json())
        let found = errors(report).filter { $0["file"] as? String == file.path }
        #expect(found.count == documents.count, "\(found)")
        for (error, expectation) in zip(found, expected) {
            let location = "\(error["line"] as? Int ?? 0):\(error["column"] as? Int ?? 0)"
            let message = error["message"] as? String ?? ""
            #expect(
                expectation.hasPrefix(location + " ") && message.contains(expectation.drop { $0 != " " }.dropFirst()),
                "\(location) \(message) should be \(expectation)")
        }
        #expect(findings(report).map(brief) == failingFindings)
        #expect(report["declarations"] as? Int == 1)
    }

    @Test(
        "8,000 warnings on one line of megabytes, before or after the bulk of it: no excerpt costs the line",
        arguments: [false, true])
    func manyWarningsOnALongLine(late: Bool) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Each `yes` is an ambiguous-boolean warning. The line also holds 6 MB: a comment after
        // the warnings, or a quoted scalar before them, so that their columns are in the millions.
        // (Cut from the whole line, or found by walking to the column, the excerpts took minutes.)
        let flags = "flags: [" + Array(repeating: "yes", count: 8_000).joined(separator: ", ") + "]"
        let bulk = String(repeating: "c", count: 6_000_000)
        let spec = late ? "spec: {pad: \"\(bulk)\", \(flags)}" : "spec: {\(flags)} # \(bulk)"
        let file = folder.file("long.yaml")
        try Data((HostileInput.header("long") + spec + "\n").utf8).write(to: file)
        let firstColumn = late ? bulk.count + 25 : 16
        for arguments in [["check"] + againstTestPack + [file.path], ["dump", file.path]] {
            let result = await CLI.runBounded(arguments, timeout: 60)
            #expect(!result.timedOut, "\(arguments.first ?? "")")
            let output = arguments.first == "dump" ? result.stderr : result.stdout
            let warnings = output.split(separator: "\n").filter { $0.contains(": warning: ambiguous boolean 'yes'") }
            #expect(warnings.count == 8_000, "\(arguments.first ?? "")")
            #expect(
                warnings.last?.hasPrefix(file.path + ":7:\(firstColumn + 5 * 7_999): warning: ") == true,
                "\(warnings.last ?? "")")
            // Excerpts are windows of the line, cut where the line goes on.
            let excerpts = output.split(separator: "\n").filter { $0.hasPrefix(" 7 | ") }
            #expect(excerpts.count >= 8_000)
            #expect(excerpts.allSatisfy { $0.count < 140 && $0.contains("…") })
        }
    }

    @Test("50,000 declarations in one file are all checked, each schema warning given once, and an error in the last located")
    func manyDocuments() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let count = 50_000
        var text = ""
        text.reserveCapacity(count * 200)
        for index in 0..<count {
            // Every hundredth lacks English (an info finding); the rest are clean.
            let languages = index % 100 == 0 ? "[sv]" : "[sv, en]"
            text += """
                apiVersion: policykoll/v1
                kind: System
                metadata: {id: s\(index), name: System \(index), organisation: O}
                spec: {lifecycle: {status: prod}, service: {languages: \(languages)}, security: {riskAssessment: {date: 2026-06-01}}, procurement: {contractEnd: 2030-01-01}}
                ---

                """
        }
        text += HostileInput.header("last") + "spec: [not, a, mapping]\n"
        let file = folder.file("many.yaml")
        try Data(text.utf8).write(to: file)
        let result = await CLI.runBounded(
            ["check", "--format", "json"] + againstTestPack + [file.path, failingFile], timeout: 120)
        #expect(result.status == 2, "\(result.summary.prefix(2000))")
        let report = try #require(result.json())
        #expect(report["declarations"] as? Int == count + 1)
        let error = try #require(errors(report).first)
        #expect(errors(report).count == 1)
        // One schema warning per declaration (`status: prod`): found in linear time, not by
        // comparing each with every warning before it in the file.
        let statusWarnings = (report["warnings"] as? [[String: Any]] ?? []).filter {
            ($0["message"] as? String)?.hasPrefix("spec.lifecycle.status: 'prod'") == true
        }
        #expect(statusWarnings.count == count)
        #expect(error["line"] as? Int == count * 5 + 7, "\(error)")
        #expect(error["column"] as? Int == 7, "\(error)")
        let all = findings(report)
        let many = all.filter { $0["file"] as? String == file.path }
        #expect(many.count == count / 100)
        #expect(Set(many.compactMap { $0["ruleId"] as? String }) == ["TST-CONTAINS-006"])
        #expect(many.last?["declaration"] as? String == "s\(count - 100)")
        #expect(all.filter { $0["file"] as? String == failingFile }.map(brief) == failingFindings)
    }
}
