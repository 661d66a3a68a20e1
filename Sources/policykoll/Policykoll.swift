import ArgumentParser
import Foundation

/// The `policykoll` command: checks system declarations against the city's digitalisation policy.
struct Policykoll: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policykoll",
        abstract:
            "Policy-as-code compliance checks of system declarations against Göteborgs Stads policy för digitalisering och IT.",
        discussion: """
            Exit codes: 0 no open finding at or above --fail-on; 1 there is one; 2 a usage error, \
            an invalid rule pack, or an input that could not be read, parsed or validated.
            """,
        version: PolicykollVersion.text,
        subcommands: [
            CheckCommand.self, TestCommand.self, RulesCommand.self, ExplainCommand.self, SchemaCommand.self, InitCommand.self,
            DumpCommand.self, AuditCommand.self, HistoryCommand.self,
        ],
        defaultSubcommand: nil
    )
}

/// The process entry point: parses arguments and maps every outcome to the fixed exit codes.
@main
enum Main {
    static func main() {
        // An interrupted run removes the report it was writing (taken from start-up, so that no
        // signal falls between a report's first byte and the handler).
        InterruptCleanup.prepare()
        // The subcommand, once parsed: a usage error found while it runs shows its usage.
        var commandType: any ParsableCommand.Type = Policykoll.self
        do {
            var command = try Policykoll.parseAsRoot()
            commandType = type(of: command)
            try command.run()
            exitIfOutputWasLost()
        } catch {
            // A report that did not reach standard output outranks the findings' exit code.
            exitIfOutputWasLost()
            // Usage errors exit 2, as the contract says (ArgumentParser's own default is 64).
            if Policykoll.exitCode(for: error) == .validationFailure {
                var message = Policykoll.fullMessage(for: error)
                if commandType != Policykoll.self {
                    // Thrown by the subcommand itself, not the parser: show that command's usage.
                    let name = commandType.configuration.commandName ?? ""
                    message =
                        "Error: \(Policykoll.message(for: error))\n"
                        + "Usage: " + Policykoll.usageString(for: commandType) + "\n"
                        + "  See 'policykoll \(name) --help' for more information."
                }
                Console.error(message.hasSuffix("\n") ? message : message + "\n")
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            Policykoll.exit(withError: error)
        }
    }

    /// Exits with status 2 and says why when writing to standard output failed.
    private static func exitIfOutputWasLost() {
        guard let reason = Console.outputFailure else { return }
        Console.error("policykoll: error: cannot write to standard output: \(reason)\n")
        Foundation.exit(ExitStatus.usage.rawValue)
    }
}
