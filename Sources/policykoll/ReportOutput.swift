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
        guard let path, path != "-" else {
            Console.out(bytes)
            return nil
        }
        let target = InputCollector.canonical(path)
        if inputs.contains(where: { InputCollector.canonical($0) == target }) {
            return .error(InputProblem.wouldOverwriteInput(path).message, file: path, at: nil)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .error("cannot write the report: this is a folder; give a file name", file: path, at: nil)
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            return nil
        } catch {
            return .error("cannot write the report: \(InputCollector.describe(error))", file: path, at: nil)
        }
    }
}
