import ArgumentParser
import PolicykollCore
import PolicykollReporters

/// `policykoll explain RULE-ID`: one rule, its principle, rationale, condition, remediation,
/// references and examples.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a rule: its principle, rationale, condition, remediation, references and examples.",
        discussion: "Given a principle's id (as findings show it, e.g. ARK-5), explains the principle and lists its rules."
    )

    @Argument(help: "The rule's id, e.g. GBG-ARK-001, or a principle's, e.g. ARK-5.")
    var ruleID: String

    @Option(name: .long, help: "A rule pack folder or file (repeatable). Default: the pack embedded in the binary.")
    var policy: [String] = []

    @Option(
        name: .long, help: "The language of the texts: sv or en. Default: from the locale (LC_ALL, LC_MESSAGES or LANG), else sv."
    )
    var lang: Language?

    func run() throws {
        let pack = try PackLoading.loadOrExit(policy)
        let wanted = ruleID.uppercased()
        let reporter = RuleExplanationReporter(language: resolveLanguage(lang))
        let principles = pack.areas.flatMap(\.principles)
        if pack.rule(ruleID) == nil, let principle = principles.first(where: { $0.id.uppercased() == wanted }) {
            Console.out(TerminalText.safeLines(reporter.render(principle, in: pack)))
            return
        }
        guard let rule = pack.rule(ruleID) ?? pack.rules.first(where: { $0.id.uppercased() == wanted }) else {
            var message = "unknown rule '\(ruleID)'"
            if let suggestion = Suggestion.closest(to: ruleID, among: pack.rules.map(\.id) + principles.map(\.id)) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; `policykoll rules` lists the rules of the pack"
            }
            Console.error("error: \(message)\n")
            throw ExitStatus.usage.exitCode
        }
        // A pack's texts and examples are shown on a terminal: no control character acts there.
        Console.out(TerminalText.safeLines(reporter.render(rule, in: pack)))
    }
}
