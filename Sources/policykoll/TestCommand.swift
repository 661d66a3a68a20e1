import ArgumentParser
import Foundation
import PolicykollCore
import PolicykollReporters

/// `policykoll test`: runs every rule's own examples, so a rule's examples are its tests.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every rule's examples: a pass example must give no finding for its rule, a fail example at least one.",
        discussion: """
            Prints one line per rule and a summary. Example declarations may leave out apiVersion, \
            kind (the first of the rule's appliesTo, else System) and metadata (id example). A rule's \
            examples are evaluated at its examples.asOf date, else today; --as-of overrides both. \
            Exit codes: 0 every example behaves; 1 an example misbehaves or a rule lacks a pass or a \
            fail example; 2 the pack is invalid.
            """
    )

    @Argument(help: "Rule pack folders or files. Default: the pack embedded in the binary.")
    var policies: [String] = []

    @Option(name: .long, help: "A rule pack folder or file (repeatable), as for check; the same as giving it as an argument.")
    var policy: [String] = []

    @Option(
        name: .customLong("as-of"), help: "Evaluate every rule's examples at this date (YYYY-MM-DD), overriding examples.asOf.")
    var asOf: CivilDate?

    func run() throws {
        let pack = try PackLoading.loadOrExit(policies + policy)
        let results = RuleExampleRunner.run(pack, asOf: asOf, today: .today)
        let idWidth = results.map(\.ruleID.count).max() ?? 0
        var output = ""
        for result in results {
            let id = result.ruleID.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            if result.succeeded {
                output += "ok    \(id)  \(result.passCount) pass, \(result.failCount) fail (as of \(result.asOf))\n"
                continue
            }
            for (index, (problem, mark)) in result.misbehaviours.enumerated() {
                // At the example that misbehaved, so that an editor jumps to it.
                output += (index == 0 ? "FAIL  \(id)  " : "      \(id)  ") + "\(result.file):\(mark): \(problem.message)\n"
            }
        }
        let failed = results.filter { !$0.succeeded }.count
        output += "\n\(results.count) \(results.count == 1 ? "rule" : "rules"): \(results.count - failed) ok, \(failed) failed\n"
        Console.out(TerminalText.safeLines(output))
        if failed > 0 { throw ExitStatus.findings.exitCode }
    }
}
