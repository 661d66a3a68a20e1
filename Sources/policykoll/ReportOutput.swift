import Foundation
import PolicykollCore

/// Writes a report to standard output or to the `--output` file, never over an input file.
enum ReportOutput {
    /// Writes the text; returns a diagnostic when the file cannot be written or is an input.
    static func write(_ text: String, to path: String?, protecting inputs: [String]) -> Diagnostic? {
        write(Array(text.utf8), to: path, protecting: inputs)
    }

    /// Writes bytes; returns a diagnostic when the file cannot be written or is an input.
    static func write(_ bytes: [UInt8], to path: String?, protecting inputs: [String]) -> Diagnostic? {
        write(to: path, protecting: inputs) { sink in sink(bytes) }
    }

    /// Writes what `produce` hands to its sink, piece by piece (a large report is never held
    /// whole); returns a diagnostic when the file cannot be written or is an input.
    static func write(
        to path: String?, protecting inputs: [String], produce: (([UInt8]) -> Void) -> Void
    ) -> Diagnostic? {
        guard let path, path != "-" else {
            produce { Console.out($0) }
            return Console.takeOutputFailure().map {
                .error("cannot write the report: \($0)", file: "standard output", at: nil)
            }
        }
        // The same file by another name — a symbolic link or a hard link — has the same device
        // and inode (stat follows links); a file that does not exist yet is no input. When it
        // exists, the inputs are looked at on every core.
        let identity = fileIdentity(path)
        if let identity,
            Parallel.mapChunks(
                count: inputs.count, minimumChunk: 256, { range in [range.contains { fileIdentity(inputs[$0]) == identity }] }
            )
            .contains(true)
        {
            return .error(InputProblem.wouldOverwriteInput(path).message, file: path, at: nil)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .error("cannot write the report: this is a folder; give a file name", file: path, at: nil)
        }
        if let reason = writeReport(to: path, produce: produce) {
            return .error("cannot write the report: \(reason)", file: path, at: nil)
        }
        return nil
    }

    /// Writes as a user expects of `> FILE`, without ever showing a reader half a report where
    /// that can be avoided: a new or existing regular file is replaced at once by a complete one
    /// (keeping its permissions and owner, and through a symbolic link, the file it names);
    /// anything else (a device such as `/dev/stdout`, a FIFO, a file with other hard links, a
    /// link to a file not yet there) is written into directly. Returns the reason on failure.
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
        return writeAtomically(to: target, keeping: status, produce: produce) { error in
            // No right to create a file beside it (but perhaps to write the file itself).
            guard error == EACCES || error == EPERM || error == EROFS else { return nil }
            return writeDirectly(to: target, flags: O_TRUNC, produce: produce)
        }
    }

    /// Writes to a temporary file beside the target, then renames it over the target, so a
    /// reader never sees half a report. An existing file's permissions (and, where allowed, its
    /// owner) carry over. When the temporary file cannot be created, `fallback` may write
    /// another way. Returns the reason on failure.
    private static func writeAtomically(
        to path: String, keeping existing: stat?, produce: (([UInt8]) -> Void) -> Void,
        fallback: (Int32) -> String?? = { _ in nil }
    ) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.policykoll-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let error = errno
            if let answer = fallback(error) { return answer }
            return String(cString: strerror(error))
        }
        if let existing {
            _ = fchown(descriptor, existing.st_uid, existing.st_gid)  // only permitted to some
            _ = fchmod(descriptor, existing.st_mode & 0o7777)
        }
        var failure = writeAll(to: descriptor, produce: produce)
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if failure != nil { unlink(temporary) }
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
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        failure = String(cString: strerror(errno))
                        return
                    }
                    offset += written
                }
            }
        }
        return failure
    }

    /// The path with every symbolic link resolved, or `nil`.
    private static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The device and inode of an existing file, or `nil`.
    private static func fileIdentity(_ path: String) -> [UInt64]? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return [UInt64(status.st_dev), UInt64(status.st_ino)]
    }
}
