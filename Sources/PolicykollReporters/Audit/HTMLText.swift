import PolicykollYAML

/// Escapes text for HTML content and quoted attribute values.
///
/// Everything that comes from a declaration, an exception or a rule pack goes through here: `&`,
/// `<`, `>`, `"`, `'` and `` ` `` become character references, so text can neither open a tag
/// nor leave an attribute; control characters (which HTML forbids) become U+FFFD, and marks and
/// overrides of text direction are shown as `\u{202e}`, as in the other reports, so that they
/// cannot reorder what a reader sees in a cell. The audit
/// never puts such text into a URL attribute: its only links are `#` fragments it builds itself.
public enum HTMLText {
    /// The escaped text.
    public static func escape(_ text: String) -> String {
        // Most text needs nothing: return it as it is unless a byte might need a reference.
        guard text.utf8.contains(where: mayNeedEscape) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "`": output += "&#96;"
            case "\n", "\t": output.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let control = value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF
                if control {
                    output += "\u{FFFD}"
                } else if YAMLNode.isHidden(scalar) {
                    output += TerminalText.escaped(scalar)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// Whether a UTF-8 byte may start something `escape` changes: one of the six characters, a
    /// control character (C0, DEL, or C1 after 0xC2), U+FFFE/U+FFFF (after 0xEF), or a direction
    /// mark (U+061C after 0xD8, U+200E… after 0xE2).
    private static func mayNeedEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"),
            0x7F, 0xC2, 0xD8, 0xE2, 0xEF:
            true
        case 0x0A, 0x09: false
        default: byte < 0x20
        }
    }

    /// A fragment identifier built from any text: lowercase ASCII letters, digits and hyphens
    /// (å, ä → a; ö → o; everything else → `-`), prefixed so it never starts with a digit.
    public static func anchor(_ prefix: String, _ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            switch character {
            case "å", "ä", "á", "à", "â": slug += "a"
            case "ö", "ó", "ò", "ô", "ø": slug += "o"
            case "é", "è", "ê", "ë": slug += "e"
            case "ü", "ú": slug += "u"
            default:
                if character.isASCII, character.isLetter || character.isNumber {
                    slug.append(character)
                } else if !slug.hasSuffix("-") {
                    slug += "-"
                }
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return prefix + "-" + slug
    }
}
