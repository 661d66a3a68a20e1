/// A language that every user-facing text of a rule comes in.
public enum Language: String, Sendable, CaseIterable, Codable {
    case sv
    case en

    /// The language a locale string such as `LANG=en_GB.UTF-8` asks for: English for `en…`,
    /// otherwise Swedish (the city's language).
    public static func fromLocale(_ locale: String?) -> Language {
        guard let locale, locale.lowercased().hasPrefix("en") else { return .sv }
        return .en
    }
}
