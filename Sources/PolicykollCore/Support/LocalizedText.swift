/// A text in Swedish and English. A rule pack may give a single string, used for both.
public struct LocalizedText: Sendable, Equatable, Hashable {
    /// The Swedish text.
    public var sv: String
    /// The English text.
    public var en: String

    /// Creates a text from both languages.
    public init(sv: String, en: String) {
        self.sv = sv
        self.en = en
    }

    /// Creates a text that reads the same in both languages.
    public init(_ text: String) {
        self.init(sv: text, en: text)
    }

    /// The text in a language.
    public func text(_ language: Language) -> String {
        switch language {
        case .sv: sv
        case .en: en
        }
    }
}
