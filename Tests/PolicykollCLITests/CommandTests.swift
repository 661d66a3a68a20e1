import Foundation
import Testing

@Suite("check: stdin, --output, --inventory and usage errors")
struct CheckCommandTests {
    @Test("check - reads a declaration from standard input, shown as <stdin>")
    func standardInput() async throws {
        let bytes = try Fixture.data("decls/failing.yaml")
        let json = await CLI.run(["check", "-", "--format", "json"] + againstTestPack, stdin: bytes)
        #expect(json.status == 1, "\(json.summary)")
        let report = try #require(json.json())
        #expect(report["declarations"] as? Int == 1)
        #expect(
            findings(report).map(brief) == failingFindings.map { $0.replacingOccurrences(of: failingFile, with: "<stdin>") })

        let text = await CLI.run(["check", "-"] + againstTestPack, stdin: bytes)
        #expect(text.status == 1, "\(text.summary)")
        let lines = text.stdoutLines
        let index = try #require(lines.firstIndex { $0.hasPrefix("<stdin>:27:3: error: [TST-EXISTS-001]") }, "\(text.summary)")
        #expect(lines[index + 1] == " 27 |   personalData:")

        let clean = await CLI.run(["check", "-"] + againstTestPack, stdin: try Fixture.data("decls/clean.yaml"))
        #expect(clean.status == 0, "\(clean.summary)")
    }

    @Test("--output writes the report to the file and nothing to stdout")
    func outputFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.file("report.json")
        let result = await CLI.run(["check", "--format", "json", "--output", target.path] + againstTestPack + [failingFile])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.stdoutData.isEmpty, "\(result.summary)")
        let written = try Data(contentsOf: target)
        let report = try #require(try JSONSerialization.jsonObject(with: written) as? [String: Any])
        #expect(findings(report).map(brief) == failingFindings)

        // The same report as on stdout, byte for byte.
        let toStdout = await CLI.run(["check", "--format", "json"] + againstTestPack + [failingFile])
        #expect(toStdout.stdoutData == written)

        let textTarget = folder.file("report.txt")
        let text = await CLI.run(["check", "--output", textTarget.path] + againstTestPack + [failingFile])
        #expect(text.status == 1)
        #expect(text.stdoutData.isEmpty)
        let textReport = String(decoding: try Data(contentsOf: textTarget), as: UTF8.self)
        #expect(textReport.contains("\(failingFile):27:3: error: [TST-EXISTS-001]"))
        #expect(!textReport.contains("\u{1B}"))
    }

    @Test("--output naming an input file is refused (exit 2) and the input is unchanged")
    func outputOverInputIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let input = folder.file("system.yaml")
        let original = try Fixture.data("decls/failing.yaml")
        try original.write(to: input)

        // The same file, named directly.
        let direct = await CLI.run(["check", "--format", "json", "--output", input.path] + againstTestPack + [input.path])
        #expect(direct.status == 2, "\(direct.summary)")
        #expect(direct.stderr.contains(input.path), "\(direct.summary)")
        #expect(try Data(contentsOf: input) == original)
        #expect(direct.stdoutData.isEmpty, "\(direct.summary)")

        // The same file, reached through its folder and named with a relative, unnormalised path.
        let relative = await CLI.run(
            ["check", "--output", "./sub/../system.yaml"] + ["--policy", Fixture.url("pack").path, "--as-of", "2026-11-26", "."],
            in: { () -> URL in
                try? FileManager.default.createDirectory(at: folder.file("sub"), withIntermediateDirectories: true)
                return folder.url
            }())
        #expect(relative.status == 2, "\(relative.summary)")
        #expect(try Data(contentsOf: input) == original)
    }

    @Test("--output naming an inventory file is refused and the file is unchanged")
    func outputOverInventoryIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let inventoryFile = folder.file("inventory/target.yaml")
        try FileManager.default.createDirectory(at: inventoryFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let original = try Fixture.data("inventory/inventory-target.yaml")
        try original.write(to: inventoryFile)
        let result = await CLI.run(
            ["check", "--output", inventoryFile.path, "--inventory", inventoryFile.deletingLastPathComponent().path]
                + againstTestPack + [Fixture.path("decls/uses-inventory.yaml")])
        #expect(result.status == 2, "\(result.summary)")
        #expect(try Data(contentsOf: inventoryFile) == original)
    }

    @Test("--output naming a file of the --policy pack is refused and the pack is unchanged")
    func outputOverPolicyIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pack = folder.file("pack")
        try FileManager.default.copyItem(at: Fixture.url("pack"), to: pack)
        let rules = pack.appendingPathComponent("rules.yaml")
        let original = try Data(contentsOf: rules)
        let result = await CLI.run(
            ["check", "--policy", pack.path, "--as-of", "2026-11-26", "--output", rules.path, failingFile])
        let after = try Data(contentsOf: rules)
        #expect(result.status == 2, "\(result.summary)")
        #expect(after == original, "the rule pack file was overwritten by the report")
        #expect(result.stderr.contains("refusing to write the report"))
    }

    @Test("--inventory: a ref resolves against a declaration only in the inventory, which is not itself checked")
    func inventory() async throws {
        let file = Fixture.path("decls/uses-inventory.yaml")
        let without = await CLI.run(["check", "--format", "json"] + againstTestPack + [file])
        #expect(without.status == 1, "\(without.summary)")
        #expect(
            findings(without.json()).map(brief) == ["\(file):14:17 TST-REF-003 spec.architecture.integrations[0].target"])
        #expect(findings(without.json()).first?["message"] as? String != nil)

        let with = await CLI.run(
            ["check", "--format", "json", "--inventory", Fixture.path("inventory")] + againstTestPack + [file])
        #expect(with.status == 0, "\(with.summary)")
        let report = try #require(with.json())
        #expect(findings(report).isEmpty, "\(findings(report).map(brief))")
        #expect(report["declarations"] as? Int == 1, "inventory declarations are not counted as checked")
        #expect(errors(report).isEmpty)

        // A single inventory file works too, and its own (failing) content never shows up.
        let single = await CLI.run(
            ["check", "--inventory", Fixture.path("inventory/inventory-target.yaml")] + againstTestPack + [file, failingFile])
        #expect(single.status == 1)
        #expect(!single.stdout.contains("inventory-target.yaml:"), "\(single.summary)")
        #expect(!single.stdout.contains("uses-inventory.yaml:"), "\(single.summary)")
        #expect(single.stdout.contains("\(failingFile):20:17: error: [TST-REF-003]"), "unrelated refs still fail")
    }

    @Test(
        "Usage errors exit 2 with a message on stderr",
        arguments: [
            (["--as-of", "2026-13-45"], "2026-13-45"),
            (["--as-of", "26-11-2026"], "26-11-2026"),
            (["--format", "xml"], "xml"),
            (["--fail-on", "sometimes"], "sometimes"),
            (["--lang", "fr"], "fr"),
            (["--no-such-flag"], "--no-such-flag"),
        ])
    func usageErrors(_ arguments: [String], _ named: String) async throws {
        let result = await CLI.run(["check", failingFile, "--policy", Fixture.pack] + arguments)
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains(named), "\(result.summary)")
        #expect(result.stdout.isEmpty, "\(result.summary)")
    }

    @Test("check without paths is a usage error")
    func noPaths() async throws {
        let result = await CLI.run(["check"] + againstTestPack)
        #expect(result.status == 2, "\(result.summary)")
        #expect(!result.stderr.isEmpty)
        #expect(result.stdout.isEmpty)
    }
}

