import Foundation
import Testing

/// A hostile declaration file, generated at test time, and where its error must point.
struct HostileInput: Sendable, CustomTestStringConvertible {
    var name: String
    /// The file's bytes.
    var bytes: @Sendable () -> [UInt8]
    var line: Int
    var column: Int
    /// Texts the error message must contain.
    var fragments: [String]
    /// Declarations of the hostile file that are valid and must still be checked.
    var validDeclarations = 0

    var testDescription: String { name }

    /// The envelope of a declaration (six lines); `spec` follows.
    static func header(_ id: String, extra: String = "") -> String {
        "apiVersion: policykoll/v1\nkind: System\nmetadata:\n  id: \(id)\n  name: N\(extra)\n  organisation: O\n"
    }

    static func text(_ text: @escaping @Sendable () -> String) -> @Sendable () -> [UInt8] {
        { Array(text().utf8) }
    }

    /// A billion-laughs document: 12 levels of nine aliases each.
    static let aliasBomb: String = {
        var text = header("bomb") + "spec:\n  a0: &a0 [" + Array(repeating: "\"lol\"", count: 9).joined(separator: ",") + "]\n"
        for level in 1...12 {
            text += "  a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]\n"
        }
        return text
    }()

    static let depth = 300_000

    static let yaml: [HostileInput] = [
        HostileInput(
            name: "an alias bomb (billion laughs)", bytes: text { aliasBomb }, line: 13, column: 12,
            fragments: ["aliases expand to more than 100000 nodes"]),
        HostileInput(
            name: "20,000 aliases of a 100 KB scalar (few nodes, gigabytes of text)",
            bytes: text {
                header("big") + "spec:\n  big: &big " + String(repeating: "x", count: 100_000) + "\n  many: ["
                    + Array(repeating: "*big", count: 20_000).joined(separator: ", ") + "]\n"
            }, line: 9, column: 10 + 6 * 167, fragments: ["aliases expand to more than 16 MiB of text"]),
        HostileInput(
            name: "300,000 nested flow sequences",
            bytes: text {
                header("fs") + "spec:\n  x: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
            },
            line: 8, column: 260, fragments: ["nested more than 256 levels deep"]),
        HostileInput(
            name: "300,000 nested flow mappings",
            bytes: text {
                header("fm") + "spec:\n  x: " + String(repeating: "{a: ", count: depth) + "1"
                    + String(repeating: "}", count: depth) + "\n"
            },
            line: 8, column: 1022, fragments: ["nested more than 256 levels deep"]),
        HostileInput(
            name: "300,000 nested block sequences",
            bytes: text { header("bs") + "spec:\n  x:\n    " + String(repeating: "- ", count: depth) + "a\n" },
            line: 9, column: 513, fragments: ["nested more than 256 levels deep"]),
        HostileInput(
            name: "2,000 nested block mappings",
            bytes: text {
                header("bm") + "spec:\n" + (0..<2000).map { String(repeating: " ", count: 2 * $0 + 2) + "k\($0):\n" }.joined()
                    + String(repeating: " ", count: 4002) + "v\n"
            },
            line: 263, column: 513, fragments: ["nested more than 256 levels deep"]),
        HostileInput(
            name: "a 30 MB scalar (still checked), then an error after it",
            bytes: text {
                header("big", extra: "\n  description: \"" + String(repeating: "x", count: 30_000_000) + "\"") + "spec: {}\n---\n"
                    + header("big2") + "spec:\n  x: 1\n  x: 2\n"
            },
            line: 18, column: 3, fragments: ["duplicate key 'x'", "17:3"], validDeclarations: 1),
        HostileInput(
            name: "a 6 MB line with an error at its end",
            bytes: text { header("long") + "spec: {x: [" + String(repeating: "abcdefgh, ", count: 600_000) + "z], x: 2}\n" },
            line: 7, column: 6_000_016, fragments: ["duplicate key 'x'", "7:8"]),
        HostileInput(
            name: "a merge of two inline mappings of 50,000 keys each (still checked), then an error",
            bytes: text {
                let first = (0..<50_000).map { "k\($0): 1" }.joined(separator: ", ")
                let second = (0..<50_000).map { "j\($0): 1" }.joined(separator: ", ")
                return header("merged") + "spec:\n  x:\n    <<: [{\(first)}, {\(second)}]\n---\n" + header("after")
                    + "spec: [1]\n"
            },
            line: 17, column: 7, fragments: ["'spec' must be a mapping"], validDeclarations: 1),
        HostileInput(
            name: "a BEL control character", bytes: text { header("bell") + "spec:\n  x: \"a\u{07}b\"\n" }, line: 8, column: 8,
            fragments: ["control character U+0007"]),
        HostileInput(
            name: "a terminal escape (ESC)", bytes: text { header("esc") + "spec:\n  x: a\u{1B}[31mred\n" }, line: 8, column: 7,
            fragments: ["control character U+001B"]),
        HostileInput(
            name: "DEL", bytes: text { header("del") + "spec:\n  x: a\u{7F}b\n" }, line: 8, column: 7,
            fragments: ["control character U+007F"]),
        HostileInput(
            name: "a C1 control character", bytes: text { header("c1") + "spec:\n  x: a\u{9B}b\n" }, line: 8, column: 7,
            fragments: ["control character U+009B"]),
        HostileInput(
            name: "a NUL in the middle of a value", bytes: text { header("nul") + "spec:\n  x: a\u{0}b\n" }, line: 8, column: 7,
            fragments: ["binary"]),
        HostileInput(
            name: "random bytes without NUL named .yaml",
            bytes: {
                var state: UInt32 = 7
                return (0..<4096).map { _ in
                    state = state &* 1_103_515_245 &+ 12345
                    return UInt8(truncatingIfNeeded: state >> 16) | 0x80
                }
            }, line: 1, column: 1, fragments: ["not valid UTF-8", "a UTF-8 character is cut short"]),
        HostileInput(
            // A long line gets checkpoints of where its characters start; this one has none.
            name: "a line of 3,000 bytes none of which can start a UTF-8 character",
            bytes: { Array(repeating: 0x80, count: 3_000) + [0x0A] }, line: 1, column: 1,
            fragments: ["not valid UTF-8", "a byte that cannot start a UTF-8 character"]),
        HostileInput(
            name: "a gzip file named .yaml", bytes: { [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + Array("abc".utf8) }, line: 1,
            column: 3, fragments: ["binary"]),
        HostileInput(
            name: "a file of comments only", bytes: text { "# just a comment\n# another\n" }, line: 1, column: 1,
            fragments: ["empty"]),
        HostileInput(
            name: "documents that are empty", bytes: text { "---\n---\n" }, line: 1, column: 1, fragments: ["empty"]),
        HostileInput(
            name: "a tab in nested indentation", bytes: text { header("tab") + "spec:\n  a:\n\tb: 1\n" }, line: 9, column: 1,
            fragments: ["tab"]),
        HostileInput(
            name: "an unterminated double quote", bytes: text { header("udq") + "spec:\n  x: \"abc\n  y: 1\n" }, line: 8,
            column: 6, fragments: ["invalid YAML", "quoted string starts here and is never closed"]),
        HostileInput(
            name: "an unterminated single quote", bytes: text { header("usq") + "spec:\n  x: 'abc\n" }, line: 8, column: 6,
            fragments: ["invalid YAML", "quoted string starts here and is never closed"]),
        HostileInput(
            name: "an unterminated flow", bytes: text { header("ufl") + "spec: {a: [1, 2\n" }, line: 8, column: 1,
            fragments: ["invalid YAML", "flow sequence at 7:11"]),
        HostileInput(
            name: "a recursive alias", bytes: text { header("rec") + "spec: &s\n  self: *s\n" }, line: 8, column: 9,
            fragments: ["recursive alias"]),
        HostileInput(
            name: "an alias to an undefined anchor", bytes: text { header("ual") + "spec:\n  x: *nope\n" }, line: 8, column: 6,
            fragments: ["*nope", "not defined"]),
        HostileInput(
            name: "a merge key on a scalar", bytes: text { header("mrg") + "spec:\n  <<: 5\n  x: 1\n" }, line: 8, column: 7,
            fragments: ["merge key '<<'", "an integer"]),
        HostileInput(
            name: "a merge key on a list holding a scalar", bytes: text { header("mrl") + "spec:\n  <<: [{a: 1}, 2]\n" },
            line: 8, column: 16, fragments: ["merge key '<<'", "a list holding an integer"]),
        HostileInput(
            name: "a complex (list) key", bytes: text { header("cpx") + "spec:\n  ? [a, b]\n  : v\n" }, line: 8, column: 5,
            fragments: ["key must be a scalar"]),
        HostileInput(
            name: "a complex (mapping) key in flow", bytes: text { header("cpf") + "spec: {{a: 1}: 2}\n" }, line: 7, column: 8,
            fragments: ["key must be a scalar"]),
        HostileInput(
            name: "a decimal integer beyond 64 bits",
            bytes: text { header("int") + "spec:\n  security:\n    classification: {confidentiality: 99999999999999999999}\n" },
            line: 9, column: 39, fragments: ["out of range"]),
        HostileInput(
            name: "a hexadecimal integer beyond 64 bits", bytes: text { header("hex") + "spec:\n  x: 0x1FFFFFFFFFFFFFFFF\n" },
            line: 8, column: 6, fragments: ["out of range"]),
        HostileInput(
            name: "a duplicate key written once quoted", bytes: text { header("dupq") + "spec:\n  x: 1\n  \"x\": 2\n" }, line: 9,
            column: 3, fragments: ["duplicate key 'x'", "8:3"]),
        HostileInput(
            name: "an unknown kind",
            bytes: text { header("kind").replacingOccurrences(of: "System", with: "Sytem") + "spec: {}\n" },
            line: 2, column: 7, fragments: ["unknown kind 'Sytem'"]),
    ]
}
