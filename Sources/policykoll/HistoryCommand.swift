public import ArgumentParser
import PolicykollCore
import PolicykollHistory
public import PolicykollReporters

extension HistoryReporter.Format: ExpressibleByArgument {}

/// `policykoll history`: the audits recorded in a history database, and the trend.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The audits recorded in a history database, and the trend per area and organisation.",
        discussion: """
            Lists every audit recorded with `policykoll audit … --history DB --label LABEL` (oldest \
            first, by as-of date), then compliance per audit and the change since the one before, \
            overall, per area and per organisation. Exit 2 when the database is missing or unusable.
            """
    )

    @Argument(help: "The history database (SQLite).")
    var database: String

    @Option(name: .long, help: "The output format.")
    var format: HistoryReporter.Format = .text

    @Option(name: .long, help: "The language: sv or en. Default: from the locale (LC_ALL, LC_MESSAGES or LANG), else sv.")
    var lang: Language?

    func run() throws {
        let style = CompilerStyle(useColor: Console.useColor(fileDescriptor: 2))
        do {
            let audits = try AuditHistory(path: database, create: false).snapshots()
            Console.out(HistoryReporter(format: format, language: resolveLanguage(lang)).render(audits, database: database))
        } catch {
            Console.error(style.render(.error(error.message, file: error.path, at: nil), lines: nil))
            throw ExitStatus.usage.exitCode
        }
    }
}
