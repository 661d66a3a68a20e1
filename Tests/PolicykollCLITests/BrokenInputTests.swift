import Foundation
import Testing

/// A broken input checked alongside a valid file: where its error must point.
struct BrokenInput: Sendable, CustomTestStringConvertible {
    var name: String
    /// Fixture paths given to check before the valid file.
    var files: [String]
    /// The file, line and column of the expected error.
    var errorFile: String
    var line: Int
    var column: Int
    /// Texts the error message must contain.
    var fragments: [String]

    var testDescription: String { name }

    static let all: [BrokenInput] = [
        BrokenInput(
            name: "invalid YAML syntax", files: ["broken/syntax.yaml"], errorFile: "broken/syntax.yaml", line: 6, column: 15,
            fragments: ["invalid YAML"]),
        BrokenInput(
            name: "duplicate keys", files: ["broken/duplicate-keys.yaml"], errorFile: "broken/duplicate-keys.yaml", line: 7,
            column: 3, fragments: ["duplicate key 'name'", "5:3"]),
        BrokenInput(
            name: "a tab in indentation", files: ["broken/tab.yaml"], errorFile: "broken/tab.yaml", line: 5, column: 1,
            fragments: ["tab"]),
        BrokenInput(
            name: "invalid UTF-8", files: ["broken/invalid-utf8.yaml"], errorFile: "broken/invalid-utf8.yaml", line: 5,
            column: 16, fragments: ["UTF-8"]),
        BrokenInput(
            name: "a binary file named .yaml", files: ["broken/binary.yaml"], errorFile: "broken/binary.yaml", line: 2,
            column: 10, fragments: ["binary"]),
        BrokenInput(
            name: "an empty file", files: ["broken/empty.yaml"], errorFile: "broken/empty.yaml", line: 1, column: 1,
            fragments: ["empty"]),
        BrokenInput(
            name: "wrong apiVersion", files: ["broken/wrong-api.yaml"], errorFile: "broken/wrong-api.yaml", line: 1,
            column: 13, fragments: ["policykoll/v2", "policykoll/v1"]),
        BrokenInput(
            name: "missing metadata.id", files: ["broken/missing-id.yaml"], errorFile: "broken/missing-id.yaml", line: 3,
            column: 1, fragments: ["metadata.id"]),
        BrokenInput(
            name: "a duplicate metadata.id across two files",
            files: ["broken/duplicate-id-a.yaml", "broken/duplicate-id-b.yaml"], errorFile: "broken/duplicate-id-b.yaml",
            line: 5, column: 7, fragments: ["'twice'", Fixture.path("broken/duplicate-id-a.yaml") + ":4:7"]),
        BrokenInput(
            name: "spec that is a list", files: ["broken/spec-list.yaml"], errorFile: "broken/spec-list.yaml", line: 8,
            column: 3, fragments: ["'spec'", "mapping"]),
    ]
}

@Suite("check: broken inputs are errors with file:line:col, and the rest is still checked")
struct BrokenInputTests {
    @Test("A broken input beside a valid file", arguments: BrokenInput.all)
    func brokenInput(_ input: BrokenInput) async throws {
        let paths = input.files.map(Fixture.path) + [failingFile]
        let errorFile = Fixture.path(input.errorFile)

        // JSON: the error in `errors` with its line and column; the valid file's findings all there.
        let json = await CLI.run(["check", "--format", "json"] + againstTestPack + paths)
        #expect(json.status == 2, "\(json.summary)")
        let report = try #require(json.json())
        let matching = errors(report).filter { $0["file"] as? String == errorFile }
        #expect(matching.count >= 1, "errors: \(errors(report))")
        let error = try #require(matching.first)
        #expect(error["line"] as? Int == input.line, "\(error)")
        #expect(error["column"] as? Int == input.column, "\(error)")
        let message = error["message"] as? String ?? ""
        for fragment in input.fragments {
            #expect(message.contains(fragment), "'\(message)' should contain '\(fragment)'")
        }
        let valid = findings(report).filter { $0["file"] as? String == failingFile }
        #expect(valid.map(brief) == failingFindings)
        // Machine output stays clean: the errors go to stderr as well, compiler style.
        #expect(json.stderr.contains("\(errorFile):\(input.line):\(input.column): error: "), "\(json.stderr)")
        // ... with the line they are on, even when the problem is only found across files.
        #expect(json.stderr.contains(" \(input.line) | "), "\(json.stderr)")

        // Text: the error compiler style, the valid file's findings still reported.
        let text = await CLI.run(["check"] + againstTestPack + paths)
        #expect(text.status == 2, "\(text.summary)")
        let all = text.stdout + text.stderr
        #expect(all.contains("\(errorFile):\(input.line):\(input.column): error: "), "\(text.summary)")
        #expect(text.stdout.contains("\(failingFile):27:3: error: [TST-EXISTS-001]"), "\(text.summary)")
        #expect(text.stdout.contains("\(failingFile):18:19: error: [TST-EACH-002]"), "\(text.summary)")
    }

