import Foundation
import PolicykollTestSupport
import Testing

/// `check` writes only where `--output` says, and never over one of its own inputs, whatever it
/// is called (CommandTests covers declarations, inventory and pack files named directly).
@Suite("check writes only where --output says")
struct OutputTargetTests {
    /// A working folder with every kind of input `check` reads.
    private struct Workspace {
        let folder: TemporaryFolder
        var declaration: URL { folder.file("system.yaml") }
        var exceptions: URL { folder.file("exceptions.yaml") }
        var baseline: URL { folder.file("baseline.json") }
        var configuration: URL { folder.file(".policykoll.yaml") }

        init() async throws {
            folder = try TemporaryFolder()
            try Fixture.data("decls/failing.yaml").write(to: folder.file("system.yaml"))
            try Data(
                """
                apiVersion: policykoll/v1
                kind: Exceptions
                exceptions:
                  - {rule: TST-EXISTS-001, declaration: failing-system, reason: r, approvedBy: a, expires: 2027-06-30}

                """.utf8
            ).write(to: folder.file("exceptions.yaml"))
            let report = await CLI.run(["check", "--format", "json"] + againstTestPack + [folder.file("system.yaml").path])
            try report.stdoutData.write(to: folder.file("baseline.json"))
            try Data("failOn: error\n".utf8).write(to: folder.file(".policykoll.yaml"))
        }

        /// Every file of the folder with its bytes.
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.url.path) {
                files[name] = try Data(contentsOf: folder.file(name))
            }
            return files
        }

        func arguments(output: String) -> [String] {
            [
                "check", "--format", "json", "--output", output, "--exceptions", exceptions.path, "--baseline", baseline.path,
                "--config", configuration.path, "--policy", Fixture.url("pack").path, "--as-of", "2026-11-26", declaration.path,
            ]
        }
    }

    @Test(
        "--output over an exceptions file, a baseline, the configuration, or an input reached by a link is refused",
        arguments: ["exceptions.yaml", "baseline.json", ".policykoll.yaml", "symlink.yaml", "hardlink.yaml"])
    func refused(_ name: String) async throws {
        let workspace = try await Workspace()
        defer { workspace.folder.remove() }
        let target = workspace.folder.file(name)
        if name == "symlink.yaml" {
            try FileManager.default.createSymbolicLink(at: target, withDestinationURL: workspace.declaration)
        } else if name == "hardlink.yaml" {
            try FileManager.default.linkItem(at: workspace.declaration, to: target)
        }
        let before = try workspace.snapshot()
        let result = await CLI.run(workspace.arguments(output: target.path))
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("refusing to write the report"), "\(result.summary)")
        #expect(try workspace.snapshot() == before, "no file changed")
    }

    @Test("the report goes to --output and nowhere else: no other file appears or changes")
    func onlyTheOutput() async throws {
        let workspace = try await Workspace()
        defer { workspace.folder.remove() }
        let before = try workspace.snapshot()
        let result = await CLI.run(workspace.arguments(output: "report.json"), in: workspace.folder.url)
        // Every finding is excepted or in the baseline: nothing open.
        #expect(result.status == 0, "\(result.summary)")
        #expect(result.stdoutData.isEmpty)
        // The log still says what the run found.
        #expect(result.stderrLines.last?.hasPrefix("policykoll: 0 fel") == true, "\(result.summary)")
        var after = try workspace.snapshot()
        let written = after.removeValue(forKey: "report.json")
        let report = try #require(written, "the report was written")
        #expect(after == before, "nothing else changed")
        #expect((try JSONSerialization.jsonObject(with: report) as? [String: Any])?["findings"] != nil)
    }

    @Test("an --output whose extension names another format gets a warning: the pairing is by position")
    func mismatchedExtension() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = folder.file("r.txt").path
        let mismatched = await CLI.run(
            ["check", "--format", "sarif", "--format", "text", "--output", text] + againstTestPack + [failingFile])
        #expect(mismatched.status == 1, "\(mismatched.summary)")
        #expect(mismatched.stderr.contains("\(text): warning: gets the sarif report: --output files are paired with --format"))
        #expect((try? String(contentsOfFile: text, encoding: .utf8))?.contains("\"$schema\"") == true, "SARIF, as paired")
        let sarif = folder.file("r.sarif").path
        let matched = await CLI.run(
            ["check", "--format", "sarif", "--output", sarif, "--format", "text"] + againstTestPack + [failingFile])
        #expect(!matched.stderr.contains("gets the"), "\(matched.summary)")
        let sarifJSON = folder.file("results.sarif.json").path
        let standardName = await CLI.run(["check", "--format", "sarif", "--output", sarifJSON] + againstTestPack + [failingFile])
        #expect(!standardName.stderr.contains("gets the"), "SARIF's own .sarif.json: \(standardName.summary)")
    }

    @Test("one-character names for --output and --config are files like any other (they crashed Foundation)")
    func oneCharacterNames() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Fixture.data("decls/failing.yaml").write(to: folder.file("s"))
        for name in ["o", "é"] {
            let result = await CLI.run(["check", "s", "--no-config", "--format", "json", "--output", name], in: folder.url)
            #expect(result.status == 1, "\(result.summary)")
            #expect(FileManager.default.fileExists(atPath: folder.file(name).path))
        }
        let audit = await CLI.run(["audit", "s", "--format", "json", "--output", "h"], in: folder.url)
        #expect(audit.status == 0, "\(audit.summary)")
        #expect(FileManager.default.fileExists(atPath: folder.file("h").path))
        try Data("paths: [s]\nlang: en\n".utf8).write(to: folder.file("c"))
        let configured = await CLI.run(["check", "--config", "c"], in: folder.url)
        #expect(configured.status == 1, "\(configured.summary)")
        #expect(configured.stdout.contains("in 1 declaration"), "\(configured.summary)")
        // A folder is no configuration file: refused at once, not searched.
        for name in [".", "./"] {
            let refused = await CLI.run(["check", "s", "--config", name], in: folder.url)
            #expect(refused.status == 2, "\(refused.summary)")
            #expect(!refused.wasSignalled)
        }
    }

    @Test("standard input is read once: given to two inputs, it is a usage error")
    func standardInputOnce() async throws {
        let declaration = try Fixture.data("decls/failing.yaml")
        for arguments in [
            ["check", "-", "--inventory", "-"], ["check", "-", "--exceptions", "-"],
            ["check", "x.yaml", "--baseline", "-", "--inventory", "-"],
        ] {
            let result = await CLI.run(arguments + ["--no-config"], stdin: declaration)
            #expect(result.status == 2, "\(arguments): \(result.summary)")
            #expect(result.stderr.contains("standard input (-) can be read only once"), "\(result.summary)")
        }
    }

    @Test("two --output names for one file (through a symbolic link) are refused, before or after it exists")
    func twoNamesForOneReport() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Fixture.data("decls/failing.yaml").write(to: folder.file("s.yaml"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.out").path, withDestinationPath: "report.out")
        let arguments = [
            "check", "s.yaml", "--no-config", "--format", "json", "--output", "report.out", "--format", "sarif", "--output",
            "link.out",
        ]
        let before = await CLI.run(arguments, in: folder.url)
        #expect(before.status == 2, "\(before.summary)")
        #expect(before.stderr.contains("two reports would be written to the same file"))
        try Data("earlier\n".utf8).write(to: folder.file("report.out"))
        let after = await CLI.run(arguments, in: folder.url)
        #expect(after.status == 2, "\(after.summary)")
        #expect(try String(contentsOf: folder.file("report.out"), encoding: .utf8) == "earlier\n")
    }
}

