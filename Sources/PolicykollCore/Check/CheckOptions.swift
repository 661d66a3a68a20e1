/// What a check run needs besides its inputs.
public struct CheckOptions: Sendable {
    /// The date used by date operators (and, later, exception expiry).
    public var asOf: CivilDate
    /// The language of messages.
    public var language: Language
    /// Whether the report keeps the lines of files with findings, for text output's excerpts;
    /// machine formats do not need them, and large runs save the memory.
    public var keepsSourceLines: Bool

    /// Creates options.
    public init(asOf: CivilDate, language: Language, keepsSourceLines: Bool = true) {
        self.asOf = asOf
        self.language = language
        self.keepsSourceLines = keepsSourceLines
    }
}
