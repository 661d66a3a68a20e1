import ArgumentParser
import Foundation
import PolicykollCore
import PolicykollReporters
import PolicykollYAML

/// `policykoll check`: evaluates declarations against the rule pack and reports the findings.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check system declarations against the rule pack.",
        discussion: """
            Reads files, folders (recursively *.yaml and *.yml, skipping hidden entries) or - for \
            standard input. Exit codes: 0 no open finding at or above --fail-on; 1 there is one; \
            2 a usage error, an invalid rule pack, or an input that could not be read or validated \
            (everything else is still checked and reported).
            """
    )

    @Argument(help: "Declaration files, folders, or - for standard input.")
    var paths: [String] = []

    @Option(name: .long, help: "A rule pack folder or file (repeatable). Default: the pack embedded in the binary.")
    var policy: [String] = []

    @Option(name: .long, help: "The report format: text or json.")
    var format: CheckFormat = .text

    @Option(name: .long, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(
        name: .customLong("fail-on"), help: "The lowest severity of an open finding that exits 1: error, warning, info or never.")
    var failOn: FailOn = .error

    @Option(name: .customLong("as-of"), help: "The date (YYYY-MM-DD) the date operators use. Default: today.")
    var asOf: CivilDate?

    @Option(name: .long, help: "The language of messages: sv or en. Default: from LANG, else sv.")
    var lang: Language?

    @Option(name: .long, help: "Declarations that ref conditions may resolve to, loaded for reference only (repeatable).")
    var inventory: [String] = []

    func run() throws {
        let language = resolveLanguage(lang)
        let options = CheckOptions(asOf: asOf ?? .today, language: language)
        let style = CompilerStyle(useColor: Console.useColor(fileDescriptor: 2))

        let loaded = PackLoading.load(policy)
        guard let pack = loaded.pack else {
            printDiagnostics(loaded.diagnostics, files: loaded.files, style: style)
            throw ExitStatus.usage.exitCode
        }
        printDiagnostics(loaded.diagnostics, files: loaded.files, style: style)

        guard !paths.isEmpty else {
            Console.error(style.render(.error(InputProblem.noInput.message, file: "policykoll check", at: nil), lines: nil))
            throw ExitStatus.usage.exitCode
        }
        let (inputs, inputProblems) = InputCollector.readAll(paths)
        let (inventoryFiles, inventoryProblems) = InputCollector.readAll(inventory)
        let report = CheckEngine.check(
            pack: pack, inputs: inputs, inventory: inventoryFiles, inputProblems: inputProblems + inventoryProblems,
            options: options)

        let text: String
        switch format {
        case .text:
            let toTerminal = output == nil && Console.useColor(fileDescriptor: 1)
            text = TextReporter(useColor: toTerminal).render(report)
        case .json:
            text = JSONReporter().render(report)
        }
        // When the report is not text on standard output, people still see input errors in the log.
        if format != .text || output != nil {
            for diagnostic in report.errors {
                Console.error(style.render(diagnostic, lines: report.sources[diagnostic.file]))
            }
        }
        let protected = (inputs + inventoryFiles + loaded.files).map(\.name)
        if let problem = ReportOutput.write(text, to: output, protecting: protected) {
            Console.error(style.render(problem, lines: nil))
            throw ExitStatus.usage.exitCode
        }

        if !report.errors.isEmpty { throw ExitStatus.usage.exitCode }
        if report.hasOpenFinding(atOrAbove: failOn.threshold) { throw ExitStatus.findings.exitCode }
    }

    private func printDiagnostics(_ diagnostics: [Diagnostic], files: [SourceFile], style: CompilerStyle) {
        guard !diagnostics.isEmpty else { return }
        var lines: [String: SourceLines] = [:]
        for file in files { lines[file.name] = SourceLines(file.bytes) }
        for diagnostic in diagnostics {
            Console.error(style.render(diagnostic, lines: lines[diagnostic.file]))
        }
    }
}
