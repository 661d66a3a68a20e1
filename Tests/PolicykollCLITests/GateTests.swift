import Foundation
import Testing

/// The procurement gate end to end: exceptions, baselines, several reports, the configuration file.
@Suite("check as a CI gate: exceptions, baselines, several reports, .policykoll.yaml")
struct GateTests {
    static let exceptionsText = """
        apiVersion: policykoll/v1
        kind: Exceptions
        exceptions:
          - rule: TST-EXISTS-001
            declaration: failing-system
            reason: DPIA pågår, klar i mars
            approvedBy: Dataskyddsombud Eva Ek
            decision: Dnr 77/26
            expires: 2027-03-31
          - rule: TST-MATCH-004
            declaration: failing-system
            reason: Gammalt namn
            approvedBy: Systemägare
            expires: 2026-01-31
          - rule: TST-WITHIN-005
            declaration: some-other-system
            reason: Används inte
            approvedBy: Systemägare
            expires: 2027-01-31

        """

    @Test("an exceptions file: active ones except, expired and unused ones are reported, the gate counts only open findings")
    func exceptionsFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let exceptions = folder.file("exceptions.yaml")
        try write(Self.exceptionsText, to: exceptions)
        let result = await CLI.run(
            ["check", "--format", "json", "--exceptions", exceptions.path] + againstTestPack + [failingFile])
        #expect(result.status == 1, "\(result.summary)")
        let report = try #require(result.json())
        let statuses = findings(report).map { "\($0["ruleId"] as? String ?? "") \($0["status"] as? String ?? "")" }
        #expect(statuses.contains("TST-EXISTS-001 excepted"))
        #expect(statuses.contains("TST-MATCH-004 open"))
        let uses = try #require(report["exceptions"] as? [[String: Any]])
        #expect(uses.map { $0["status"] as? String } == ["active", "expired", "unused"])
        let warnings = try #require(report["warnings"] as? [[String: Any]])
        let messages = warnings.compactMap { $0["message"] as? String }
        #expect(
            messages.contains(
                "the exception for TST-MATCH-004 on failing-system expired on 2026-01-31; its finding is open again"))
        #expect(messages.contains { $0.contains("TST-WITHIN-005 on some-other-system matches no finding (unused)") })
        let summary = try #require(report["summary"] as? [String: Int])
        #expect(summary["excepted"] == 1)

        // With every error finding excepted or below the threshold, the gate passes.
        let never = await CLI.run(
            ["check", "--fail-on", "never", "--exceptions", exceptions.path] + againstTestPack + [failingFile])
        #expect(never.status == 0, "\(never.summary)")
    }

    @Test("a malformed exceptions file exits 2 with file:line:col, and the declarations are still checked")
    func malformedExceptions() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let exceptions = folder.file("exceptions.yaml")
        try write(
            "apiVersion: policykoll/v1\nkind: Exceptions\nexceptions:\n  - {rule: TST-EXISTS-001, declaration: failing-system, reason: x, expires: 2027-01-01}\n",
            to: exceptions)
        let result = await CLI.run(["check", "--exceptions", exceptions.path] + againstTestPack + [failingFile])
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stdout.contains("\(exceptions.path):4:5: error: an exception needs 'approvedBy'"), "\(result.summary)")
        #expect(result.stdout.contains("[TST-EXISTS-001]"), "the declaration is still checked: \(result.summary)")
    }

    @Test("a baseline survives moving the file and adding lines above the findings; a new finding fails the gate")
    func baselineSurvivesMoves() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let original = try String(contentsOf: Fixture.url("decls/failing.yaml"), encoding: .utf8)
        let before = folder.file("before/system.yaml")
        try write(original, to: before)
        let baseline = folder.file("baseline.json")
        let first = await CLI.run(["check", "--format", "json", "--output", baseline.path] + againstTestPack + [before.path])
        #expect(first.status == 1, "\(first.summary)")

        // Moved, with comment lines added at the top: every finding is in the baseline.
        let moved = folder.file("after/renamed.yaml")
        try write("# Flyttad och kommenterad\n# rad två\n# rad tre\n" + original, to: moved)
        let second = await CLI.run(["check", "--format", "json", "--baseline", baseline.path] + againstTestPack + [moved.path])
        #expect(second.status == 0, "\(second.summary)")
        let report = try #require(second.json())
        #expect(findings(report).allSatisfy { $0["status"] as? String == "baseline" })
        #expect(findings(report).first?["line"] as? Int != nil)
        let summary = try #require(report["summary"] as? [String: Int])
        #expect(summary["baseline"] == findings(report).count)
        #expect(summary["error"] == 0)

        // A new problem is new, and fails the gate; the known ones stay in the baseline.
        let worse = original.replacingOccurrences(
            of: "        protocol: SMTP\n",
            with: "        protocol: SMTP\n      - name: E\n        target: failing-system\n        protocol: FTP\n")
        try write(worse, to: moved)
        let third = await CLI.run(["check", "--format", "json", "--baseline", baseline.path] + againstTestPack + [moved.path])
        #expect(third.status == 1, "\(third.summary)")
        let open = findings(third.json()).filter { $0["status"] as? String == "open" }
        #expect(open.map { $0["path"] as? String } == ["spec.architecture.integrations[4].protocol"])
    }

    @Test("a malformed baseline exits 2 with a location")
    func malformedBaseline() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let baseline = folder.file("baseline.json")
        try write("{\n  \"findings\": {\"not\": \"a list\"}\n}\n", to: baseline)
        let result = await CLI.run(["check", "--baseline", baseline.path] + againstTestPack + [failingFile])
        #expect(result.status == 2, "\(result.summary)")
        #expect(
            result.stdout.contains("\(baseline.path):2:15: error: 'findings' in a baseline must be a list"), "\(result.summary)")

        // A baseline is one file: a folder is an error, not searched for a file to use.
        try write("apiVersion: policykoll/v1\nkind: Exceptions\nexceptions: []\n", to: folder.file("other.yaml"))
        let ofFolder = await CLI.run(["check", "--baseline", folder.url.path] + againstTestPack + [failingFile])
        #expect(ofFolder.status == 2, "\(ofFolder.summary)")
        #expect(
            ofFolder.stdout.contains("\(folder.url.path): error: cannot read the file: it is a folder"), "\(ofFolder.summary)")
    }

    @Test("several reports in one run: SARIF and JUnit to files, text to standard output")
    func severalReports() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sarif = folder.file("out/results.sarif")
        let junit = folder.file("out/results.xml")
        try FileManager.default.createDirectory(at: sarif.deletingLastPathComponent(), withIntermediateDirectories: true)
        let result = await CLI.run(
            [
                "check", "--format", "sarif", "--output", sarif.path, "--format", "junit", "--output", junit.path, "--format",
                "text",
            ]
                + againstTestPack + [failingFile])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.stdout.contains("error: [TST-EXISTS-001]"))
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: sarif)) as? [String: Any]
        #expect(log?["version"] as? String == "2.1.0")
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.hasPrefix("<?xml"))
        #expect(xml.contains("<testsuite name=\"failing-system\""))

        let twoToStdout = await CLI.run(["check", "--format", "json", "--format", "text"] + againstTestPack + [failingFile])
        #expect(twoToStdout.status == 2)
        #expect(twoToStdout.stderr.contains("only one report can go to standard output"))
        #expect(twoToStdout.stderr.contains("Usage: policykoll check ["), "the check's usage: \(twoToStdout.summary)")
        #expect(twoToStdout.stderr.contains("See 'policykoll check --help'"), "\(twoToStdout.summary)")
        let tooManyOutputs = await CLI.run(
            ["check", "--format", "json", "--output", "a.json", "--output", "b.json"] + againstTestPack + [failingFile])
        #expect(tooManyOutputs.status == 2)
        #expect(tooManyOutputs.stderr.contains("more --output than --format"))
    }

    @Test("github and markdown formats on the command line")
    func githubAndMarkdown() async throws {
        let github = await CLI.run(["check", "--format", "github"] + againstTestPack + [failingFile])
        #expect(github.status == 1, "\(github.summary)")
        #expect(github.stdoutLines.contains { $0.hasPrefix("::error file=\(failingFile),line=27,col=3,title=TST-EXISTS-001") })
        let markdown = await CLI.run(["check", "--format", "markdown", "--lang", "en"] + againstTestPack + [failingFile])
        #expect(markdown.stdout.hasPrefix("## policykoll: ❌ problems found"), "\(markdown.summary)")
    }

    /// A repository as a configuration names it: the test pack in `pack`, a failing declaration
    /// in `systems`, and `exceptions.yaml`.
    static func projectFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Fixture.url("pack"), to: folder.file("pack"))
        try write(
            try String(contentsOf: Fixture.url("decls/failing.yaml"), encoding: .utf8), to: folder.file("systems/failing.yaml"))
        try write(exceptionsText, to: folder.file("exceptions.yaml"))
        return folder
    }

    @Test("audit reads .policykoll.yaml as check does: the same pack, inventory, exceptions, date and language")
    func auditConfiguration() async throws {
        let folder = try Self.projectFolder()
        defer { folder.remove() }
        try write(
            """
            policy: [pack]
            paths: [systems]
            exceptions: exceptions.yaml
            asOf: 2026-11-26
            lang: en
            baseline: none-needed.json
            outputs: [{format: sarif, output: check.sarif}]

            """, to: folder.file(".policykoll.yaml"))
        let audit = await CLI.run(["audit", "--format", "json"], in: folder.url)
        #expect(audit.status == 0, "\(audit.summary)")
        let report = try #require(audit.json())
        #expect((report["policy"] as? [String: Any])?["name"] as? String == "clitest", "\(report["policy"] ?? "")")
        #expect(report["asOf"] as? String == "2026-11-26")
        #expect(report["language"] as? String == "en")
        let excepted = (report["compliance"] as? [String: Any])?["excepted"] as? Int
        #expect((excepted ?? 0) > 0, "the configuration's exceptions apply: \(report["compliance"] ?? "")")
        #expect(!FileManager.default.fileExists(atPath: folder.file("check.sarif").path), "check's outputs are not the audit's")

        let flags = await CLI.run(["audit", "--format", "json", "--lang", "sv", "--as-of", "today"], in: folder.url)
        #expect(flags.json()?["language"] as? String == "sv")
        let ignored = await CLI.run(["audit", "--no-config", "--format", "json", "systems"], in: folder.url)
        #expect((ignored.json()?["policy"] as? [String: Any])?["name"] as? String == "goteborg")
        let none = await CLI.run(["audit", "--no-config"], in: folder.url)
        #expect(none.status == 2)
        #expect(none.stderr.contains("give the inventory"))

        // The configuration's inventory is for `ref` only: read, not audited.
        try write(
            try String(contentsOf: Fixture.url("decls/clean.yaml"), encoding: .utf8), to: folder.file("inventory/clean.yaml"))
        try write("paths: [systems]\ninventory: [inventory]\n", to: folder.file(".policykoll.yaml"))
        let withInventory = await CLI.run(["audit", "--format", "json"], in: folder.url)
        #expect(withInventory.status == 0, "\(withInventory.summary)")
        #expect(withInventory.json()?["declarations"] as? Int == 1)
        try write("a: [\n", to: folder.file("inventory/broken.yaml"))
        let brokenInventory = await CLI.run(["audit", "--format", "json"], in: folder.url)
        #expect(brokenInventory.status == 2, "the inventory is read: \(brokenInventory.summary)")
        #expect(errors(brokenInventory.json()).contains { ($0["file"] as? String)?.hasSuffix("inventory/broken.yaml") == true })

        try write("paths: [systems]\nasOf: today\n", to: folder.file(".policykoll.yaml"))
        let today = await CLI.run(["audit", "--format", "json"], in: folder.url)
        #expect(today.status == 0, "asOf: today is the default said explicitly: \(today.summary)")
        try write("paths: [systems]\npolcy: [pack]\n", to: folder.file(".policykoll.yaml"))
        let unknown = await CLI.run(["audit"], in: folder.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains(".policykoll.yaml:2:1: error: unknown key 'polcy'"), "\(unknown.summary)")
    }

    @Test("a .policykoll.yaml that is a link to nowhere or a pipe is an error, not ignored or waited on")
    func unusableConfigurationFile() async throws {
        let folder = try Self.projectFolder()
        defer { folder.remove() }
        let config = folder.file(".policykoll.yaml").path
        try FileManager.default.createSymbolicLink(atPath: config, withDestinationPath: "nowhere.yaml")
        let dangling = await CLI.runBounded(["check", "systems"], in: folder.url)
        #expect(dangling.status == 2, "the team's settings are not dropped without a word: \(dangling.summary)")
        #expect(dangling.stderr.contains(".policykoll.yaml: error:"), "\(dangling.summary)")
        try FileManager.default.removeItem(atPath: config)
        #expect(mkfifo(config, 0o644) == 0)
        let pipe = await CLI.runBounded(["check", "systems"], in: folder.url)
        #expect(pipe.status == 2, "\(pipe.summary)")
        #expect(pipe.stderr.contains(".policykoll.yaml: error: not a regular file"), "\(pipe.summary)")
    }

    @Test(".policykoll.yaml supplies defaults relative to itself; flags override; unknown keys are errors")
    func configurationFile() async throws {
        let folder = try Self.projectFolder()
        defer { folder.remove() }
        try write(
            """
            policy: [pack]
            paths: [systems]
            exceptions: exceptions.yaml
            asOf: 2026-11-26
            failOn: never
            lang: en
            outputs:
              - {format: json, output: report.json}
              - {format: text}

            """, to: folder.file(".policykoll.yaml"))
        let result = await CLI.run(["check"], in: folder.url)
        #expect(result.status == 0, "\(result.summary)")
        #expect(result.stdout.contains("in 1 declaration"), "English from the configuration: \(result.summary)")
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("report.json"))) as? [String: Any]
        #expect(findings(written).contains { $0["status"] as? String == "excepted" })

        let overridden = await CLI.run(["check", "--fail-on", "error", "--lang", "sv", "--format", "text"], in: folder.url)
        #expect(overridden.status == 1, "\(overridden.summary)")
        #expect(overridden.stdout.contains("i 1 deklaration"), "\(overridden.summary)")

        let ignored = await CLI.run(["check", "--no-config", "systems"], in: folder.url)
        #expect(ignored.stdout.contains("goteborg"), "without the configuration the embedded pack is used: \(ignored.summary)")

        try write("policy: [pack]\nfailon: never\n", to: folder.file(".policykoll.yaml"))
        let unknown = await CLI.run(["check", "systems"], in: folder.url)
        #expect(unknown.status == 2, "\(unknown.summary)")
        #expect(
            unknown.stderr.contains(
                ".policykoll.yaml:2:1: error: unknown key 'failon' in the configuration; did you mean 'failOn'?"))

        try write("policy: [pack]\nfailOn: warnings\n", to: folder.file(".policykoll.yaml"))
        let wrongValue = await CLI.run(["check", "systems"], in: folder.url)
        #expect(wrongValue.status == 2, "\(wrongValue.summary)")
        #expect(
            wrongValue.stderr.contains(
                ".policykoll.yaml:2:9: error: 'failOn' must be one of error, warning, info, never, found 'warnings'"),
            "\(wrongValue.summary)")
    }
}

