public import PolicykollYAML

/// An input problem or loader note, located in a file: what `errors` and `warnings` report.
public struct Diagnostic: Error, Sendable, Hashable {
    /// Whether the diagnostic is an error (exit code 2) or a warning (never changes the exit).
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// The file as the user named it (`-` or `<stdin>` for standard input).
    public var file: String
    /// Where in the file, when known.
    public var mark: Mark?
    /// What is wrong, for a person to read.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, file: String, mark: Mark?, message: String) {
        self.severity = severity
        self.file = file
        self.mark = mark
        self.message = message
    }

    /// `file:line:col`, or the file alone when the diagnostic has no place in it.
    public var location: String {
        file + (mark.map { ":\($0.line):\($0.column)" } ?? "")
    }

    /// An error.
    public static func error(_ message: String, file: String, at mark: Mark?) -> Diagnostic {
        Diagnostic(.error, file: file, mark: mark, message: message)
    }

    /// A diagnostic from the YAML loader.
    public init(_ yaml: YAMLDiagnostic, file: String) {
        self.init(yaml.isError ? .error : .warning, file: file, mark: yaml.mark, message: yaml.problem.message)
    }

    /// Orders by file, line, column, then message.
    public static func ordered(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        let left = lhs.mark ?? Mark(line: 0, column: 0)
        let right = rhs.mark ?? Mark(line: 0, column: 0)
        if left != right { return left < right }
        return lhs.message < rhs.message
    }
}
