public import PolicykollCore
public import PolicykollYAML

/// The compiler-style pieces shared by text output: `file:line:col: label: message`, the source
/// line with a caret, and `= note` lines. Everything from a file is made terminal-safe.
public struct CompilerStyle: Sendable {
    /// Whether to colour with ANSI escapes.
    public var useColor: Bool

    /// Creates the style.
    public init(useColor: Bool) {
        self.useColor = useColor
    }

    /// A diagnostic with its source line and caret when the lines are known.
    public func render(_ diagnostic: Diagnostic, lines: SourceLines?) -> String {
        var text = header(
            file: diagnostic.file, mark: diagnostic.mark, label: diagnostic.severity.rawValue,
            message: TerminalText.safe(diagnostic.message))
        if let mark = diagnostic.mark, let lines {
            text += excerpt(lines: lines, mark: mark)
        }
        return text
    }

    /// `file:line:col: label: message` and a newline.
    public func header(file: String, mark: Mark?, label: String, message: String) -> String {
        let location = TerminalText.safe(file) + (mark.map { ":\($0.line):\($0.column)" } ?? "")
        return "\(bold(location + ":")) \(colored(label + ":", for: label)) \(message)\n"
    }

    /// The source line and a caret under the column; a long line cut to a window around the
    /// column, marked with `…` where cut.
    public func excerpt(lines: SourceLines, mark: Mark) -> String {
        guard let window = lines.window(line: mark.line, column: mark.column, width: Self.maxExcerptWidth) else {
            return ""
        }
        let line = (window.isCutBefore ? "…" : "") + window.text + (window.isCutAfter ? "…" : "")
        let column = mark.column - window.firstScalar + (window.isCutBefore ? 1 : 0)
        let number = String(mark.line)
        let gutter = String(repeating: " ", count: number.count)
        let shown = TerminalText.safe(line.replacingTabs())
        // The caret stands under the column as shown: a tab is 4 spaces, an escaped control
        // character as wide as its escape.
        let before = String(String.UnicodeScalarView(line.unicodeScalars.prefix(max(0, column - 1))))
        let caretOffset = TerminalText.safe(before.replacingTabs()).unicodeScalars.count
        return " \(number) | \(shown)\n \(gutter) | \(String(repeating: " ", count: caretOffset))\(colored("^", for: "caret"))\n"
    }

    /// The widest source excerpt shown, in Unicode scalars.
    static let maxExcerptWidth = 120

    /// An indented `= note` line.
    public func note(_ text: String) -> String {
        "   = \(TerminalText.safe(text))\n"
    }

    func bold(_ text: String) -> String {
        useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    func colored(_ text: String, for label: String) -> String {
        guard useColor else { return text }
        let code =
            switch label {
            case "error": "1;31"
            case "warning": "1;33"
            case "info": "1;36"
            default: "1;32"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        contains("\t") ? split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ") : self
    }
}