    @Test("A nonexistent path exits 2, names the path, and the other paths are still checked")
    func nonexistentPath() async throws {
        let missing = Fixture.path("no-such-folder/nope.yaml")
        let json = await CLI.run(["check", "--format", "json"] + againstTestPack + [missing, failingFile])
        #expect(json.status == 2, "\(json.summary)")
        let report = try #require(json.json())
        let error = try #require(errors(report).first { $0["file"] as? String == missing }, "errors: \(errors(report))")
        #expect((error["message"] as? String)?.isEmpty == false)
        #expect(findings(report).map(brief) == failingFindings)
        #expect(report["declarations"] as? Int == 1)
        #expect(json.stderr.contains(missing), "\(json.summary)")

        let text = await CLI.run(["check"] + againstTestPack + [missing, failingFile])
        #expect(text.status == 2, "\(text.summary)")
        #expect((text.stdout + text.stderr).contains("\(missing): error: "), "\(text.summary)")
        #expect(text.stdout.contains("\(failingFile):27:3: error: [TST-EXISTS-001]"), "\(text.summary)")
    }

    @Test("A nonexistent path only: exit 2, and the message names it")
    func onlyNonexistentPath() async throws {
        let result = await CLI.run(["check"] + againstTestPack + ["does-not-exist.yaml"])
        #expect(result.status == 2, "\(result.summary)")
        #expect((result.stdout + result.stderr).contains("does-not-exist.yaml"), "\(result.summary)")
    }
}

/// A rule pack with one problem, and where the error must point.
struct BrokenPack: Sendable, CustomTestStringConvertible {
    var file: String
    var line: Int
    var column: Int
    var fragments: [String]

    var testDescription: String { file }

    static let all: [BrokenPack] = [
        BrokenPack(
            file: "bad-packs/unknown-operator.yaml", line: 15, column: 35,
            fragments: ["unknown operator 'equal'", "did you mean 'equals'"]),
        BrokenPack(file: "bad-packs/two-operators.yaml", line: 18, column: 7, fragments: ["'equals'", "'matches'"]),
        BrokenPack(file: "bad-packs/bad-regex.yaml", line: 17, column: 16, fragments: ["([a-z"]),
        BrokenPack(file: "bad-packs/bad-duration.yaml", line: 17, column: 15, fragments: ["12M"]),
        BrokenPack(file: "bad-packs/duplicate-rule-id.yaml", line: 16, column: 9, fragments: ["BAD-001", ":10:9"]),
        BrokenPack(file: "bad-packs/unknown-principle.yaml", line: 14, column: 16, fragments: ["P-9"]),
        BrokenPack(file: "bad-packs/unknown-key.yaml", line: 16, column: 5, fragments: ["severty", "did you mean 'severity'"]),
    ]
}

