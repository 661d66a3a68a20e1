public import PolicykollCore
import PolicykollYAML

/// Compiler-style text for a terminal or editor: `file:line:col: error: [RULE] message`, the
/// source line with a caret, the principle and the remediation; a one-line summary at the end.
public struct TextReporter: StreamingReporter {
    /// Whether to colour the output with ANSI escapes (only on a terminal, never with NO_COLOR).
    public var useColor: Bool { style.useColor }
    private let style: CompilerStyle

    /// Creates a text reporter.
    public init(useColor: Bool) {
        self.style = CompilerStyle(useColor: useColor)
    }

    /// Input problems and findings in file, line and column order (input problems first at the
    /// same place), then the summary line: rendered on every core a window at a time and handed
    /// to `sink` in order, so a large run's text is never held whole.
    public func write(_ report: CheckReport, to sink: ([UInt8]) -> Void) {
        let diagnostics = report.errors + report.warnings
        // Entries below `diagnostics.count` are diagnostics, the rest findings.
        let entries = 0..<(diagnostics.count + report.findings.count)
        func key(_ entry: Int) -> (file: String, mark: Mark) {
            entry < diagnostics.count
                ? (diagnostics[entry].file, diagnostics[entry].mark ?? Mark(line: 0, column: 0))
                : (report.findings[entry - diagnostics.count].file, report.findings[entry - diagnostics.count].mark)
        }
        let order = entries.sorted { left, right in
            let (a, b) = (key(left), key(right))
            if a.file != b.file { return a.file < b.file }
            if a.mark != b.mark { return a.mark < b.mark }
            return left < right
        }
        let notes = notes(report)
        Parallel.renderInOrder(count: order.count, consume: sink) { position, bytes in
            let entry = order[position]
            let text =
                entry < diagnostics.count
                ? render(diagnostics[entry], report: report)
                : render(report.findings[entry - diagnostics.count], report: report, notes: notes)
            bytes += text.utf8
        }
        sink(Array(Self.summaryLine(report).utf8))
    }

    // MARK: - Pieces

    /// The principle and fix notes under a finding of each rule, worded once per report.
    private func notes(_ report: CheckReport) -> [String: String] {
        let language = report.language
        var notes: [String: String] = [:]
        for rule in report.pack.rules where notes[rule.id] == nil {
            var text = ""
            if let principle = report.pack.principle(rule.principle) {
                let word = language == .sv ? "princip" : "principle"
                text += note("\(word) \(principle.id): \(principle.title.text(language))")
            }
            if let remediation = rule.remediation {
                let word = language == .sv ? "åtgärd" : "fix"
                text += note("\(word): \(firstLine(remediation.text(language)))")
            }
            notes[rule.id] = text
        }
        return notes
    }

    private func render(_ finding: Finding, report: CheckReport, notes: [String: String]) -> String {
        let language = report.language
        let label = finding.severity.rawValue
        var status = ""
        switch finding.status {
        case .open: break
        case .excepted: status = language == .sv ? " (undantag)" : " (excepted)"
        case .baseline: status = language == .sv ? " (baslinje)" : " (baseline)"
        }
        var text = header(
            file: finding.file, mark: finding.mark, label: label,
            message: "[\(finding.ruleID)] \(TerminalText.safe(finding.message))\(status)")
        text += sourceExcerpt(file: finding.file, mark: finding.mark, report: report)
        text += notes[finding.ruleID] ?? ""
        return text
    }

    private func render(_ diagnostic: Diagnostic, report: CheckReport) -> String {
        style.render(diagnostic, lines: report.sources[diagnostic.file])
    }

    private func header(file: String, mark: Mark?, label: String, message: String) -> String {
        style.header(file: file, mark: mark, label: label, message: message)
    }

    private func sourceExcerpt(file: String, mark: Mark, report: CheckReport) -> String {
        report.sources[file].map { style.excerpt(lines: $0, mark: mark) } ?? ""
    }

    private func note(_ text: String) -> String {
        style.note(text)
    }

    private func firstLine(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? text
    }

    /// The closing line: counts by severity and status, declarations, the pack, skipped files
    /// and input errors, in the report's language.
    public static func summaryLine(_ report: CheckReport) -> String {
        let summary = report.summary
        let say = Wording(language: report.language)
        var parts = [
            say("\(summary.error) fel", counted(summary.error, "error", "errors")),
            say(counted(summary.warning, "varning", "varningar"), counted(summary.warning, "warning", "warnings")),
            "\(summary.info) info",
        ]
        if summary.excepted > 0 { parts.append(say("\(summary.excepted) undantagna", "\(summary.excepted) excepted")) }
        if summary.baseline > 0 { parts.append(say("\(summary.baseline) i baslinjen", "\(summary.baseline) in baseline")) }
        let declarations = report.declarationCount
        let rules = report.pack.rules.count
        var line = parts.joined(separator: ", ")
        line += say(
            " i " + counted(declarations, "deklaration", "deklarationer"),
            " in " + counted(declarations, "declaration", "declarations"))
        line +=
            " (\(say(counted(rules, "regel", "regler"), counted(rules, "rule", "rules"))), \(report.pack.name) \(report.pack.version))"
        if !report.skippedFiles.isEmpty {
            let count = report.skippedFiles.count
            line +=
                "; "
                + say(
                    counted(count, "fil", "filer") + " utan deklarationer överhoppade",
                    counted(count, "file", "files") + " without declarations skipped")
        }
        if !report.errors.isEmpty {
            let errors = report.errors.count
            line += "; " + say("\(errors) indatafel", counted(errors, "input error", "input errors"))
        }
        if report.pack.isInvalid {
            line +=
                "; "
                + say("regelpaketet är ogiltigt: ingen regel utvärderades", "the rule pack is invalid: no rule was evaluated")
        }
        // The counts before are of findings; the warnings printed about the inputs are counted
        // apart, so that "0 warnings" under a list of them does not read as a contradiction.
        if !report.warnings.isEmpty {
            let warnings = report.warnings.count
            line +=
                "; "
                + say(counted(warnings, "indatavarning", "indatavarningar"), counted(warnings, "input warning", "input warnings"))
        }
        // The pack's name and version come from a file: nothing in them may act on a terminal.
        return TerminalText.safe(line) + "\n"
    }
}
