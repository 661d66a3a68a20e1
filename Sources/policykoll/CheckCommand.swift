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
            standard input. Settings come from .policykoll.yaml in the working directory (or \
            --config); flags override them.

            One run can write several reports: --output files are paired with --format options \
            by position (the first --output with the first --format, the second with the second, \
            and so on; write each --output right after its --format); the formats left without an \
            output go to standard output, e.g. --format sarif --output results.sarif --format text.

            Exit codes: 0 no open finding at or above --fail-on; 1 there is one; 2 a usage error, \
            an invalid rule pack, or an input that could not be read or validated (everything \
            else is still checked and reported). Excepted and baseline findings never fail.
            """
    )

    @Argument(help: "Declaration files, folders, or - for standard input. Default: 'paths' of the configuration.")
    var paths: [String] = []

    @Option(name: .long, help: "A rule pack folder or file (repeatable). Default: the pack embedded in the binary.")
    var policy: [String] = []

    @Option(name: .long, help: "A report format: text, json, sarif, junit, markdown or github (repeatable). Default: text.")
    var format: [CheckFormat] = []

    @Option(name: .long, help: "Write the report of the matching --format to this file (repeatable).")
    var output: [String] = []

    @Option(
        name: .customLong("fail-on"),
        help: "The lowest severity of an open finding that exits 1: error, warning, info or never. Default: error.")
    var failOn: FailOn?

    @Option(name: .long, help: "An exceptions file (repeatable); inline exceptions in metadata.exceptions always apply.")
    var exceptions: [String] = []

    @Option(name: .long, help: "An earlier --format json report: findings already in it do not fail the gate.")
    var baseline: String?

    @Option(name: .customLong("as-of"), help: "The date (YYYY-MM-DD) for date operators and exception expiry. Default: today.")
    var asOf: CivilDate?

    @Option(
        name: .long, help: "The language of messages: sv or en. Default: from the locale (LC_ALL, LC_MESSAGES or LANG), else sv.")
    var lang: Language?

    @Option(name: .long, help: "Declarations that ref conditions may resolve to, loaded for reference only (repeatable).")
    var inventory: [String] = []

    @Option(name: .long, help: "A configuration file. Default: .policykoll.yaml in the working directory, when present.")
    var config: String?

    @Flag(name: .customLong("no-config"), help: "Ignore .policykoll.yaml.")
    var noConfig = false

    func validate() throws {
        if noConfig, config != nil { throw ValidationError("--config and --no-config cannot be used together") }
    }

    func run() throws {
        let style = CompilerStyle(useColor: Console.useColor(fileDescriptor: 2))
        let settings = try CheckSettings.resolve(self, style: style)
        let options = CheckOptions(
            asOf: settings.asOf, language: settings.language,
            keepsSourceLines: settings.outputs.contains { $0.format == .text })

        // An invalid pack is an input error like any other: the declarations are still read and
        // validated, and every report is written with the pack's errors and no findings, so that
        // a CI step always has its report (RulePack.isInvalid). With no pack file read at all
        // there is nothing to name.
        let loaded = PackLoading.load(settings.policy)
        guard let pack = loaded.pack ?? (loaded.files.isEmpty ? nil : loaded.withoutRules) else {
            printDiagnostics(loaded.diagnostics, files: loaded.files, style: style)
            throw ExitStatus.usage.exitCode
        }

        // Declarations are read by the engine as it parses them, so a large inventory is never
        // all in memory at once.
        let collected = InputCollector.collect(settings.paths)
        let (inventoryFiles, inventoryProblems) = InputCollector.readAll(settings.inventory)
        let (exceptionFiles, exceptionProblems) = InputCollector.readAll(settings.exceptions)
        var baselineFile: SourceFile?
        var baselineProblems: [Diagnostic] = []
        if let path = settings.baseline {
            // One file, read as named: a folder is an error, not a search for files in it.
            switch InputCollector.read(.file(path, discovered: false)) {
            case .success(let file): baselineFile = file
            case .failure(let problem): baselineProblems = [problem]
            }
        }
        var report = CheckEngine.check(
            pack: pack, reading: collected.inputs, inventory: inventoryFiles,
            inputProblems: loaded.diagnostics + collected.problems + inventoryProblems + exceptionProblems + baselineProblems,
            exceptionFiles: exceptionFiles, baseline: baselineFile, options: options)
        for file in loaded.files where loaded.diagnostics.contains(where: { $0.file == file.name && $0.mark != nil }) {
            report.sources[file.name] = SourceLines(file.bytes)
        }

        // When no report is text on standard output, people still see input errors in the log.
        if !settings.outputs.contains(where: { $0.format == .text && $0.path == nil }) {
            for diagnostic in report.errors {
                Console.error(style.render(diagnostic, lines: report.sources[diagnostic.file]))
            }
        }
        let protected = ProtectedFiles(
            collected,
            paths: (inventoryFiles + exceptionFiles + loaded.files).map(\.name)
                + [settings.baseline, settings.configurationFile].compactMap { $0 })
        var writeFailed = false
        for target in settings.outputs {
            let reporter = reporter(for: target, hasBaseline: baselineFile != nil, failOn: settings.failOn.threshold)
            if let problem = ReportOutput.write(
                to: target.path, protecting: protected, produce: { reporter.write(report, to: $0) })
            {
                Console.error(style.render(problem, lines: nil))
                writeFailed = true
            }
        }

        // Every report went to a file: the log still says what the run found.
        if !settings.outputs.contains(where: { $0.path == nil || $0.path == "-" }) {
            Console.error("policykoll: " + TextReporter.summaryLine(report))
        }
        let status: ExitStatus =
            writeFailed || !report.errors.isEmpty
            ? .usage : (report.hasOpenFinding(atOrAbove: settings.failOn.threshold) ? .findings : .clean)
        // Everything is written: exit now rather than free a large report object by object.
        Foundation.exit(status.rawValue)
    }

    private func reporter(for target: CheckSettings.Output, hasBaseline: Bool, failOn: Severity?) -> any Reporter {
        switch target.format {
        case .text: TextReporter(useColor: target.path == nil && Console.useColor(fileDescriptor: 1))
        case .json: JSONReporter()
        case .sarif: SARIFReporter(hasBaseline: hasBaseline)
        case .junit: JUnitReporter()
        case .markdown: MarkdownReporter(failOn: failOn)
        case .github: GitHubReporter()
        }
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
