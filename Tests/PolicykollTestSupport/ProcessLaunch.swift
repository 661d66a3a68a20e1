public import Foundation

/// Starts child processes one at a time. Foundation's `Process.run()` on Linux is not safe to
/// call from several threads at once (seen here: a crash inside its memcpy while parallel tests
/// launched the binary), so every test launch goes through one lock; the processes still run
/// concurrently once started.
public enum ProcessLaunch {
    private static let lock = NSLock()

    /// Starts `process` while holding the launch lock.
    public static func run(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }

    /// Copies an executable while no process is being started: a child forked while the copy
    /// is open for writing inherits that descriptor, and executing the copy then fails with
    /// "text file busy" until the child has exec'd.
    public static func copyExecutable(from source: URL, to destination: URL) throws {
        lock.lock()
        defer { lock.unlock() }
        try FileManager.default.copyItem(at: source, to: destination)
    }
}
