public import PolicykollCore
import PolicykollYAML

/// Compiler-style text for a terminal or editor: `file:line:col: error: [RULE] message`, the
/// source line with a caret, the principle and the remediation; a one-line summary at the end.
public struct TextReporter: Reporter {
    /// Whether to colour the output with ANSI escapes (only on a terminal, never with NO_COLOR).
    public var useColor: Bool { style.useColor }
    private let style: CompilerStyle

    /// Creates a text reporter.
    public init(useColor: Bool) {
        self.style = CompilerStyle(useColor: useColor)
    }

    public func render(_ report: CheckReport) -> String {
        let language = report.language
        var entries: [(file: String, mark: Mark, order: Int, text: String)] = []
        for (position, diagnostic) in (report.errors + report.warnings).enumerated() {
            entries.append(
                (diagnostic.file, diagnostic.mark ?? Mark(line: 0, column: 0), position, render(diagnostic, report: report)))
        }
        for (position, finding) in report.findings.enumerated() {
            entries.append(
                (finding.file, finding.mark, 1_000_000_000 + position, render(finding, report: report, language: language)))
        }
        entries.sort { ($0.file, $0.mark.line, $0.mark.column, $0.order) < ($1.file, $1.mark.line, $1.mark.column, $1.order) }
        var output = entries.map(\.text).joined()
        output += summaryLine(report)
        return output
    }

    // MARK: - Pieces

    private func render(_ finding: Finding, report: CheckReport, language: Language) -> String {
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
        if let rule = report.pack.rule(finding.ruleID) {
            if let principle = report.pack.principle(rule.principle) {
                let word = language == .sv ? "princip" : "principle"
                text += note("\(word) \(principle.id): \(principle.title.text(language))")
            }
            if let remediation = rule.remediation {
                let word = language == .sv ? "åtgärd" : "fix"
                text += note("\(word): \(firstLine(remediation.text(language)))")
            }
        }
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

    private func summaryLine(_ report: CheckReport) -> String {
        let summary = report.summary
        let sv = report.language == .sv
        var parts: [String] = []
        parts.append(sv ? "\(summary.error) fel" : "\(summary.error) \(summary.error == 1 ? "error" : "errors")")
        parts.append(
            sv
                ? "\(summary.warning) \(summary.warning == 1 ? "varning" : "varningar")"
                : "\(summary.warning) \(summary.warning == 1 ? "warning" : "warnings")")
        parts.append("\(summary.info) info")
        if summary.excepted > 0 { parts.append(sv ? "\(summary.excepted) undantagna" : "\(summary.excepted) excepted") }
        if summary.baseline > 0 { parts.append(sv ? "\(summary.baseline) i baslinjen" : "\(summary.baseline) in baseline") }
        let count = report.declarationCount
        var line = parts.joined(separator: ", ")
        line +=
            sv
            ? " i \(count) \(count == 1 ? "deklaration" : "deklarationer")"
            : " in \(count) \(count == 1 ? "declaration" : "declarations")"
        line += " (\(report.pack.rules.count) \(sv ? "regler" : "rules"), \(report.pack.name) \(report.pack.version))"
        if !report.skippedFiles.isEmpty {
            let count = report.skippedFiles.count
            line +=
                sv
                ? "; \(count) \(count == 1 ? "fil" : "filer") utan deklarationer överhoppade"
                : "; \(count) \(count == 1 ? "file" : "files") without declarations skipped"
        }
        if !report.errors.isEmpty {
            let errors = report.errors.count
            line +=
                sv
                ? "; \(errors) \(errors == 1 ? "indatafel" : "indatafel")"
                : "; \(errors) input \(errors == 1 ? "error" : "errors")"
        }
        return line + "\n"
    }
}
