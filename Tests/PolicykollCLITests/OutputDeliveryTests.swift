import Foundation
import PolicykollTestSupport
import Testing

/// A report reaches where the user sent it, as `> FILE` would: through a link, into a device or
/// FIFO, keeping permissions and hard links; and when it cannot be delivered, the run says so
/// and exits 2 instead of passing.
@Suite("reports reach their target, or the run fails")
struct OutputDeliveryTests {
    private static let failing = Fixture.path("decls/failing.yaml")
    private var failing: String { Self.failing }

    /// Runs policykoll through a shell that gives it `redirection` as its standard output.
    private func runRedirected(_ arguments: [String], _ redirection: String) async throws -> CLIResult {
        let binary = try #require(CLI.binary)
        return await CLI.run(
            ["-c", "exec \"$0\" \"$@\" \(redirection)", binary.path] + arguments, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    @Test(
        "a full disk on standard output is an error with exit 2, never a crash or a pass",
        arguments: [
            ["check", "--format", "sarif"] + againstTestPack + [Fixture.path("decls/failing.yaml")],
            ["check", "--format", "json", "--fail-on", "never"] + againstTestPack + [Fixture.path("decls/failing.yaml")],
            ["audit", "--format", "json"] + againstTestPack + [Fixture.path("decls/failing.yaml")],
            ["dump", Fixture.path("decls/failing.yaml")],
            ["rules", "--policy", Fixture.pack],
            ["explain", "TST-EXISTS-001", "--policy", Fixture.pack],
            ["schema"],
        ])
    func fullDisk(_ arguments: [String]) async throws {
        try #require(FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full (Linux)")
        let result = try await runRedirected(arguments, ">/dev/full")
        #expect(!result.wasSignalled, "\(result.summary)")
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("cannot write"), "\(result.summary)")
        #expect(result.stderr.contains("No space left on device"), "\(result.summary)")
    }

    @Test("a non-blocking standard output (as some CI runners hand down) is waited for, not failed")
    func nonBlockingOutput() throws {
        let binary = try #require(CLI.binary)
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let (reader, writer) = (descriptors[0], descriptors[1])
        #expect(fcntl(writer, F_SETFL, fcntl(writer, F_GETFL) | O_NONBLOCK) == 0)
        let process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = CLI.packageRoot
        // A report far larger than a pipe's buffer, so that writes would find it full.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = try String(decoding: Fixture.data("decls/failing.yaml"), as: UTF8.self)
        for number in 0..<200 {
            let copy = text.replacingOccurrences(of: "id: failing-system", with: "id: failing-system-\(number)")
            try Data(copy.utf8).write(to: folder.file("system-\(number).yaml"))
        }
        process.arguments = ["check", "--format", "json", "--fail-on", "never"] + againstTestPack + [folder.url.path]
        process.standardOutput = FileHandle(fileDescriptor: writer, closeOnDealloc: false)
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        close(writer)
        usleep(300_000)  // a slow reader: the pipe fills while nobody reads
        let data = FileHandle(fileDescriptor: reader, closeOnDealloc: true).readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(data.count > 65_536, "the report is larger than a pipe's buffer")
        #expect((try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["findings"] != nil)
    }

    @Test("a closed standard output is an error with exit 2")
    func closedOutput() async throws {
        let result = try await runRedirected(
            ["check", "--format", "json", "--fail-on", "never"] + againstTestPack + [failing], ">&-")
        #expect(!result.wasSignalled, "\(result.summary)")
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("cannot write the report"), "\(result.summary)")
    }

    /// Checks the failing fixture with a JSON report to `target`.
    private func check(to target: URL) async -> CLIResult {
        await CLI.run(["check", "--format", "json", "--output", target.path] + againstTestPack + [Self.failing])
    }