@Suite("check on folders that hold other YAML")
struct MixedFolderTests {
    @Test("files found in folders that are not declarations are skipped and counted; named ones are errors")
    func mixedFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func write(_ text: String, _ name: String) throws {
            let url = folder.file(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("name: ci\non: [push]\njobs: {build: {runs-on: ubuntu-latest}}\n", "repo/ci/workflow.yml")
        try write("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n", "repo/k8s/deploy.yaml")
        try write("apiVersion: policykoll/v1\nkind: Exceptions\nexceptions: []\n", "repo/exceptions.yaml")
        try write(try String(contentsOf: Fixture.url("decls/clean.yaml"), encoding: .utf8), "repo/systems/clean.yaml")
        try write(
            "kind: System\nmetadata: {id: half, name: Half, organisation: X}\nspec: {}\n", "repo/systems/no-api-version.yaml")

        let result = await CLI.run(["check", "--format", "json"] + againstTestPack + [folder.file("repo").path])
        #expect(result.status == 2, "the declaration without apiVersion is still an error: \(result.summary)")
        let report = try #require(result.json())
        let skipped = try #require(report["skipped"] as? [String]).map { ($0 as NSString).lastPathComponent }
        #expect(skipped == ["workflow.yml", "exceptions.yaml", "deploy.yaml"])
        #expect(report["declarations"] as? Int == 1)
        #expect(errors(report).map { $0["message"] as? String } == ["required field 'apiVersion' is missing"])

        let text = await CLI.run(["check"] + againstTestPack + [folder.file("repo").path])
        #expect(text.stdoutLines.last?.contains("3 filer utan deklarationer överhoppade") == true, "\(text.summary)")

        let named = await CLI.run(["check"] + againstTestPack + [folder.file("repo/k8s/deploy.yaml").path])
        #expect(named.status == 2, "a file named explicitly is checked as a declaration: \(named.summary)")
        #expect(named.stdout.contains("unsupported apiVersion 'apps/v1'"))
    }

    @Test("a bare v1 with a declaration's kind and an id or an organisation, however spelt, is an error, not skipped")
    func bareVersionWithDeclarationMetadata() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data("apiVersion: v1\nkind: System\nmetadata: {name: HR, organization: HR}\nspec: {}\n".utf8)
            .write(to: folder.file("us-spelling.yaml"))
        let result = await CLI.run(["check", "--format", "json"] + againstTestPack + [folder.url.path])
        #expect(result.status == 2, "\(result.summary)")
        let messages = errors(result.json()).compactMap { $0["message"] as? String }
        #expect(messages.contains("unsupported apiVersion 'v1'; expected 'policykoll/v1'"), "\(messages)")
    }

