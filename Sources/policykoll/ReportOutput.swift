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
            return nil
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
        if let reason = writeAtomically(to: path, produce: produce) {
            return .error("cannot write the report: \(reason)", file: path, at: nil)
        }
        return nil
    }

    /// Writes to a temporary file beside the target, then renames it over the target, so a
    /// reader never sees half a report. Returns the reason on failure.
    private static func writeAtomically(to path: String, produce: (([UInt8]) -> Void) -> Void) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.policykoll-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
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
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if failure != nil { unlink(temporary) }
        return failure
    }

    /// The device and inode of an existing file, or `nil`.
    private static func fileIdentity(_ path: String) -> [UInt64]? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return [UInt64(status.st_dev), UInt64(status.st_ino)]
    }
}
