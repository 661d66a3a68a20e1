import PolicykollCore
import PolicykollReporters

/// The settings `check` and `audit` share: the configuration file's values with the flags on
/// top, merged in one place so that both commands run the same pack, inventory, exceptions,
/// date and language.
struct SharedSettings {
    var paths: [String]
    var policy: [String]
    var inventory: [String]
    var exceptions: [String]
    var language: Language
    var asOf: CivilDate
    /// The configuration file read, if any: an input too, never a report's target.
    var configurationFile: String?
    /// The whole configuration, for the keys only one command reads.
    var configuration: ProjectConfiguration

    /// The flags a command gives for the shared settings (empty or `nil` where not given).
    struct Flags {
        var paths: [String]
        var policy: [String]
        var inventory: [String]
        var exceptions: [String]
        var lang: Language?
        var asOf: CivilDate?
        var config: String?
        var noConfig: Bool
    }

    /// Reads the configuration file (if any) and puts the flags on top; prints the file's
    /// problems and throws exit 2 when it cannot be used.
    static func resolve(_ flags: Flags, style: CompilerStyle) throws -> SharedSettings {
        let configurationFile = ConfigurationFile.path(config: flags.config, noConfig: flags.noConfig)
        let configuration = try ConfigurationFile.load(configurationFile, found: flags.config == nil, style: style)
        func either(_ given: [String], _ configured: [String]) -> [String] { given.isEmpty ? configured : given }
        return SharedSettings(
            paths: either(flags.paths, configuration.paths), policy: either(flags.policy, configuration.policy),
            inventory: either(flags.inventory, configuration.inventory),
            exceptions: either(flags.exceptions, configuration.exceptions),
            language: flags.lang ?? configuration.lang.flatMap(Language.init(rawValue:)) ?? resolveLanguage(nil),
            asOf: flags.asOf ?? configuration.asOf.flatMap { CivilDate(iso: $0) } ?? .today,
            configurationFile: configurationFile, configuration: configuration)
    }
}
