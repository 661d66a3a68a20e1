import Foundation
import Testing

extension CLI {
    /// The address-space limit of a bounded run: well under 1 GB, as the issue asks.
    static let memoryLimitKB = 1_000_000

    /// Runs the binary under `ulimit -v` (so running out of the limit crashes the run, which
    /// fails the test) and with a timeout (so a hang fails the test instead of hanging it).
    /// Never asserts wall-clock time: only that the run ends.
    static func runBounded(
        _ arguments: [String], in directory: URL? = nil, timeout: TimeInterval = 30,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> CLIResult {
        guard let binary else {
            Issue.record("cannot find the built policykoll binary", sourceLocation: sourceLocation)
            return CLIResult(status: -1, wasSignalled: false, timedOut: false, stdoutData: Data(), stderrData: Data())
        }
        let script = "ulimit -v \(memoryLimitKB) && exec \"$0\" \"$@\""
        return await run(
            ["-c", script, binary.path] + arguments, in: directory, executable: URL(fileURLWithPath: "/bin/sh"),
            timeout: timeout, sourceLocation: sourceLocation)
    }
}
