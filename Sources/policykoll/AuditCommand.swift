import ArgumentParser
import Foundation
import PolicykollCore
import PolicykollHistory
import PolicykollReporters
import PolicykollYAML

/// The formats of `audit`.
enum AuditReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, json, csv, markdown
}

/// `policykoll audit`: the yearly compliance report of a whole inventory.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The compliance report of a whole inventory: per area, principle, organisation and system.",
        discussion: """
            Evaluates every declaration in the folders and files given (typically one folder per \
            organisation) and reports every (system, rule) outcome: pass, fail, not applicable or \
            excepted. Compliance = pass / (pass + fail); exceptions are shown beside it.

            The settings file is read as for check (.policykoll.yaml in the working directory, or \
            --config): its policy, paths, inventory, exceptions, lang and asOf are the defaults, and \
            flags override them, so that audit and check run the same rules.

            With --history DB --label LABEL the audit is recorded in an SQLite database, and the \
            report shows the change since the previous recorded audit (the latest one with an \
            as-of date not after this one's). Recording never changes the rest of the report.

            Exit codes: 0 the audit ran (findings are its content); 2 a usage error, an invalid \
            rule pack, an input that could not be read or validated (the report still covers \
            everything readable and lists what was not), or the history could not be written.
            """
    )

    @Argument(
        help: "The inventory: declaration files and folders (recursively *.yaml, *.yml). Default: 'paths' of the configuration.")
    var paths: [String] = []

    @Option(name: .long, help: "A rule pack folder or file (repeatable). Default: the pack embedded in the binary.")
    var policy: [String] = []

    @Option(name: .long, help: "The report format.")
    var format: AuditReportFormat = .html

    @Option(name: .long, help: "Write the report to this file instead of standard output (never over an input).")
    var output: String?

    @Option(name: .customLong("as-of"), help: "The date (YYYY-MM-DD) for date operators and exception expiry. Default: today.")
    var asOf: CivilDate?

    @Option(
        name: .long,
        help: "The language of the report: sv or en. Default: from the locale (LC_ALL, LC_MESSAGES or LANG), else sv.")
    var lang: Language?

    @Option(name: .long, help: "An exceptions file (repeatable); inline exceptions in metadata.exceptions always apply.")
    var exceptions: [String] = []

    @Option(
        name: .long,
        help: "Declarations that ref conditions may resolve to, loaded for reference only and not audited (repeatable).")
    var inventory: [String] = []

    @Option(name: .long, help: "Record the audit in this SQLite history database (created when missing); needs --label.")
    var history: String?

    @Option(name: .long, help: "The label to record the audit under, such as 2026; unique in the history.")
    var label: String?

    @Flag(name: .long, help: "Replace an audit already recorded under --label.")
    var replace = false

    @Option(name: .long, help: "A configuration file. Default: .policykoll.yaml in the working directory, when present.")
    var config: String?

    @Flag(name: .customLong("no-config"), help: "Ignore .policykoll.yaml.")
    var noConfig = false

    func validate() throws {
        if noConfig, config != nil { throw ValidationError("--config and --no-config cannot be used together") }
        if history != nil, label == nil { throw ValidationError("--history needs --label (for example --label 2026)") }
        if label != nil, history == nil { throw ValidationError("--label needs --history DB") }
        if replace, history == nil { throw ValidationError("--replace needs --history DB and --label") }
        if let label, label.isEmpty || label.count > 100 {
            throw ValidationError("--label must be 1 to 100 characters, such as 2026")
        }
        // `2026` and `2026 ` would be two audits that look alike in every report.
        if let label, label.first?.isWhitespace == true || label.last?.isWhitespace == true {
            throw ValidationError("--label must not start or end with white space")
        }
        if let label, label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError("--label must not hold control characters")
        }
    }

    func run() throws {
        let style = CompilerStyle(useColor: Console.useColor(fileDescriptor: 2))
        // The same settings file as `check`: its pack, inventory, exceptions, date and language
        // are the defaults (the check-only keys, such as the baseline and outputs, do not apply).
        let settings = try SharedSettings.resolve(
            .init(
                paths: paths, policy: policy, inventory: inventory, exceptions: exceptions, lang: lang, asOf: asOf,
                config: config, noConfig: noConfig),
            style: style)
        let (paths, policy, exceptions, inventory) = (settings.paths, settings.policy, settings.exceptions, settings.inventory)
        let (language, asOf, configurationFile) = (settings.language, settings.asOf, settings.configurationFile)
        guard !paths.isEmpty else {
            throw ValidationError("give the inventory: one or more files or folders of declarations")
        }
        try requireStandardInputOnce([
            ("paths", paths), ("--exceptions", exceptions), ("--policy", policy), ("--inventory", inventory),
        ])
        let loaded = PackLoading.load(policy)
        printDiagnostics(loaded.diagnostics, files: loaded.files, style: style)
        guard let pack = loaded.pack else { throw ExitStatus.usage.exitCode }

        let collected = InputCollector.collect(paths)
        let (exceptionFiles, exceptionProblems) = InputCollector.readAll(exceptions)
        let (inventoryFiles, inventoryProblems) = InputCollector.readAll(inventory)
        // Every input besides the inventory audited: neither the history nor the report may go there.
        let otherInputs = (exceptionFiles + inventoryFiles + loaded.files).map(\.name) + [configurationFile].compactMap { $0 }

        // Open the history first: an unusable database or a taken label stops the run before
        // any work, and the previous audit is read before this one is recorded.
        var store: AuditHistory?
        var previous: AuditSnapshot?
        if let history, let label {
            if ProtectedFiles(collected, paths: otherInputs).contains(path: history) {
                let problem = "refusing to record the audit in '\(history)': it is one of the input files"
                Console.error(style.render(.error(problem, file: history, at: nil), lines: nil))
                throw ExitStatus.usage.exitCode
            }
            do throws(HistoryProblem) {
                let opened = try AuditHistory(path: history, create: true) {
                    Console.error(
                        "policykoll: waiting for another process to finish writing to \(history) (at most \(Int(AuditHistory.busyTimeout)) s)"
                    )
                }
                if !replace, try opened.contains(label: label) { throw HistoryProblem.labelExists(label: label, path: history) }
                previous = try opened.previous(asOf: asOf, excluding: label)
                store = opened
            } catch {
                Console.error(style.render(.error(error.message, file: error.path, at: nil), lines: nil))
                throw ExitStatus.usage.exitCode
            }
        }

        // Each file is read, hashed and checked on a worker, and dropped: the inventory is never
        // all in memory at once.
        let check = CheckEngine.check(
            pack: pack, reading: collected.inputs, inventory: inventoryFiles,
            inputProblems: collected.problems + inventoryProblems + exceptionProblems, exceptionFiles: exceptionFiles,
            // The audit shows no source excerpts for findings; input errors still get theirs.
            options: CheckOptions(asOf: asOf, language: language, keepsSourceLines: false, digestsInputs: true))
        let digests = check.inputDigests.map { AuditInput(file: $0.file, sha256: $0.sha256) }
        var audit = AuditReport(check: check, inputs: digests + exceptionFiles.map(AuditInput.init))
        if let previous, let label {
            audit.trend = AuditTrend(from: previous, to: AuditSnapshot(audit, label: label))
        }

        // Input errors go to standard error too: the report may be a file nobody reads at once.
        for diagnostic in check.errors {
            Console.error(style.render(diagnostic, lines: check.sources[diagnostic.file]))
        }
        var failed = false
        let reporter = self.reporter
        let protected = ProtectedFiles(collected, paths: otherInputs + [history].compactMap { $0 })
        if let problem = ReportOutput.write(to: output, protecting: protected, produce: { reporter.write(audit, to: $0) }) {
            Console.error(style.render(problem, lines: nil))
            failed = true
        }
        if let store, let label {
            do {
                try store.record(audit, label: label, recordedAt: Date(), replace: replace)
            } catch {
                Console.error(style.render(.error(error.message, file: error.path, at: nil), lines: nil))
                failed = true
            }
        }
        if failed || !check.errors.isEmpty { throw ExitStatus.usage.exitCode }
    }

    private var reporter: any AuditReporter {
        switch format {
        case .html: AuditHTMLReporter()
        case .json: AuditJSONReporter()
        case .csv: AuditCSVReporter()
        case .markdown: AuditMarkdownReporter()
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