@Suite("check: an invalid rule pack fails the run with file:line:col, and still gives its reports")
struct BrokenPackTests {
    @Test("An invalid rule pack still writes every report asked for: SARIF and JUnit files, with its errors")
    func reportsOfAnInvalidPack() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sarif = folder.file("results.sarif").path
        let junit = folder.file("results.xml").path
        let markdown = folder.file("results.md").path
        // A declaration with an inline exception, an exceptions file and a baseline: none can be
        // judged without the pack's rules, and none may give a false "unknown rule" error.
        let declaration = folder.file("sys.yaml")
        try Data(
            """
            apiVersion: policykoll/v1
            kind: System
            metadata:
              id: sys
              name: System
              organisation: O
              exceptions: [{rule: BAD-001, reason: r, approvedBy: a, expires: 2030-01-01}]
            spec: {}

            """.utf8
        ).write(to: declaration)
        let exceptions = folder.file("exceptions.yaml")
        try Data(
            "apiVersion: policykoll/v1\nkind: Exceptions\nexceptions:\n  - {rule: BAD-001, declaration: sys, reason: r, approvedBy: a, expires: 2030-01-01}\n"
                .utf8
        ).write(to: exceptions)
        let baseline = folder.file("baseline.json")
        try Data("{\"findings\": []}".utf8).write(to: baseline)
        let path = Fixture.path("bad-packs/unknown-operator.yaml")
        let result = await CLI.run([
            "check", "--policy", path, "--as-of", "2026-11-26", "--exceptions", exceptions.path, "--baseline", baseline.path,
            "--lang", "en", "--format", "sarif", "--output", sarif, "--format", "junit", "--output", junit, "--format",
            "markdown", "--output", markdown, "--format", "text", declaration.path,
        ])
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stdout.contains("; the rule pack is invalid: no rule was evaluated"), "\(result.summary)")
        #expect(!result.stdout.contains("not in the rule pack"), "\(result.summary)")
        #expect(result.stdout.contains("\(exceptions.path): warning: not applied: the rule pack is invalid"), "\(result.summary)")
        #expect(result.stdout.contains("\(baseline.path): warning: not applied: the rule pack is invalid"), "\(result.summary)")
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif))) as? [String: Any]
        let run = try #require((log?["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        #expect("\(invocation["toolExecutionNotifications"] ?? "")".contains("unknown operator"))
        // No `results` at all: "produced none", never "found nothing", which would close alerts.
        #expect(run["results"] == nil)
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("unknown operator &apos;equal&apos;") || xml.contains("unknown operator 'equal'"), "\(xml)")
        let comment = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(comment.contains("**The rule pack is invalid: no rule was evaluated.**"))
    }

    @Test(
        "An invalid rule pack exits 2 with the error located: in the text report, or on stderr beside another report",
        arguments: BrokenPack.all)
    func brokenPack(_ pack: BrokenPack) async throws {
        let path = Fixture.path(pack.file)
        let lines = try Fixture.lines(pack.file)
        for format in ["text", "json"] {
            let result = await CLI.run(
                ["check", "--policy", path, "--as-of", "2026-11-26", "--format", format, Fixture.path("decls/clean.yaml")])
            #expect(result.status == 2, "\(result.summary)")
            let shown = format == "text" ? result.stdoutLines : result.stderrLines
            let header = "\(path):\(pack.line):\(pack.column): error: "
            let headerLine = shown.first { $0.hasPrefix(header) }
            #expect(headerLine != nil, "\(result.summary)")
            for fragment in pack.fragments {
                #expect(headerLine?.contains(fragment) == true, "'\(headerLine ?? "")' should contain '\(fragment)'")
            }
            // The offending source line is shown with the caret under the column.
            let index = try #require(shown.firstIndex { $0.hasPrefix(header) })
            try #require(index + 2 < shown.count)
            #expect(shown[index + 1] == " \(pack.line) | \(lines[pack.line - 1])")
            #expect(shown[index + 2].hasSuffix(String(repeating: " ", count: pack.column - 1) + "^"))
            guard format == "json" else { continue }
            // The JSON report is written: its errors hold the pack's, and nothing was checked.
            let report = try #require(result.json())
            #expect(findings(report).isEmpty)
            let errors = try #require(report["errors"] as? [[String: Any]])
            #expect(
                errors.contains {
                    $0["file"] as? String == path && $0["line"] as? Int == pack.line && $0["column"] as? Int == pack.column
                }, "\(errors)")
        }
    }

    @Test("A nonexistent --policy path exits 2 and names the path")
    func missingPolicy() async throws {
        let result = await CLI.run(["check", "--policy", "no/such/pack", Fixture.path("decls/clean.yaml")])
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("no/such/pack"), "\(result.summary)")
        #expect(result.stdout.isEmpty)
    }
}
