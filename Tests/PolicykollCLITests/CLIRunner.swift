import Dispatch
import Foundation
import PolicykollTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one run of the `policykoll` binary produced.
struct CLIResult: Sendable {
    /// The exit status (or the signal number when `wasSignalled`).
    var status: Int32
    /// Whether the process was ended by a signal (a crash, or our timeout).
    var wasSignalled: Bool
    /// Whether the run hit the timeout and was killed.
    var timedOut: Bool
    /// The raw standard output.
    var stdoutData: Data
    /// The raw standard error.
    var stderrData: Data

    /// Standard output as text (invalid UTF-8 repaired).
    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    /// Standard error as text (invalid UTF-8 repaired).
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    /// Standard output split into lines (without the final empty piece).
    var stdoutLines: [String] { CLIResult.lines(stdout) }
    /// Standard error split into lines.
    var stderrLines: [String] { CLIResult.lines(stderr) }

    /// Standard output parsed as a JSON object, or `nil` (with an issue recorded) when it is not one.
    func json(sourceLocation: SourceLocation = #_sourceLocation) -> [String: Any]? {
        do {
            guard let object = try JSONSerialization.jsonObject(with: stdoutData) as? [String: Any] else {
                Issue.record("standard output is JSON but not an object:\n\(stdout)", sourceLocation: sourceLocation)
                return nil
            }
            return object
        } catch {
            Issue.record("standard output is not JSON (\(error)):\n\(stdout)\nstderr:\n\(stderr)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// A description for failure messages.
    var summary: String {
        "exit \(wasSignalled ? "signal " : "")\(status)\(timedOut ? " (timed out)" : "")\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// Locates the built `policykoll` binary and runs it as a child process, never hanging.
enum CLI {
    /// The package root: the nearest folder above this source file that holds `Package.swift`.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
            url.deleteLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    /// The built binary. `POLICYKOLL_BINARY` overrides; otherwise the folder of the test bundle
    /// (where SwiftPM builds every product of the package), then `.build/debug` of the package.
    static let binary: URL? = {
        var candidates: [URL] = []
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["POLICYKOLL_BINARY"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let first = CommandLine.arguments.first, !first.isEmpty {
            let url = URL(fileURLWithPath: first, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            folders.append(url.resolvingSymlinksInPath().deletingLastPathComponent())
            // macOS: …/debug/X.xctest/Contents/MacOS/X
            folders.append(
                url.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent().deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        candidates += folders.map { $0.appendingPathComponent("policykoll") }
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }
    }()

    /// Environment variables removed from the inherited environment so runs do not depend on the
    /// developer's shell (locale and colour settings).
    static let scrubbed: Set<String> = [
        "NO_COLOR", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE",
        "POLICYKOLL_BINARY",
    ]

    /// The default timeout of one run.
    static let defaultTimeout: TimeInterval = 60

    /// Runs the binary.
    ///
    /// - Parameters:
    ///   - arguments: The command-line arguments.
    ///   - directory: The working directory; default the package root (fixture paths are relative to it).
    ///   - environment: Changes to the environment: a value sets, `nil` removes. `NO_COLOR=1` and
    ///     `LANG=C` are set unless changed here.
    ///   - stdin: Bytes for standard input; without them standard input is `/dev/null`.
    ///   - executable: Another binary to run (a copy of `policykoll`).
    ///   - timeout: Seconds before the process is killed and the test fails.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String?] = [:], stdin: Data? = nil,
        executable: URL? = nil, timeout: TimeInterval = defaultTimeout, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> CLIResult {
        guard let binary = executable ?? binary else {
            Issue.record(
                "cannot find the built policykoll binary; build with `swift build --build-tests`", sourceLocation: sourceLocation)
            return CLIResult(status: -1, wasSignalled: false, timedOut: false, stdoutData: Data(), stderrData: Data())
        }
        var env = ProcessInfo.processInfo.environment.filter { !scrubbed.contains($0.key) }
        env["NO_COLOR"] = "1"
        env["LANG"] = "C"
        for (key, value) in environment { env[key] = value }
        let finalEnvironment = env
        let workingDirectory = directory ?? packageRoot
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<CLIResult, any Error>, Never>) in
            DispatchQueue.global().async {
                continuation.resume(
                    returning: Result {
                        try runBlocking(
                            binary, arguments: arguments, directory: workingDirectory, environment: finalEnvironment,
                            stdin: stdin, timeout: timeout)
                    })
            }
        }
        switch result {
        case .success(let output):
            if output.timedOut {
                Issue.record(
                    "policykoll \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s and was killed",
                    sourceLocation: sourceLocation)
            } else if output.wasSignalled {
                Issue.record(
                    "policykoll \(arguments.joined(separator: " ")) crashed with signal \(output.status)\n\(output.summary)",
                    sourceLocation: sourceLocation)
            }
            return output
        case .failure(let error):
            Issue.record("cannot start \(binary.path): \(error)", sourceLocation: sourceLocation)
            return CLIResult(status: -1, wasSignalled: false, timedOut: false, stdoutData: Data(), stderrData: Data())
        }
    }

    /// Collects a pipe's bytes on its own thread.
    private final class Drain: @unchecked Sendable {
        private let lock = NSLock()
        private var collected = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            let thread = Thread { [self] in
                let data = handle.readDataToEndOfFile()
                lock.lock()
                collected = data
                lock.unlock()
                done.signal()
            }
            thread.start()
        }

        func data(waitingUpTo seconds: TimeInterval) -> Data {
            _ = done.wait(timeout: .now() + seconds)
            lock.lock()
            defer { lock.unlock() }
            return collected
        }
    }

    private static let ignoreSIGPIPE: Void = {
        // A child that exits before reading all of its standard input must not kill the test runner.
        signal(SIGPIPE, SIG_IGN)
    }()

    private static func runBlocking(
        _ binary: URL, arguments: [String], directory: URL, environment: [String: String], stdin: Data?,
        timeout: TimeInterval
    ) throws -> CLIResult {
        _ = ignoreSIGPIPE
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = stdin == nil ? nil : Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe ?? FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try ProcessLaunch.run(process)
        let out = Drain(outPipe.fileHandleForReading)
        let err = Drain(errPipe.fileHandleForReading)
        if let inPipe, let stdin {
            let writer = inPipe.fileHandleForWriting
            DispatchQueue.global().async {
                try? writer.write(contentsOf: stdin)
                try? writer.close()
            }
        }
        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            // A hung child gets no grace period: kill it, so the test fails instead of hanging.
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 5)
        }
        // The pipes reach their end when the child exits; under a loaded parallel test run the
        // reader threads may still need a while to be scheduled, so wait generously.
        let stdoutData = out.data(waitingUpTo: 60)
        let stderrData = err.data(waitingUpTo: 60)
        let signalled = process.terminationReason == .uncaughtSignal
        return CLIResult(
            status: process.isRunning ? -1 : process.terminationStatus, wasSignalled: signalled && !timedOut,
            timedOut: timedOut, stdoutData: stdoutData, stderrData: stderrData)
    }
}

/// Fixture paths, relative to the package root (the working directory of most runs).
enum Fixture {
    static let root = "Tests/Fixtures/cli"
    static let pack = "\(root)/pack"
    static func path(_ relative: String) -> String { "\(root)/\(relative)" }
    static func url(_ relative: String) -> URL { CLI.packageRoot.appendingPathComponent(path(relative)) }
    static func data(_ relative: String) throws -> Data { try Data(contentsOf: url(relative)) }
    static func lines(_ relative: String) throws -> [String] {
        CLIResult.lines(String(decoding: try data(relative), as: UTF8.self))
    }
}

/// A fresh temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("policykoll-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The common arguments of a check against the test pack.
let againstTestPack = ["--policy", Fixture.pack, "--as-of", "2026-11-26"]

/// Findings of a JSON report.
func findings(_ report: [String: Any]?) -> [[String: Any]] {
    report?["findings"] as? [[String: Any]] ?? []
}

/// Errors of a JSON report.
func errors(_ report: [String: Any]?) -> [[String: Any]] {
    report?["errors"] as? [[String: Any]] ?? []
}

/// A compact, comparable view of a finding: `file:line:col RULE path`.
func brief(_ finding: [String: Any]) -> String {
    let file = finding["file"] as? String ?? "?"
    let line = finding["line"] as? Int ?? -1
    let column = finding["column"] as? Int ?? -1
    let rule = finding["ruleId"] as? String ?? "?"
    let path = finding["path"] as? String ?? "?"
    return "\(file):\(line):\(column) \(rule) \(path)"
}
