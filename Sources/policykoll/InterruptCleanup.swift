import Dispatch
import Foundation
import Synchronization

/// Removes the temporary files of reports being written when the run is interrupted (SIGINT,
/// SIGTERM or SIGHUP): an interrupted `--output` must leave the old report and nothing else.
///
/// The signals are taken on a queue of their own from start-up (``prepare()``), long before a
/// report is written; the handler removes the files, then ends the process by the same signal,
/// so that a shell or CI runner sees the interruption it caused. A signal the process was started
/// with ignored (`nohup`, a background job) stays ignored.
enum InterruptCleanup {
    private static let state = Mutex(State())

    private struct State {
        var paths: Set<String> = []
        var sources: [any DispatchSourceSignal] = []
    }

    private static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Starts taking the signals. Until the queue has them (a moment after start-up), a signal
    /// acts as it always does: it ends the run.
    static func prepare() {
        state.withLock { state in
            guard state.sources.isEmpty else { return }
            for number in signals {
                var current = sigaction()
                guard sigaction(number, nil, &current) == 0, !isIgnored(current) else { continue }
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { interrupted(by: number) }
                source.resume()
                state.sources.append(source)
            }
        }
    }

    /// Removes `path`, a file this run has just created, if the run is interrupted before
    /// ``settle(_:_:)``.
    static func removeOnInterrupt(_ path: String) {
        state.withLock { _ = $0.paths.insert(path) }
    }

    /// Runs `body`, which puts the file in place or removes it, wholly before or wholly after
    /// an interruption's cleanup; after it, an interruption no longer concerns the file.
    static func settle<Result>(_ path: String, _ body: () -> Result) -> Result {
        state.withLock { state in
            let result = body()
            state.paths.remove(path)
            return result
        }
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    private static func interrupted(by number: Int32) {
        // The lock is held until the process ends, so that the writer cannot rename a file
        // that is already gone (and report that as a failure) in between.
        state.withLock { state in
            for path in state.paths { unlink(path) }
            // The queue's threads block signals: unblock this one here, then end by it.
            signal(number, SIG_DFL)
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, number)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            raise(number)
            _exit(128 + number)
        }
    }
}
