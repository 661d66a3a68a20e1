/// Escapes text for XML 1.0 attributes and content. Characters XML 1.0 cannot hold at all
/// (most control characters) are replaced by U+FFFD, so hostile text never breaks the document.
enum XMLText {
    static func escape(_ text: String, keepingLineBreaks: Bool = false) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\n": output += keepingLineBreaks ? "\n" : "&#10;"
            case "\r": output += "&#13;"
            case "\t": output += "&#9;"
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && !(0xD800...0xDFFF).contains(value) && value != 0xFFFE && value != 0xFFFF
                if allowed { output.unicodeScalars.append(scalar) } else { output += "\u{FFFD}" }
            }
        }
        return output
    }

    /// Text content that keeps its line breaks readable (for failure bodies).
    static func content(_ text: String) -> String {
        escape(text, keepingLineBreaks: true)
    }
}