@Suite("dump: how policykoll reads YAML")
struct DumpTests {
    @Test("dump prints one JSON line per document, YAML 1.2 core schema scalars, merges expanded, warnings located")
    func dumpScalars() async throws {
        let file = Fixture.path("dump/scalars.yaml")
        let result = await CLI.run(["dump", file])
        #expect(result.status == 0, "\(result.summary)")
        let lines = result.stdoutLines
        #expect(lines.count == 2, "\(result.summary)")
        guard lines.count == 2 else { return }
        #expect(lines[1] == #"{"second":"document"}"#)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["plainYes"] as? String == "yes")
        #expect(first["plainNo"] as? String == "NO")
        #expect(first["date"] as? String == "2026-01-01")
        #expect(first["quotedTrue"] as? String == "true")
        #expect(first["tilde"] is NSNull)
        #expect(first["empty"] is NSNull)
        #expect(first["float"] as? Double == 1.5)
        // JSONSerialization blurs booleans and numbers, so check the exact text for those.
        for member in [#""hex":31"#, #""octal":15"#, #""realTrue":true"#, #""capitalFalse":false"#, #""tilde":null"#] {
            #expect(lines[0].contains(member), "\(member) in \(lines[0])")
        }
        #expect(lines[0].contains(#""merged":{"x":1,"y":3}"#), "\(lines[0])")
        #expect(!lines[0].contains("<<"))
        let merged = try #require(first["merged"] as? [String: Any])
        #expect(Set(merged.keys) == ["x", "y"])

        #expect(result.stderr.contains("\(file):2:11: warning: ambiguous boolean 'yes'"), "\(result.stderr)")
        #expect(result.stderr.contains("\(file):3:10: warning: ambiguous boolean 'NO'"), "\(result.stderr)")
        #expect(!result.stderr.contains("error"), "\(result.stderr)")
    }

