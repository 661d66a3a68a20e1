import Foundation
import PolicykollCore
import Testing

/// Hostile files around the declarations: folder loops, unreadable files, exceptions and
/// baselines that are malformed or name what does not exist.
@Suite("Hostile files: folders, permissions, exceptions and baselines", .serialized)
struct HostileFileTests {
    @Test("A folder with symbolic-link loops: each loop is a warning, every file is checked once")
    func symbolicLinkLoop() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sub = folder.file("tree/sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Fixture.data("decls/failing.yaml").write(to: sub.appendingPathComponent("failing.yaml"))
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("back").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: folder.file("tree/self").path, withDestinationPath: ".")
        let tree = folder.file("tree").path
        let result = await CLI.runBounded(["check", "--format", "json"] + againstTestPack + [tree])
        #expect(result.status == 1, "\(result.summary)")
        let report = try #require(result.json())
        #expect(report["declarations"] as? Int == 1)
        #expect(findings(report).count == failingFindings.count)
        let warnings = (report["warnings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(warnings.count == 2 && warnings.allSatisfy { $0.contains("symbolic link leads back") }, "\(warnings)")
    }

    @Test("A folder whose every YAML file is something else fails the gate: nothing was checked")
    func folderWithoutDeclarations() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data("apiVersion: policykoll/v1\nkind: Rules\nrules: []\n".utf8).write(to: folder.file("rules.yaml"))
        try Data("name: another tool's config\n".utf8).write(to: folder.file("tool.yaml"))
        let result = await CLI.runBounded(["check", "--format", "json"] + againstTestPack + [folder.url.path])
        #expect(result.status == 2, "\(result.summary)")
        let report = try #require(result.json())
        #expect(report["declarations"] as? Int == 0)
        #expect(
            errors(report).contains {
                ($0["message"] as? String)?.hasPrefix("no declaration found: none of the 2 YAML files found") == true
            }, "\(result.summary)")
        #expect((report["skipped"] as? [Any])?.count == 2)
        // Said of the folder that was given, not of one of its files.
        #expect(errors(report).contains { ($0["file"] as? String) == folder.url.path }, "\(result.summary)")
        // A folder whose only YAML files are hidden says that hidden ones are not read.
        let hidden = folder.file("hidden")
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        try Fixture.data("decls/failing.yaml").write(to: hidden.appendingPathComponent(".draft.yaml"))
        let onlyHidden = await CLI.runBounded(["check"] + againstTestPack + [hidden.path])
        #expect(onlyHidden.status == 2)
        #expect(onlyHidden.stdout.contains("hidden ones, whose names start with '.', are not read"), "\(onlyHidden.summary)")
    }

    @Test("A file linked beside itself in a folder is read once, by its own name: no duplicate id with itself")
    func fileLinkedBesideItself() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Fixture.data("decls/failing.yaml").write(to: folder.file("one.yaml"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("alias.yaml").path, withDestinationPath: "one.yaml")
        try FileManager.default.linkItem(atPath: folder.file("one.yaml").path, toPath: folder.file("hard.yaml").path)
        let result = await CLI.runBounded(["check", "--format", "json"] + againstTestPack + [folder.url.path])
        #expect(result.status == 1, "\(result.summary)")
        let report = try #require(result.json())
        #expect(report["declarations"] as? Int == 1)
        #expect((report["errors"] as? [Any])?.isEmpty == true, "\(result.summary)")
        // Of a symbolic link and its target, the target's own name; of hard links, the first.
        let files = Set(
            findings(report).compactMap { ($0["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } })
        #expect(files == ["hard.yaml"], "\(files)")
        // Named again beside its folder, through a link, it is still read once.
        let again = await CLI.runBounded(
            ["check", "--format", "json"] + againstTestPack + [folder.url.path, folder.file("alias.yaml").path])
        #expect(again.status == 1, "\(again.summary)")
        #expect((again.json()?["errors"] as? [Any])?.isEmpty == true, "\(again.summary)")
    }

    @Test("Links to nowhere named like YAML files: a warning each, the rest is checked; named directly, an error")
    func brokenFileLinks() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Fixture.data("decls/failing.yaml").write(to: folder.file("failing.yaml"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("dangling.yaml").path, withDestinationPath: "gone.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder.file("loop-a.yml").path, withDestinationPath: "loop-b.yml")
        try FileManager.default.createSymbolicLink(atPath: folder.file("loop-b.yml").path, withDestinationPath: "loop-a.yml")
        try FileManager.default.createSymbolicLink(atPath: folder.file("notes.txt").path, withDestinationPath: "gone.txt")
        let result = await CLI.runBounded(["check", "--format", "json"] + againstTestPack + [folder.url.path])
        #expect(result.status == 1, "\(result.summary)")
        let report = try #require(result.json())
        #expect(report["declarations"] as? Int == 1)
        let warnings = (report["warnings"] as? [[String: Any]] ?? []).map {
            "\(($0["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } ?? "?"): \($0["message"] as? String ?? "")"
        }
        #expect(
            warnings == [
                "dangling.yaml: a symbolic link that cannot be followed: no such file; skipped",
                "loop-a.yml: a symbolic link that cannot be followed: too many levels of symbolic links; skipped",
                "loop-b.yml: a symbolic link that cannot be followed: too many levels of symbolic links; skipped",
            ], "\(warnings)")

        // A link whose target runs through a file (ENOTDIR) leads nowhere too.
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("through-a-file.yaml").path, withDestinationPath: "failing.yaml/old.yaml")
        let throughFile = await CLI.runBounded(["check", "--format", "json"] + againstTestPack + [folder.url.path])
        #expect(throughFile.status == 1, "\(throughFile.summary)")
        let named = await CLI.runBounded(["check"] + againstTestPack + [folder.file("dangling.yaml").path])
        #expect(named.status == 2, "\(named.summary)")
        let text = named.stdout + named.stderr
        #expect(text.contains("dangling.yaml: error: a symbolic link that cannot be followed: no such file"), "\(named.summary)")
    }

    @Test(
        "An unreadable file: 'cannot read the file: permission denied', and the rest is still checked",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") || getuid() != 0,
            "running as root without setpriv: chmod 000 does not stop root from reading"))
    func unreadableFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let locked = folder.file("locked.yaml")
        let valid = folder.file("failing.yaml")
        try Data(HostileInput.header("locked").utf8).write(to: locked)
        try Fixture.data("decls/failing.yaml").write(to: valid)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        let binary = try #require(CLI.binary)
        var arguments =
            ["check", "--format", "json"]
            + againstTestPack.map {
                $0 == Fixture.pack ? CLI.packageRoot.appendingPathComponent(Fixture.pack).path : $0
            }
        arguments += [locked.path, valid.path]
        // As root, read as `nobody`, for whom the mode really is 000.
        let result =
            getuid() == 0
            ? await CLI.run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments,
                executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
            : await CLI.runBounded(arguments)
        #expect(result.status == 2, "\(result.summary)")
        let report = try #require(result.json())
        let error = try #require(errors(report).first { $0["file"] as? String == locked.path }, "\(errors(report))")
        #expect(error["message"] as? String == "cannot read the file: permission denied")
        #expect(findings(report).count == failingFindings.count)
    }

    @Test(
        "A folder that can be listed but not entered: each entry an error, exit 2, the rest still checked",
        .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv"))
    func folderWithoutSearchPermission() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let locked = folder.file("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try Data(HostileInput.header("hidden").utf8).write(to: locked.appendingPathComponent("hidden.yaml"))
        try Fixture.data("decls/failing.yaml").write(to: folder.file("failing.yaml"))
        // A link not named like YAML into that folder is passed over with a warning.
        try FileManager.default.createSymbolicLink(atPath: folder.file("notes").path, withDestinationPath: "locked/notes.txt")
        // Readable (its names can be listed) but not searchable: no entry in it can be opened or stat'ed.
        try FileManager.default.setAttributes([.posixPermissions: 0o744], ofItemAtPath: locked.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        let binary = try #require(CLI.binary)
        let pack = CLI.packageRoot.appendingPathComponent(Fixture.pack).path
        func asNobody(_ paths: [String]) async -> CLIResult {
            await CLI.run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path, "check", "--format", "json", "--policy", pack]
                    + paths, executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        }
        let result = await asNobody([folder.url.path])
        #expect(result.status == 2, "\(result.summary)")
        let report = try #require(result.json())
        let hidden = locked.appendingPathComponent("hidden.yaml").path
        let error = try #require(errors(report).first { $0["file"] as? String == hidden }, "\(errors(report))")
        #expect(
            (error["message"] as? String)?.hasPrefix("cannot tell what this is, so it was not checked: permission denied") == true
        )
        #expect(findings(report).count == failingFindings.count)
        #expect(!errors(report).contains { $0["file"] as? String == folder.file("notes").path }, "\(errors(report))")
        let warned = (report["warnings"] as? [[String: Any]] ?? []).contains {
            $0["file"] as? String == folder.file("notes").path
        }
        #expect(warned, "\(report["warnings"] ?? "")")
        // Given alone, the folder is not said to hold no YAML file.
        let alone = await asNobody([locked.path])
        #expect(alone.status == 2, "\(alone.summary)")
        #expect(!alone.stdout.contains("holds no .yaml"), "\(alone.summary)")
    }

    @Test("An empty path argument is named as such")
    func emptyPath() async throws {
        let result = await CLI.runBounded(["check", "--format", "json", ""])
        #expect(result.status == 2, "\(result.summary)")
        #expect(errors(result.json()).contains { $0["message"] as? String == "an empty path was given" }, "\(result.summary)")
    }

    @Test("An exception for a rule or a declaration not in the run matches nothing: unused, a warning that names the likely rule")
    func exceptionsNamingWhatDoesNotExist() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let exceptions = folder.file("exceptions.yaml")
        try Data(
            """
            apiVersion: policykoll/v1
            kind: Exceptions
            exceptions:
              - {rule: NO-SUCH-RULE, declaration: failing-system, reason: r, approvedBy: a, expires: 2027-01-01}
              - {rule: TST-EXISTS-001, declaration: no-such-system, reason: r, approvedBy: a, expires: 2027-01-01}

            """.utf8
        ).write(to: exceptions)
        let result = await CLI.runBounded(
            ["check", "--format", "json", "--exceptions", exceptions.path] + againstTestPack + [failingFile])
        // design §6: one that matches no finding is reported as unused; the gate is the findings'.
        #expect(result.status == 1, "\(result.summary)")
        let report = try #require(result.json())
        #expect(errors(report).isEmpty, "\(errors(report))")
        let warnings = (report["warnings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(warnings.contains { $0.contains("matches no finding (unused): the rule pack has no rule 'NO-SUCH-RULE'") })
        let uses = report["exceptions"] as? [[String: Any]] ?? []
        #expect(uses.map { $0["status"] as? String } == ["unused", "unused"])
        #expect(findings(report).map(brief) == failingFindings)
    }

    @Test("30,000 exceptions for 30,000 findings are matched by lookup, not tried pairwise")
    func manyExceptions() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let count = 30_000
        var declarations = ""
        var exceptions = "apiVersion: policykoll/v1\nkind: Exceptions\nexceptions:\n"
        for index in 0..<count {
            // Each lacks English: one info finding, excepted by its own exception.
            declarations += "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: s\(index), name: S, organisation: O}\n"
            declarations += "spec: {service: {languages: [sv]}, security: {riskAssessment: {date: 2026-06-01}}, "
            declarations += "procurement: {contractEnd: 2030-01-01}}\n---\n"
            exceptions += "  - {rule: TST-CONTAINS-006, declaration: s\(index), reason: r, approvedBy: a, expires: 2030-01-01}\n"
        }
        declarations += String(decoding: try Fixture.data("decls/clean.yaml"), as: UTF8.self)
        try Data(declarations.utf8).write(to: folder.file("many.yaml"))
        try Data(exceptions.utf8).write(to: folder.file("exceptions.yaml"))
        let result = await CLI.runBounded(
            ["check", "--format", "json", "--exceptions", folder.file("exceptions.yaml").path] + againstTestPack
                + [folder.file("many.yaml").path], timeout: 60)
        #expect(result.status == 0, "\(result.summary.prefix(2000))")
        let report = try #require(result.json())
        #expect(report["declarations"] as? Int == count + 1)
        let all = findings(report)
        #expect(all.count == count)
        #expect(all.allSatisfy { $0["status"] as? String == "excepted" })
    }

    /// A hostile exceptions file or baseline, and where its error must point.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var option: String
        var text: String
        var line: Int
        var column: Int
        var fragment: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "an alias bomb in an exceptions file", option: "--exceptions",
            text: "apiVersion: policykoll/v1\nkind: Exceptions\nexceptions: []\n"
                + HostileInput.aliasBomb.split(separator: "\n").drop { !$0.hasPrefix("  a0:") }.map { "x" + $0.dropFirst(2) }
                .joined(separator: "\n"),
            line: 9, column: 11, fragment: "aliases expand"),
        Case(
            name: "exceptions that are not a list", option: "--exceptions",
            text: "apiVersion: policykoll/v1\nkind: Exceptions\nexceptions: {rule: TST-EXISTS-001}\n", line: 3, column: 13,
            fragment: "'exceptions' must be a list"),
        Case(
            name: "a baseline nested 300,000 deep", option: "--baseline",
            text: "{\"findings\": " + String(repeating: "[", count: 300_000) + String(repeating: "]", count: 300_000) + "}",
            line: 1, column: 269, fragment: "nested more than 256 levels deep"),
        Case(
            name: "a binary baseline", option: "--baseline", text: "{\"findings\": [\u{0}]}", line: 1, column: 15,
            fragment: "binary"),
        Case(
            name: "a baseline whose findings are not a list", option: "--baseline", text: "{\"findings\": 3}", line: 1,
            column: 14, fragment: "'findings' in a baseline must be a list"),
    ]

    @Test("A malformed exceptions file or baseline: exit 2, located, the declarations still checked", arguments: cases)
    func malformed(_ hostile: Case) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("hostile.yaml")
        try Data(hostile.text.utf8).write(to: file)
        let result = await CLI.runBounded(
            ["check", "--format", "json", hostile.option, file.path] + againstTestPack + [failingFile])
        #expect(result.status == 2, "\(result.summary.prefix(2000))")
        let report = try #require(result.json())
        let error = try #require(errors(report).first { $0["file"] as? String == file.path }, "\(errors(report))")
        #expect(
            "\(error["line"] as? Int ?? 0):\(error["column"] as? Int ?? 0)" == "\(hostile.line):\(hostile.column)", "\(error)")
        #expect((error["message"] as? String)?.contains(hostile.fragment) == true, "\(error)")
        #expect(findings(report).map(brief) == failingFindings)
    }

    @Test("A baseline of findings for rules and declarations that do not exist changes nothing")
    func baselineOfUnknowns() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let baseline = folder.file("baseline.json")
        try Data(
            #"{"findings": [{"ruleId": "NO-SUCH-RULE", "declaration": "nobody", "path": "spec.x"}, {"fingerprint": "0000"}]}"#
                .utf8
        ).write(to: baseline)
        let result = await CLI.runBounded(
            ["check", "--format", "json", "--baseline", baseline.path] + againstTestPack + [failingFile])
        #expect(result.status == 1, "\(result.summary)")
        let report = try #require(result.json())
        #expect(errors(report).isEmpty)
        #expect(findings(report).allSatisfy { $0["status"] as? String == "open" })
        #expect(findings(report).map(brief) == failingFindings)
    }
}

