import Foundation
import PolicykollCore

/// Writes a report to standard output or to the `--output` file, never over an input file.
enum ReportOutput {
    /// Writes the text; returns a diagnostic when the file cannot be written or is an input.
    static func write(_ text: String, to path: String?, protecting inputs: [String]) -> Diagnostic? {
        guard let path, path != "-" else {
            Console.out(text)
            return nil
        }
        let target = InputCollector.canonical(path)
        let identity = fileIdentity(path)
        // The same file by another name: a symbolic link (canonical paths) or a hard link (inode).
        if inputs.contains(where: { InputCollector.canonical($0) == target || (identity != nil && fileIdentity($0) == identity) })
        {
            return .error(InputProblem.wouldOverwriteInput(path).message, file: path, at: nil)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .error("cannot write the report: this is a folder; give a file name", file: path, at: nil)
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return nil
        } catch {
            return .error("cannot write the report: \(InputCollector.describe(error))", file: path, at: nil)
        }
    }

    /// The device and inode of an existing file, or `nil`.
    private static func fileIdentity(_ path: String) -> [UInt64]? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return [UInt64(status.st_dev), UInt64(status.st_ino)]
    }
}
