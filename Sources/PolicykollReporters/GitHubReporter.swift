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
        var properties = ["file=\(Self.escapeProperty(file, isPath: true))"]
        if let mark {
            properties += ["line=\(mark.line)", "col=\(mark.column)"]
        }
        properties.append("title=\(Self.escapeProperty(title))")
        return "::\(name) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
    }

    /// Escapes a command's message: `%`, CR and LF. Other controls, and characters that reorder
    /// or hide text, are shown as `\u{…}` rather than sent to the log.
    static func escapeData(_ text: String, isPath: Bool = false) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default:
                // A path is the file's own name, or the annotation would not find the file: a tab
                // or a bidi character in it stays (the runner unescapes only %, CR, LF, : and ,).
                let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                let isShownEscaped = isPath ? isControl && scalar != "\t" : isControl || YAMLNode.isHidden(scalar)
                if isShownEscaped {
                    output += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// Escapes a property value: as data, plus `:` and `,`.
    static func escapeProperty(_ text: String, isPath: Bool = false) -> String {
        var output = ""
        for scalar in escapeData(text, isPath: isPath).unicodeScalars {
            switch scalar {
            case ":": output += "%3A"
            case ",": output += "%2C"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
