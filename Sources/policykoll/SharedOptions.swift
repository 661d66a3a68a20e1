public import ArgumentParser
import Foundation
public import PolicykollCore

extension Language: ExpressibleByArgument {}

/// The report formats of `check`.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, junit, markdown, github
}

/// The `--fail-on` threshold.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never

    /// The lowest severity that fails the gate, or `nil` for `never`.
    var threshold: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .info: .info
        case .never: nil
        }
    }
}

extension CivilDate: ExpressibleByArgument {
    /// `YYYY-MM-DD`, or `today` (the default, said explicitly).
    public init?(argument: String) {
        if argument.lowercased() == "today" {
            self = .today
            return
        }
        guard argument.utf8.count == 10 else { return nil }
        self.init(iso: argument)
    }

    /// Today's date in the local time zone.
    static var today: CivilDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)!
    }
}

/// The language from `--lang`, else from the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: English
/// for `en…`), else Swedish.
func resolveLanguage(_ option: Language?) -> Language {
    option ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
}

/// Standard input can be read once: refuses `-` given to more than one kind of input.
func requireStandardInputOnce(_ inputs: [(name: String, paths: [String])]) throws {
    let readers = inputs.filter { $0.paths.contains("-") }.map(\.name)
    guard readers.count <= 1 else {
        throw ValidationError("standard input (-) can be read only once; it is given to \(readers.joined(separator: " and "))")
    }
}
