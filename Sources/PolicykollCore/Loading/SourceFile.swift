/// The bytes of one input file and the name it is shown by.
public struct SourceFile: Sendable {
    /// The path as the user gave it (relative paths stay relative), or `<stdin>`.
    public var name: String
    /// The raw bytes.
    public var bytes: [UInt8]

    /// Creates a source file.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// Creates a source file from text.
    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }
}
