import Foundation

/// Runs a tool from the machine (xmllint, python3) for tests that validate output against a
/// real consumer's schema; such tests skip when the tool is absent.
public enum ExternalTool {
    /// The full path of a command on PATH, or `nil`.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether `python3 -c 'import jsonschema'` works.
    public static var hasPythonJSONSchema: Bool {
        guard let python = find("python3") else { return false }
        return (try? run(python, ["-c", "import jsonschema"]).status) == 0
    }

    /// Runs a command to completion and returns its exit status and combined output.
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try ProcessLaunch.run(process)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Writes text to a new temporary file and returns its path.
    public static func temporaryFile(_ text: String, suffix: String) throws -> String {
        let path = NSTemporaryDirectory() + "policykoll-\(UUID().uuidString)\(suffix)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `../shared/schemas/NAME` from the package root, when present.
    public static func sharedSchema(_ name: String) -> String? {
        let path = Golden.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas/\(name)").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
