public import PolicykollCore
import PolicykollYAML

/// Markdown for a pull-request comment or a job summary: a verdict, counts, and a findings table.
public struct MarkdownReporter: Reporter {
    /// The lowest severity of an open finding that fails the gate (`--fail-on`), or `nil` when
    /// none does: the headline gives the gate's verdict, as the exit code does.
    public var failOn: Severity?

    /// Creates a Markdown reporter for a gate that fails on open findings at or above `failOn`.
    public init(failOn: Severity? = .error) {
        self.failOn = failOn
    }

    public func render(_ report: CheckReport) -> String {
        let sv = report.language == .sv
        let summary = report.summary
        let headline: String
        if !report.errors.isEmpty || report.hasOpenFinding(atOrAbove: failOn) {
            headline = sv ? "❌ brister hittades" : "❌ problems found"
        } else if summary.error > 0 {
            headline =
                sv
                ? "⚠️ fel hittades, men de fäller inte grinden (--fail-on)"
                : "⚠️ errors found, but they do not fail the gate (--fail-on)"
        } else {
            headline = sv ? "✅ inga fel" : "✅ no errors"
        }
        var text = "## policykoll: " + headline + "\n\n"
        text +=
            sv
            ? "\(counted(report.declarationCount, "deklaration kontrollerad", "deklarationer kontrollerade")) mot \(Self.code(report.pack.name)) \(Self.code(report.pack.version)) per \(report.asOf).\n\n"
            : "\(counted(report.declarationCount, "declaration", "declarations")) checked against \(Self.code(report.pack.name)) \(Self.code(report.pack.version)) as of \(report.asOf).\n\n"
        if report.pack.isInvalid {
            text +=
                sv
                ? "**Regelpaketet är ogiltigt: ingen regel utvärderades.** Rätta felen nedan.\n\n"
                : "**The rule pack is invalid: no rule was evaluated.** Correct the errors below.\n\n"
        }
        text +=
            sv
            ? "| fel | varningar | info | undantagna | baslinje | indatafel |\n"
            : "| errors | warnings | info | excepted | baseline | input errors |\n"
        text += "|---:|---:|---:|---:|---:|---:|\n"
        text +=
            "| \(summary.error) | \(summary.warning) | \(summary.info) | \(summary.excepted) | \(summary.baseline) | \(report.errors.count) |\n\n"

        let say = Wording(language: report.language)
        if !report.errors.isEmpty {
            text += sv ? "### Indatafel\n\n" : "### Input errors\n\n"
            text += Self.table(report.errors, heading: say("fel", "error"), language: report.language) + "\n"
        }
        // Warnings never fail the gate, but a reviewer should see an expired or unused
        // exception and what the loader noted; a long list is cut, the rest counted.
        if !report.warnings.isEmpty {
            text += sv ? "### Varningar\n\n" : "### Warnings\n\n"
            text += Self.table(
                report.warnings.prefix(Self.maxWarnings), heading: say("varning", "warning"), language: report.language)
            let more = report.warnings.count - Self.maxWarnings
            if more > 0 { text += sv ? "\n… och \(more) till.\n" : "\n… and \(more) more.\n" }
            text += "\n"
        }
        if !report.findings.isEmpty {
            text += sv ? "### Fynd\n\n" : "### Findings\n\n"
            text +=
                sv
                ? "| allvarlighet | regel | deklaration | plats | meddelande | status |\n|---|---|---|---|---|---|\n"
                : "| severity | rule | declaration | location | message | status |\n|---|---|---|---|---|---|\n"
            for finding in report.findings {
                let location = "\(finding.file):\(finding.mark.line):\(finding.mark.column)"
                text += "| \(Self.icon(finding.severity)) \(say.severity(finding.severity)) | \(Self.code(finding.ruleID)) | "
                text +=
                    "\(Self.code(finding.declarationID)) | \(Self.code(location)) | \(Self.cell(finding.message)) | \(say.status(finding.status)) |\n"
            }
        }
        return text
    }

    /// A table of diagnostics: where, and what (under `heading`).
    static func table(_ diagnostics: some Sequence<Diagnostic>, heading: String, language: Language) -> String {
        var text = "| " + Wording(language: language)("plats", "location") + " | " + heading + " |\n|---|---|\n"
        for diagnostic in diagnostics { text += "| \(code(diagnostic.location)) | \(cell(diagnostic.message)) |\n" }
        return text
    }

    /// The most warnings a comment lists.
    static let maxWarnings = 50

    static func icon(_ severity: Severity) -> String {
        switch severity {
        case .error: "🔴"
        case .warning: "🟠"
        case .info: "🔵"
        }
    }

    /// A table cell: pipes and line breaks cannot break the table; Markdown and HTML are inert,
    /// and so are GitHub's extensions: `~~strike~~`, `$math$`, and `@someone`, which would notify
    /// a user or team from a pull-request comment (a zero-width space after `@` keeps it from
    /// being a mention, as Dependabot does; `name@example.se` is left as it is).
    static func cell(_ text: String) -> String {
        var output = ""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "|": output += "\\|"
            case "\n", "\r": output += " "
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "#", "!", "~", "$": output += "\\" + String(scalar)
            case "@" where !(previous.map { $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false):
                output += "@&#8203;"
            default:
                // Controls become spaces; what reorders or acts on text as shown is written escaped.
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += " "
                } else if YAMLNode.isHidden(scalar) {
                    output += TerminalText.escaped(scalar)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// Inline code that holds any text: a fence longer than any backtick run inside.
    static func code(_ text: String) -> String {
        let cleaned = String(
            text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F || YAMLNode.isHidden($0) ? " " : Character($0) })
        var fence = "`"
        while cleaned.contains(fence) { fence += "`" }
        let padding = cleaned.hasPrefix("`") || cleaned.hasSuffix("`") ? " " : ""
        // GitHub's tables read `\|` as a pipe even inside code.
        let escaped = cleaned.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
        return fence + padding + escaped + padding + fence
    }
}
