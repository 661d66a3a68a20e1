import Foundation
import Testing

@Suite("policykoll schema and init")
struct SchemaAndInitTests {
    @Test("schema prints the committed schema/declaration.schema.json")
    func schemaInSync() async throws {
        let result = await CLI.run(["schema"])
        #expect(result.status == 0, "\(result.summary)")
        let committed = try String(
            contentsOf: CLI.packageRoot.appendingPathComponent("schema/declaration.schema.json"), encoding: .utf8)
        #expect(
            committed == result.stdout,
            "schema/declaration.schema.json is out of date; regenerate it with: swift run policykoll schema > schema/declaration.schema.json"
        )
        let json = try #require(result.json())
        #expect(json["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(json["$id"] is String)
        #expect(json["title"] is String)
        #expect(json["required"] as? [String] == ["apiVersion", "kind", "metadata", "spec"])
    }

    @Test("every example starts with the yaml-language-server line pointing at the schema")
    func examplesPointAtSchema() throws {
        let folder = CLI.packageRoot.appendingPathComponent("examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 7)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema=../schema/declaration.schema.json\n"), "\(file)")
        }
    }

    @Test("init without a file prints the template; its comments follow --lang")
    func initToStdout() async throws {
        let swedish = await CLI.run(["init", "--lang", "sv"])
        #expect(swedish.status == 0, "\(swedish.summary)")
        #expect(swedish.stdout.contains("# STY-1: utsedda ägare"))
        #expect(!swedish.stdout.contains("# STY-1: named owners"))
        let english = await CLI.run(["init", "--lang", "en"])
        #expect(english.stdout.contains("# STY-1: named owners"))
        #expect(!english.stdout.contains("#sv:") && !english.stdout.contains("#en:"))
        for section in [
            "lifecycle", "roles", "governance", "service", "information", "architecture", "security", "personalData",
            "procurement",
        ] {
            #expect(english.stdout.contains("\n  \(section):"), "the template has spec.\(section)")
        }
    }

    @Test("init writes a valid declaration, never overwrites without --force")
    func initFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("mitt-system.yaml")
        let first = await CLI.run(["init", file.path, "--lang", "en"])
        #expect(first.status == 0, "\(first.summary)")
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written.contains("apiVersion: policykoll/v1"))

        let check = await CLI.run(["check", file.path, "--as-of", "2026-11-26", "--format", "json"])
        // Valid, but nobody filled it in: it must not pass the gate.
        #expect(check.status == 1, "\(check.summary)")
        let report = try #require(check.json())
        #expect(errors(report).isEmpty, "the template is a valid declaration")
        #expect(report["declarations"] as? Int == 1)
        let rules = Set(findings(report).compactMap { $0["ruleId"] as? String })
        #expect(rules.isSuperset(of: ["GBG-STY-001", "GBG-STY-005", "GBG-ARK-001", "GBG-ARK-019", "GBG-INF-011"]), "\(rules)")
        #expect((report["warnings"] as? [Any])?.isEmpty == true, "empty values are not judged by the schema")

        try Data("keep me\n".utf8).write(to: file)
        let again = await CLI.run(["init", file.path])
        #expect(again.status == 2, "\(again.summary)")
        #expect(again.stderr.contains("already exists"))
        #expect(again.stderr.contains("--force"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep me\n")

        let forced = await CLI.run(["init", file.path, "--force"])
        #expect(forced.status == 0, "\(forced.summary)")
        #expect(try String(contentsOf: file, encoding: .utf8).contains("apiVersion: policykoll/v1"))

        let onFolder = await CLI.run(["init", folder.url.path, "--force"])
        #expect(onFolder.status == 2)
        let missing = folder.file("no-such-folder/x.yaml").path
        let intoNowhere = await CLI.run(["init", missing])
        #expect(intoNowhere.status == 2)
        #expect(intoNowhere.stderr.contains("\(missing): cannot write the template: "), "\(intoNowhere.summary)")
    }

    @Test("init: a symbolic link is the user's too (kept without --force); with --force it is written through")
    func initThroughLinks() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dangling = folder.file("dangling.yaml")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "target.yaml")
        let refused = await CLI.run(["init", dangling.path])
        #expect(refused.status == 2, "\(refused.summary)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("target.yaml").path))
        let forced = await CLI.run(["init", dangling.path, "--force"])
        #expect(forced.status == 0, "\(forced.summary)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dangling.path) == "target.yaml", "still a link")
        #expect(try String(contentsOf: folder.file("target.yaml"), encoding: .utf8).contains("apiVersion: policykoll/v1"))
        // A private file stays private when --force writes it again.
        let secret = folder.file("secret.yaml")
        try Data("x\n".utf8).write(to: secret)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret.path)
        #expect(await CLI.run(["init", secret.path, "--force"]).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: secret.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
