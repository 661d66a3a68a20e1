import Foundation
import PolicykollCore

/// Writes a report to standard output or to the `--output` file, never over an input file.
enum ReportOutput {
    /// Writes what `produce` hands to its sink, piece by piece (a large report is never held
    /// whole); returns a diagnostic when the file cannot be written or is an input. `what` names
    /// the text in messages.
    static func write(
        to path: String?, protecting inputs: ProtectedFiles, what: String = "the report",
        produce: (([UInt8]) -> Void) -> Void
    ) -> Diagnostic? {
        guard let path, path != "-" else {
            return writeAll(to: STDOUT_FILENO, produce: produce).map {
                .error("cannot write \(what): \($0)", file: "standard output", at: nil)
            }
        }
        let identity = FileIdentity(path: path)
        if let identity, inputs.contains(identity) {
            return .error(InputProblem.wouldOverwriteInput(path).message, file: path, at: nil)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .error("cannot write \(what): this is a folder; give a file name", file: path, at: nil)
        }
        // One of the process's own streams (`/dev/stdout`, `/dev/fd/3`, or the very file standard
        // output is): written through its descriptor, where the shell put it, never replaced.
        if let descriptor = ownDescriptor(path, identity: identity) {
            return writeAll(to: descriptor, produce: produce).map {
                .error("cannot write \(what): \($0)", file: path, at: nil)
            }
        }
        if let reason = writeReport(to: path, produce: produce) {
            return .error("cannot write \(what): \(reason)", file: path, at: nil)
        }
        return nil
    }

    /// The descriptor a path names when it is one of this process's open streams: `/dev/stdout`,
    /// `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`, or another name of the file that standard
    /// output or standard error is.
    private static func ownDescriptor(_ path: String, identity: FileIdentity?) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            if let descriptor = Int32(path.dropFirst(prefix.count)), descriptor >= 0 { return descriptor }
        }
        guard let identity else { return nil }
        return [STDOUT_FILENO, STDERR_FILENO].first { FileIdentity(descriptor: $0) == identity }
    }

    /// Writes as a user expects of `> FILE`, without ever showing a reader half a report where
    /// that can be avoided: a new or existing regular file is replaced at once by a complete one
    /// (keeping its permissions and owner, and through a symbolic link, the file it names);
    /// anything else (a device such as `/dev/null`, a FIFO, a file with other hard links, a link
    /// to a file not yet there) is written into directly. Returns the reason on failure.
    private static func writeReport(to path: String, produce: (([UInt8]) -> Void) -> Void) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            var linkStatus = stat()
            if lstat(path, &linkStatus) == 0 {
                // A symbolic link to a file that does not exist yet: create that file.
                return writeDirectly(to: path, flags: O_CREAT | O_TRUNC, produce: produce)
            }
            return writeAtomically(to: path, keeping: nil, produce: produce)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            return writeDirectly(to: path, flags: 0, produce: produce)
        }
        guard status.st_nlink == 1 else {
            // Replacing the file would split it from its other names.
            return writeDirectly(to: path, flags: O_TRUNC, produce: produce)
        }
        let target = resolvedPath(path) ?? path
        // A file its owner made read-only is not replaced behind its back (`>` would refuse too).
        guard access(target, W_OK) == 0 else { return String(cString: strerror(errno)) }
        return writeAtomically(to: target, keeping: status, produce: produce) { error in
            // No right to create or rename a file beside it (a sticky folder such as /tmp, a
            // folder of someone else's), but perhaps to write the file itself: produce again.
            guard error == EACCES || error == EPERM || error == EROFS else { return nil }
            return writeDirectly(to: target, flags: O_TRUNC, produce: produce)
        }
    }

    /// Writes to a temporary file beside the target, then renames it over the target, so a
    /// reader never sees half a report. An existing file's permissions (and, where allowed, its
    /// owner and group) carry over. When the temporary file cannot be created or renamed,
    /// `fallback` may write another way. Returns the reason on failure.
    private static func writeAtomically(
        to path: String, keeping existing: stat?, produce: (([UInt8]) -> Void) -> Void,
        fallback: (Int32) -> String?? = { _ in nil }
    ) -> String? {
        let temporary = PathName.folder(of: path) + "/.policykoll-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let error = errno
            if let answer = fallback(error) { return answer }
            return String(cString: strerror(error))
        }
        // Interrupted while writing (Ctrl-C, a CI timeout), the run leaves the old report only.
        InterruptCleanup.removeOnInterrupt(temporary)
        if let existing {
            // The owner can be kept only by some; the group by the owner too, if they are in it.
            if fchown(descriptor, existing.st_uid, existing.st_gid) != 0 {
                _ = fchown(descriptor, uid_t.max, existing.st_gid)
            }
            _ = fchmod(descriptor, existing.st_mode & 0o7777)
        }
        var failure = writeAll(to: descriptor, produce: produce)
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        let renameError: Int32? = InterruptCleanup.settle(temporary) {
            if failure == nil, rename(temporary, path) != 0 {
                let error = errno
                unlink(temporary)
                return error
            }
            if failure != nil { unlink(temporary) }
            return nil
        }
        if let renameError {
            if let answer = fallback(renameError) { return answer }
            return String(cString: strerror(renameError))
        }
        return failure
    }

    /// Opens the target for writing with extra `flags` and writes into it. Returns the reason
    /// on failure.
    private static func writeDirectly(to path: String, flags: Int32, produce: (([UInt8]) -> Void) -> Void) -> String? {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | flags, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var failure = writeAll(to: descriptor, produce: produce)
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        return failure
    }

    /// Writes every piece `produce` hands over; stops writing at the first error and returns
    /// its reason.
    private static func writeAll(to descriptor: Int32, produce: (([UInt8]) -> Void) -> Void) -> String? {
        var failure: String?
        produce { bytes in
            guard failure == nil else { return }
            failure = Console.writeAll(bytes, to: descriptor)
        }
        return failure
    }

    /// The path with every symbolic link resolved, or `nil`.
    private static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

}
