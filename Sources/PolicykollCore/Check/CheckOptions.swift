/// What a check run needs besides its inputs.
public struct CheckOptions: Sendable {
    /// The date used by date operators (and, later, exception expiry).
    public var asOf: CivilDate
    /// The language of messages.
    public var language: Language
    /// Whether the report keeps the lines of files with findings, for text output's excerpts;
    /// machine formats do not need them, and large runs save the memory.
    public var keepsSourceLines: Bool
    /// Whether the report records each input file's SHA-256 (``CheckReport/inputDigests``),
    /// taken while the file is read for the check: an audit needs them, and need not then
    /// hold every file in memory.
    public var digestsInputs: Bool

    /// Creates options.
    public init(asOf: CivilDate, language: Language, keepsSourceLines: Bool = true, digestsInputs: Bool = false) {
        self.asOf = asOf
        self.language = language
        self.keepsSourceLines = keepsSourceLines
        self.digestsInputs = digestsInputs
    }
}
