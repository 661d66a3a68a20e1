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

    /// The language the environment asks for, in POSIX order: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that names a language decides. The `C` and `POSIX` locales name
    /// none (scripts set `LC_ALL=C` for other reasons), so `LANG` still decides under them.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        let namesALanguage = { (locale: String) -> Bool in
            let name = locale.split(separator: ".").first.map(String.init) ?? ""
            return !name.isEmpty && name != "C" && name != "POSIX"
        }
        return fromLocale(["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first(where: namesALanguage))
    }
}
