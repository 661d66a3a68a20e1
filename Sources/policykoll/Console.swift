import Foundation

/// Where the executable prints: standard output for reports, standard error for everything else.
///
/// Printing never stops the program: a failed write to standard output (a full disk, a closed
/// descriptor) is remembered, and ``Main`` turns it into an error and exit status 2 at the end,
/// so that a report that never reached its reader cannot pass a gate.
enum Console {
    /// Why writing to standard output failed first, or `nil` while every write succeeded.
    /// (Reports are written by ``ReportOutput``, which says itself when one is lost.)
    static var outputFailure: String? { failures.first }

    private static let failures = FailureLog()

    static func out(_ text: String) {
        out(Array(text.utf8))
    }

    static func out(_ bytes: [UInt8]) {
        guard failures.first == nil else { return }
        if let reason = writeAll(bytes, to: STDOUT_FILENO) { failures.record(reason) }
    }

    /// Writes to standard error; if that fails too there is nowhere left to say so.
    static func error(_ text: String) {
        _ = writeAll(Array(text.utf8), to: STDERR_FILENO)
    }

    /// Writes every byte, retrying after interruptions and short writes, and waiting while a
    /// non-blocking descriptor (as some CI runners hand down) is full; the reason on failure.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    let error = errno
                    if error == EINTR { continue }
                    if error == EAGAIN || error == EWOULDBLOCK {
                        var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                        if poll(&ready, 1, -1) >= 0 || errno == EINTR { continue }
                    }
                    return String(cString: strerror(error))
                }
                offset += written
            }
            return nil
        }
    }

    /// Whether colour should be used on a stream: a terminal, and `NO_COLOR` not set.
    static func useColor(fileDescriptor: Int32) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(fileDescriptor) == 1
    }
}

/// The first failure of a stream, safe to record from any thread. Once a stream has failed,
/// nothing more is written to it.
private final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?

    var first: String? {
        lock.lock()
        defer { lock.unlock() }
        return reason
    }

    func record(_ newReason: String) {
        lock.lock()
        if reason == nil { reason = newReason }
        lock.unlock()
    }
}
