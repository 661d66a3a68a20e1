import Foundation
import InventoryGenerator
import PolicykollCore
import Testing

@Suite("JSON strings: every character that needs escaping is escaped, wherever it falls")
struct JSONStringTests {
    /// The escaping the writer promises, one scalar at a time.
    static func reference(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{8}": output += "\\b"
            case "\u{C}": output += "\\f"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += String(format: "\\u%04x", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    @Test("fixed cases, including the eight-byte fast path's edges")
    func fixed() {
        let texts = [
            "", "plain ascii text longer than eight bytes", "1234567\"", "12345678\"", "\"12345678", "abcdefgh\u{7F}",
            "åäö – … “quoted” \u{2028} end", "tab\there", "\u{1}\u{1F}", "a\\b", "\u{E000}\u{2027}\u{202A}",
        ]
        for text in texts {
            #expect(JSONValue.string(text).compactText == Self.reference(text), "\(text.debugDescription)")
        }
    }

    @Test("seeded random texts agree with the reference, and parse back to themselves")
    func random() throws {
        var generator = SplitMix64(seed: 7)
        let alphabet: [Character] = [
            "a", "b", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{7F}", "å", "…", "–", "\u{2028}", "\u{2029}", "€", "😀",
        ]
        for _ in 0..<2000 {
            let length = Int.random(in: 0...40, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let json = JSONValue.string(text).compactText
            #expect(json == Self.reference(text))
            let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
            #expect(decoded == text)
        }
    }
}