    @Test("dump of a file with a syntax error exits 2 with file:line:col")
    func dumpSyntaxError() async throws {
        let file = Fixture.path("dump/syntax-error.yaml")
        let result = await CLI.run(["dump", file])
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("\(file):3:2: error: invalid YAML"), "\(result.stderr)")
    }

    @Test("dump of a nonexistent file exits 2 and names it")
    func dumpMissingFile() async throws {
        let result = await CLI.run(["dump", "no-such-file.yaml"])
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("no-such-file.yaml"), "\(result.summary)")
    }

    @Test("dump of a folder exits 2: it reads one file, so that every line is that file's")
    func dumpFolder() async throws {
        let result = await CLI.run(["dump", "examples"])
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("examples: error: is a folder; dump reads one file"), "\(result.summary)")
        #expect(result.stdout.isEmpty)
    }

    @Test("dump - reads standard input")
    func dumpStandardInput() async throws {
        let result = await CLI.run(["dump", "-"], stdin: Data("a: off\nb: 0x10\n".utf8))
        #expect(result.status == 0, "\(result.summary)")
        #expect(result.stdout == #"{"a":"off","b":16}"# + "\n")
        #expect(result.stderr.contains("1:4: warning: ambiguous boolean 'off'"), "\(result.stderr)")
    }
}

@Suite("check: what people see when the report goes elsewhere")
struct ReportElsewhereTests {
    @Test("text report to a file still shows input errors on stderr")
    func textToFileEchoesErrors() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.file("report.txt")
        let result = await CLI.run(
            ["check", "--output", target.path] + againstTestPack + [Fixture.path("broken/syntax.yaml"), failingFile])
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stdoutData.isEmpty)
        #expect(result.stderr.contains("broken/syntax.yaml:"), "\(result.summary)")
        #expect(result.stderr.contains("error: invalid YAML"), "\(result.summary)")
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.contains("error: invalid YAML"))
    }

    @Test("--output naming a folder says so")
    func outputIsFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = await CLI.run(["check", "--output", folder.url.path] + againstTestPack + [failingFile])
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("this is a folder; give a file name"), "\(result.summary)")
    }

    @Test("a very long line is shown as a window around the caret")
    func longLineWindow() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("long.yaml")
        // The stray `}` in the middle of a 6,000-character line is the syntax error.
        let text = "key: [" + String(repeating: "1, ", count: 1000) + "} " + String(repeating: "1, ", count: 1000) + "]\n"
        try Data(text.utf8).write(to: file)
        let result = await CLI.run(["check"] + againstTestPack + [file.path])
        #expect(result.status == 2, "\(result.summary)")
        let lines = result.stdoutLines
        let index = try #require(lines.firstIndex { $0.contains("long.yaml:") && $0.contains("error:") }, "\(result.summary)")
        let excerpt = lines[index + 1]
        #expect(excerpt.count < 140, "excerpt is \(excerpt.count) characters")
        #expect(excerpt.hasPrefix(" 1 | …") && excerpt.hasSuffix("…"), "\(excerpt)")
        let caretLine = lines[index + 2]
        let caret = try #require(caretLine.firstIndex(of: "^"))
        let offset = caretLine.distance(from: caretLine.startIndex, to: caret)
        #expect(Array(excerpt)[offset] == "}", "the caret must sit under the stray brace")
    }
}
