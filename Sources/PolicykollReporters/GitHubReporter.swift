public import PolicykollCore
import PolicykollYAML

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`, so findings
/// appear as annotations on the pull request. Excepted and baseline findings are `::notice`.
public struct GitHubReporter: Reporter {
    /// Creates a GitHub reporter.
    public init() {}

    public func render(_ report: CheckReport) -> String {
        var output = ""
        for error in report.errors {
            output += command(
                "error", file: error.file, mark: error.mark, title: "policykoll: input error", message: error.message)
        }
        for warning in report.warnings {
            output += command("warning", file: warning.file, mark: warning.mark, title: "policykoll", message: warning.message)
        }
        for finding in report.findings {
            let level: String
            switch (finding.status, finding.severity) {
            case (.open, .error): level = "error"
            case (.open, .warning): level = "warning"
            default: level = "notice"
            }
            var title = "\(finding.ruleID) (\(finding.principle))"
            if finding.status != .open { title += " [\(finding.status.rawValue)]" }
            output += command(level, file: finding.file, mark: finding.mark, title: title, message: finding.message)
        }
        return output + "policykoll: " + TextReporter.summaryLine(report)
    }

    private func command(_ name: String, file: String, mark: Mark?, title: String, message: String) -> String {
        var properties = ["file=\(Self.escapePath(file))"]
        if let mark {
            properties += ["line=\(mark.line)", "col=\(mark.column)"]
        }
        properties.append("title=\(Self.escapeProperty(title))")
        return "::\(name) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
    }

    /// Escapes a command's message: `%`, CR and LF. Other controls, and characters that reorder
    /// or hide text, are shown as `\u{…}` rather than sent to the log.
    static func escapeData(_ text: String) -> String {
        escape(text) { $0.value < 0x20 || $0.value == 0x7F || YAMLNode.isHidden($0) }
    }

    /// Escapes a property value: as data, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapingSeparators(escapeData(text))
    }

    /// Escapes the `file` property: a path is the file's own name, or the annotation would not
    /// find the file, so a tab or a bidi character in it stays (the runner unescapes only `%`, CR,
    /// LF, `:` and `,`); terminal controls are still shown, not sent.
    static func escapePath(_ path: String) -> String {
        escapingSeparators(escape(path) { ($0.value < 0x20 && $0 != "\t") || (0x7F...0x9F).contains($0.value) })
    }

    /// `%`, CR and LF as the runner reads them, and the scalars `isShownEscaped` picks as `\u{…}`.
    private static func escape(_ text: String, showingEscaped isShownEscaped: (Unicode.Scalar) -> Bool) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default:
                if isShownEscaped(scalar) {
                    output += TerminalText.escaped(scalar)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// `:` and `,`, which separate a command's properties.
    private static func escapingSeparators(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case ":": output += "%3A"
            case ",": output += "%2C"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
