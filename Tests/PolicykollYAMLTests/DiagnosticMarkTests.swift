import Testing

@testable import PolicykollYAML

/// Every diagnostic must point into its file: a real line, and a column on it (or just past its
/// end), so the layer above can always show the line with a caret.
@Suite("Every diagnostic has a plausible mark")
struct DiagnosticMarkTests {
    /// One input for each kind of problem, several at the end of a file without a final newline.
    static let inputs: [(String, [UInt8])] = [
        ("syntax at end without newline", Array("a: [1, 2".utf8)),
        ("syntax at end with newline", Array("a: {b: 1\n".utf8)),
        ("lone bracket", Array("[".utf8)),
        ("unterminated quote", Array("a: \"x".utf8)),
        ("unterminated single quote over lines", Array("a: 'x\n\n\n".utf8)),
        ("bad indentation", Array("a:\n  b: 1\n c: 2".utf8)),
        ("tab indentation", Array("a:\n\tb: 1".utf8)),
        ("tab indentation, CRLF", Array("a: 1\r\nb:\r\n\tc: 2\r\n".utf8)),
        ("invalid UTF-8 at the end", Array("a: x".utf8) + [0xE2]),
        ("invalid UTF-8 trailing byte", Array("a: x".utf8) + [0xE2, 0x41, 0x41]),
        ("control character", Array("a: \u{01}".utf8)),
        ("NUL", Array("a: b\n\u{0}".utf8)),
        ("duplicate key", Array("a: 1\na: 2".utf8)),
        ("complex key", Array("[a]: 1".utf8)),
        ("unknown anchor", Array("a: *x".utf8)),
        ("recursive alias", Array("&a [*a]".utf8)),
        ("bad merge", Array("a:\n  <<: 1".utf8)),
        ("empty merge at the end", Array("a:\n  <<:".utf8)),
        ("integer out of range", Array("a: 99999999999999999999".utf8)),
        ("bad tagged value", Array("a: !!int x".utf8)),
        ("ambiguous boolean", Array("a: yes".utf8)),
        ("depth", Array(String(repeating: "[", count: 300).utf8)),
        ("alias bomb", Array(LimitTests.billionLaughs(levels: 9, width: 10).utf8)),
        ("line separator before an error", Array("a: \"x\u{2028}y\"\nb: [".utf8)),
        ("old Mac line ends", Array("a: 1\rb: [1,\r".utf8)),
        ("UTF-8 byte-order mark", [0xEF, 0xBB, 0xBF] + Array("a: [".utf8)),
        ("UTF-16 syntax error", InvalidInputTests.utf16("a: 1\nb: [", bigEndian: false)),
        ("UTF-16 control character", InvalidInputTests.utf16("åäö: \u{01}", bigEndian: true)),
        ("UTF-16 odd length", InvalidInputTests.utf16("a: 1\n", bigEndian: false) + [0x41]),
        ("error in a later document", Array("a: 1\n---\nb: [\n---\nc: 3".utf8)),
    ]

    @Test("a plausible mark for each kind of problem", arguments: inputs.indices)
    func plausible(index: Int) {
        let (name, bytes) = Self.inputs[index]
        let stream = YAMLLoader.load(bytes)
        #expect(!stream.diagnostics.isEmpty, "\(name): expected a diagnostic")
        for diagnostic in stream.diagnostics {
            let why = implausibility(of: diagnostic.mark, in: bytes)
            #expect(why == nil, "\(name): \(diagnostic.problem.message) at \(diagnostic.mark): \(why ?? "")")
        }
    }

    @Test("a syntax error at the end of a file without a final newline is on its last line")
    func endOfFile() {
        #expect(load("a: [1, 2").errors.map(\.mark) == [Mark(line: 1, column: 9)])
        #expect(load("a: 1\nb: [x").errors.map(\.mark) == [Mark(line: 2, column: 6)])
        // An unterminated quote is reported at its opening quote, where the fix is.
        #expect(load("a: 1\nb: \"x").errors.map(\.mark) == [Mark(line: 2, column: 4)])
    }
}
