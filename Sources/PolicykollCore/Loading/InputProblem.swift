import PolicykollYAML

/// Why an input path could not be read. One case per problem; one place for the text.
public enum InputProblem: Sendable, Equatable {
    case notFound
    case unreadable(String)
    case unreadableFolder(String)
    case unreadableEntry(String)
    case emptyPath
    case isDirectoryLoop
    case noYAMLFiles
    case noDeclarations(skipped: Int)
    case emptyFile
    case onlyEmptyDocuments
    case tooLarge(bytes: Int, limit: Int)
    case noInput
    case wouldOverwriteInput(String)
    case notARegularFile
    case specialFile
    case brokenLink(String, skipped: Bool)

    /// The message shown to the user.
    public var message: String {
        switch self {
        case .notFound: "no such file or folder"
        case .unreadable(let reason): "cannot read the file: \(reason)"
        case .unreadableFolder(let reason): "cannot read the folder: \(reason)"
        case .unreadableEntry(let reason):
            "cannot tell what this is, so it was not checked: \(reason) (a declaration here would be missed)"
        case .emptyPath: "an empty path was given"
        case .isDirectoryLoop: "a symbolic link leads back into a folder already being read; skipped"
        case .noYAMLFiles: "the folder holds no .yaml or .yml files (hidden ones, whose names start with '.', are not read)"
        case .noDeclarations(let skipped):
            skipped == 1
                ? "no declaration found: the YAML file found is not a policykoll declaration (it was skipped)"
                : "no declaration found: none of the \(skipped) YAML files found is a policykoll declaration (they were skipped)"
        case .emptyFile: "the file is empty; expected at least one YAML document"
        case .onlyEmptyDocuments: "the file holds only empty documents; expected at least one with content"
        case .tooLarge(let bytes, let limit): "the file is \(bytes) bytes; the limit is \(limit) bytes"
        case .noInput: "no input: give files, folders, or - for standard input"
        case .wouldOverwriteInput(let path):
            "refusing to write the report to '\(path)': this run reads it (an input, the rule pack, exceptions, a baseline, the configuration or the audit history)"
        case .notARegularFile: "not a regular file (a pipe, socket or device) found in a folder; skipped"
        case .specialFile: "not a regular file (a pipe, socket or device); reading it could wait forever"
        case .brokenLink(let reason, let skipped):
            "a symbolic link that cannot be followed: \(reason)" + (skipped ? "; skipped" : "")
        }
    }
}

extension InputProblem {
    /// The error for a stream that holds no document with anything in it, or `nil`: an empty
    /// file, or one of only empty documents (`---` lines, comments). A stream that stopped on an
    /// error has said so already.
    static func emptiness(of stream: YAMLStream, file: String) -> Diagnostic? {
        guard !stream.hasErrors, stream.nonEmptyDocuments.isEmpty else { return nil }
        let problem: InputProblem = stream.documents.isEmpty ? .emptyFile : .onlyEmptyDocuments
        return .error(problem.message, file: file, at: stream.documents.first?.mark ?? .start)
    }
}