    private func isReport(_ url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url) else { return false }
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["findings"] != nil
    }

    @Test("through a symbolic link the file it names is written, and the link stays")
    func throughLink() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data("old\n".utf8).write(to: folder.file("real.json"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.json").path, withDestinationPath: "real.json")
        let result = await check(to: folder.file("link.json"))
        #expect(result.status == 1, "\(result.summary)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link.json").path) == "real.json")
        #expect(isReport(folder.file("real.json")))
    }

    @Test("a link to a file not there yet creates that file")
    func danglingLink() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.json").path, withDestinationPath: "new.json")
        let result = await check(to: folder.file("link.json"))
        #expect(result.status == 1, "\(result.summary)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link.json").path) == "new.json")
        #expect(isReport(folder.file("new.json")))
    }

    @Test("an existing report keeps its permissions")
    func keepsPermissions() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.file("private.json")
        try Data("old\n".utf8).write(to: target)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        let result = await check(to: target)
        #expect(result.status == 1, "\(result.summary)")
        #expect(isReport(target))
        let permissions = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test("a file with another hard link is written in place: both names show the report")
    func hardLink() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data("old\n".utf8).write(to: folder.file("a.json"))
        try FileManager.default.linkItem(at: folder.file("a.json"), to: folder.file("b.json"))
        let result = await check(to: folder.file("b.json"))
        #expect(result.status == 1, "\(result.summary)")
        #expect(isReport(folder.file("a.json")))
        #expect(isReport(folder.file("b.json")))
    }

    @Test("--output /dev/stdout or /dev/fd/N writes through that stream: what the shell put there stays")
    func ownStreams() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let log = folder.file("log.txt")
        try Data("PRIOR LOG LINE\n".utf8).write(to: log)
        let binary = try #require(CLI.binary)
        let arguments = ["check", "--format", "json", "--output"]
        let rest = againstTestPack + [Self.failing]
        let appended = await CLI.run(
            ["-c", "exec \"$0\" \"$@\" >> \"$LOG\"", binary.path] + arguments + ["/dev/stdout"] + rest,
            environment: ["LOG": log.path], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(appended.status == 1, "\(appended.summary)")
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.hasPrefix("PRIOR LOG LINE\n{"), "the earlier line is kept: \(text.prefix(80))")

        let numbered = folder.file("fd5.txt")
        let viaDescriptor = await CLI.run(
            ["-c", "exec \"$0\" \"$@\" 5> \"$OUT\"", binary.path] + arguments + ["/dev/fd/5"] + rest,
            environment: ["OUT": numbered.path], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(viaDescriptor.status == 1, "\(viaDescriptor.summary)")
        #expect(isReport(numbered))
    }

    @Test(
        "a report file its owner made read-only is not replaced",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") || getuid() != 0,
            "running as root without setpriv: root may write any file"))
    func readOnlyTarget() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.file("frozen.json")
        try Data("old\n".utf8).write(to: target)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: target.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.url.path)
        let binary = try #require(CLI.binary)
        let arguments =
            [
                "check", "--format", "json", "--output", target.path, "--policy",
                CLI.packageRoot.appendingPathComponent(Fixture.pack).path,
                "--as-of", "2026-11-26", CLI.packageRoot.appendingPathComponent(Self.failing).path,
            ]
        // As root, run as `nobody`, for whom the mode really is read-only.
        let result =
            getuid() == 0
            ? await CLI.run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments,
                executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
            : await CLI.run(arguments)
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("cannot write the report: Permission denied"), "\(result.summary)")
        #expect(try String(contentsOf: target, encoding: .utf8) == "old\n")
    }

    @Test(
        "in a sticky folder, someone else's writable report is written in place when it cannot be replaced",
        .enabled(
            if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
            "needs root (to own the file) and setpriv (to write as nobody)"))
    func stickyFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.file("shared.json")
        try Data("old\n".utf8).write(to: target)
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: target.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: folder.url.path)
        let binary = try #require(CLI.binary)
        let arguments =
            [
                "check", "--format", "json", "--output", target.path, "--policy",
                CLI.packageRoot.appendingPathComponent(Fixture.pack).path,
                "--as-of", "2026-11-26", CLI.packageRoot.appendingPathComponent(Self.failing).path,
            ]
        let result = await CLI.run(
            ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments,
            executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        #expect(result.status == 1, "\(result.summary)")
        #expect(isReport(target))
        let owner = try FileManager.default.attributesOfItem(atPath: target.path)[.ownerAccountID] as? Int
        #expect(owner == 0, "still root's file, written in place")
    }

    @Test("a FIFO is written into, not replaced")
    func fifo() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.file("report.fifo")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        // A reader on its own thread, as a consuming process would be.
        let received = ReceivedBytes()
        let reader = Thread {
            received.set(FileHandle(forReadingAtPath: fifo.path)?.readDataToEndOfFile() ?? Data())
        }
        reader.start()
        let result = await check(to: fifo)
        #expect(result.status == 1, "\(result.summary)")
        let data = try #require(received.wait(seconds: 30))
        #expect((try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["findings"] != nil)
        var status = stat()
        #expect(stat(fifo.path, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFIFO, "still a FIFO")
    }
}

/// Bytes handed over from a reader thread.
private final class ReceivedBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    private let done = DispatchSemaphore(value: 0)

    func set(_ bytes: Data) {
        lock.lock()
        data = bytes
        lock.unlock()
        done.signal()
    }

    func wait(seconds: TimeInterval) -> Data? {
        _ = done.wait(timeout: .now() + seconds)
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