    @Test(
        "a declaration whose apiVersion is a slip of policykoll's is an error in a folder too, another tool's System is skipped",
        arguments: ["policykol/v1", "PolicyKoll/v1", "policykoll.io/v1", "v1", "policykoll-v1"])
    func apiVersionSlip(version: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let clean = try String(contentsOf: Fixture.url("decls/clean.yaml"), encoding: .utf8)
        try Data(clean.utf8).write(to: folder.file("clean.yaml"))
        let slipped = clean.replacingOccurrences(of: "apiVersion: policykoll/v1", with: "apiVersion: \(version)")
            .replacingOccurrences(of: "id: ", with: "id: slipped-")
        #expect(slipped.contains("apiVersion: \(version)\n"))
        try Data(slipped.utf8).write(to: folder.file("slipped.yaml"))
        try Data("apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: {name: web}\nspec: {owner: team}\n".utf8)
            .write(to: folder.file("catalog-info.yaml"))
        // A bare `v1` of another tool: a known kind, but no declaration's metadata.
        try Data("apiVersion: v1\nkind: System\nmetadata: {name: web, namespace: prod}\nspec: {ports: [80]}\n".utf8)
            .write(to: folder.file("service.yaml"))

        let result = await CLI.run(["check", "--format", "json"] + againstTestPack + [folder.url.path])
        #expect(result.status == 2, "a slip must not pass the gate unchecked: \(result.summary)")
        let report = try #require(result.json())
        #expect(
            errors(report).map { $0["message"] as? String } == ["unsupported apiVersion '\(version)'; expected 'policykoll/v1'"])
        let skipped = try #require(report["skipped"] as? [String]).map { ($0 as NSString).lastPathComponent }
        #expect(skipped == ["catalog-info.yaml", "service.yaml"])
    }
}

/// Writes a file, making its folder first.
private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}
