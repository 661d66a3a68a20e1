import ArgumentParser
import PolicykollCore
import PolicykollReporters

/// The formats of `policykoll rules`.
enum RulesFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

/// `policykoll rules`: the pack's areas, principles and rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules of the pack by area and principle.",
        discussion: """
            --format json gives the fixed shape of the design (texts always as {sv, en}); \
            --format markdown gives the coverage matrix committed as docs/coverage.md.
            """
    )

    @Option(name: .long, help: "A rule pack folder or file (repeatable). Default: the pack embedded in the binary.")
    var policy: [String] = []

    @Option(name: .long, help: "The output format: text, json or markdown.")
    var format: RulesFormat = .text

    @Option(
        name: .long,
        help:
            "The language of titles in text and Markdown: sv or en. Default: from the locale (LC_ALL, LC_MESSAGES or LANG), else sv."
    )
    var lang: Language?

    func run() throws {
        let pack = try PackLoading.loadOrExit(policy)
        let language = resolveLanguage(lang)
        switch format {
        case .text: Console.out(TerminalText.safeLines(RuleCatalogueTextReporter(language: language).render(pack)))
        case .json: Console.out(RuleCatalogueJSONReporter().render(pack))
        case .markdown: Console.out(TerminalText.safeLines(RuleCatalogueMarkdownReporter(language: language).render(pack)))
        }
    }
}