@Suite("Inputs that are not regular files")
struct SpecialFileTests {
    @Test("A pipe named .yaml inside a folder is skipped with a warning instead of blocking the run")
    func pipeInFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(mkfifo(folder.file("pipe.yaml").path, 0o644) == 0)
        try Fixture.data("decls/failing.yaml").write(to: folder.file("failing.yaml"))
        let result = await CLI.runBounded(["check", "--format", "json"] + againstTestPack + [folder.url.path], timeout: 30)
        #expect(result.status == 1, "\(result.summary)")
        let report = try #require(result.json())
        let warning = (report["warnings"] as? [[String: Any]] ?? []).first
        #expect(warning?["file"] as? String == folder.file("pipe.yaml").path)
        #expect((warning?["message"] as? String)?.contains("not a regular file") == true, "\(String(describing: warning))")
        #expect(findings(report).count == failingFindings.count)
    }

    @Test("A pipe named on the command line is read like standard input")
    func namedPipe() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pipe = folder.file("pipe.yaml")
        #expect(mkfifo(pipe.path, 0o644) == 0)
        let source = try Fixture.data("decls/failing.yaml")
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: pipe.path) {
                handle.write(source)
                try? handle.close()
            }
        }
        writer.start()
        let result = await CLI.runBounded(["check", "--format", "json"] + againstTestPack + [pipe.path], timeout: 30)
        #expect(result.status == 1, "\(result.summary)")
        #expect(findings(result.json()).count == failingFindings.count)
    }

    @Test("Reading errors are worded for people", arguments: [(EACCES, "permission denied"), (ENOENT, "no such file")])
    func errorWording(_ code: Int32, _ text: String) {
        #expect(InputCollector.describe(errno: code) == text)
        let error = NSError(
            domain: NSCocoaErrorDomain, code: NSFileReadUnknownError,
            userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code))])
        #expect(InputCollector.describe(error) == text)
    }
}