@Suite("An interrupted run leaves the old report and no temporary file")
struct InterruptedOutputTests {
    @Test("SIGTERM while the report is written: the process ends by the signal, the old report stays, nothing else is left")
    func interruptedWhileWriting() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let report = folder.file("report.json")
        try Data("old report".utf8).write(to: report)
        let binary = try #require(CLI.binary)
        func temporaries() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? []).filter { $0.hasSuffix(".tmp") }
        }
        // The window is the writing of the report: tried a few times, in case a run is too quick.
        var caught = false
        for _ in 0..<5 where !caught {
            let process = Process()
            process.executableURL = binary
            process.arguments = [
                "check", GeneratedInventory.path, "--as-of", "2026-11-26", "--format", "json", "--output", report.path,
            ]
            process.environment = ProcessInfo.processInfo.environment.merging(["POLICYKOLL_THREADS": "1"]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try ProcessLaunch.run(process)
            while process.isRunning, temporaries().isEmpty { usleep(200) }
            if process.isRunning {
                process.terminate()
                caught = true
            }
            process.waitUntilExit()
            if caught {
                #expect(process.terminationReason == .uncaughtSignal, "\(process.terminationStatus)")
                #expect(process.terminationStatus == SIGTERM)
            }
            #expect(temporaries().isEmpty, "\(temporaries())")
        }
        #expect(caught, "the report was written before the signal could be sent")
        #expect(try String(contentsOf: report, encoding: .utf8) == "old report")
    }

    @Test(
        "A hangup the run was started to ignore (nohup) stays ignored: the report is written",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/nohup"), "needs nohup"))
    func nohupIgnoresHangup() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let report = folder.file("report.json")
        let binary = try #require(CLI.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nohup")
        process.arguments = [
            binary.path, "check", GeneratedInventory.path, "--as-of", "2026-11-26", "--format", "json", "--output", report.path,
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(["POLICYKOLL_THREADS": "1"]) { $1 }
        process.currentDirectoryURL = folder.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        // Once nohup has become policykoll (its report folder shows the temporary file), hang up.
        while process.isRunning,
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? []).allSatisfy({ !$0.hasSuffix(".tmp") })
        {
            usleep(200)
        }
        if process.isRunning { kill(process.processIdentifier, SIGHUP) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "\(process.terminationStatus)")
        #expect(FileManager.default.fileExists(atPath: report.path))
    }
}
