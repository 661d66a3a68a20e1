import PolicykollYAML

/// Makes text from declarations safe to print on a terminal: control characters (which could
/// carry escape sequences) are shown as `\u{…}` instead of being sent to the terminal.
public enum TerminalText {
    /// The text with every control character shown as `\u{…}`, line breaks included.
    static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var output = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                output += escaped(scalar)
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// How every report shows a character it will not send on: `\u{1b}`.
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        "\\u{\(String(scalar.value, radix: 16))}"
    }

    /// A control character, a line or paragraph separator, or a direction mark or override
    /// (which reorders the text around it as shown).
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029
            || YAMLNode.isHidden(scalar)
    }

    /// Text of many lines made safe line by line: its line breaks stay line breaks.
    public static func safeLines(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 != "\n" && isControl($0) }) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { safe(String($0)) }.joined(separator: "\n")
    }
}
