import Foundation
import GRDB
import Synchronization

/// How a writer waits for another process's lock on the history: up to
/// ``AuditHistory/busyTimeout``, telling its caller once when the wait has lasted a second, so
/// that a run held up by another audit does not sit silent for minutes.
enum BusyWait {
    /// The pause between two tries for the lock.
    private static let pause: TimeInterval = 0.02

    /// SQLite's busy handling: a plain timeout, or with `onWait` told once after a second.
    static func mode(onWait: (@Sendable () -> Void)?) -> Database.BusyMode {
        guard let onWait else { return .timeout(AuditHistory.busyTimeout) }
        let told = Told()
        return .callback { tries in
            let waited = Double(tries) * pause
            guard waited < AuditHistory.busyTimeout else { return false }
            if waited >= 1, told.first() { onWait() }
            usleep(UInt32(pause * 1_000_000))
            return true
        }
    }

    /// Whether the caller has been told yet.
    private final class Told: Sendable {
        private let state = Mutex(false)

        /// `true` the first time only.
        func first() -> Bool {
            state.withLock { told in
                defer { told = true }
                return !told
            }
        }
    }
}
