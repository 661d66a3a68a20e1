/// What a check run needs besides its inputs.
public struct CheckOptions: Sendable {
    /// The date used by date operators (and, later, exception expiry).
    public var asOf: CivilDate
    /// The language of messages.
    public var language: Language

    /// Creates options.
    public init(asOf: CivilDate, language: Language) {
        self.asOf = asOf
        self.language = language
    }
}
