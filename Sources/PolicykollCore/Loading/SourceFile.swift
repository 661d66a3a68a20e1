/// The bytes of one input file and the name it is shown by.
public struct SourceFile: Sendable {
    /// The path as the user gave it (relative paths stay relative), or `<stdin>`.
    public var name: String
    /// The raw bytes.
    public var bytes: [UInt8]
    /// Whether the file was found by walking a folder (rather than named by the user): such a
    /// file may hold YAML that is not policykoll's (a CI workflow, a manifest) and is skipped.
    public var discovered: Bool

    /// Creates a source file.
    public init(name: String, bytes: [UInt8], discovered: Bool = false) {
        self.name = name
        self.bytes = bytes
        self.discovered = discovered
    }

    /// Creates a source file from text.
    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }
}
