import InventoryGenerator
import Testing

@testable import PolicykollYAML

@Suite("Invalid input: a clear error with line:column, never a crash")
struct InvalidInputTests {
    /// Loads bytes that must fail with exactly one error, and returns it.
    func singleError(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> YAMLDiagnostic? {
        let stream = YAMLLoader.load(bytes)
        #expect(stream.errors.count == 1, "\(stream.diagnostics)", sourceLocation: sourceLocation)
        if let error = stream.errors.first {
            #expect(
                implausibility(of: error.mark, in: bytes) == nil,
                "implausible mark \(error.mark) for \(error.problem)", sourceLocation: sourceLocation)
            #expect(!error.problem.message.isEmpty, sourceLocation: sourceLocation)
        }
        return stream.errors.first
    }

    func singleError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> YAMLDiagnostic? {
        singleError(Array(text.utf8), sourceLocation: sourceLocation)
    }

    @Test("an empty input has no documents and no diagnostics", arguments: ["", "\n", "   \n\n", "# only a comment\n"])
    func emptyInput(text: String) {
        let stream = load(text)
        #expect(stream.documents.isEmpty)
        #expect(stream.diagnostics.isEmpty)
        #expect(YAMLLoader.load([UInt8]()) == YAMLStream())
    }

    @Test(
        "invalid UTF-8 is an encoding error at the bad byte",
        arguments: [
            ([0x61, 0x3A, 0x20, 0xFF, 0x0A], Mark(line: 1, column: 4)),
            ([0x61, 0x3A, 0x20, 0x31, 0x0A, 0x62, 0x3A, 0x20, 0xC3, 0x28, 0x0A], Mark(line: 2, column: 4)),
            (Array("a: åäö\nb: ".utf8) + [0xE2, 0x82], Mark(line: 2, column: 4)),
            (Array("# é\nkey: x\n".utf8) + [0x80], Mark(line: 3, column: 1)),
        ] as [([UInt8], Mark)])
    func invalidUTF8(bytes: [UInt8], mark: Mark) throws {
        let error = try #require(singleError(bytes))
        guard case .invalidEncoding(let detail) = error.problem else {
            Issue.record("expected an encoding error, got \(error.problem)")
            return
        }
        #expect(detail.contains("UTF-8"))
        #expect(error.mark == mark)
        #expect(error.problem.message.contains("not valid UTF-8"))
    }

    @Test(
        "a file with NUL bytes is binary",
        arguments: [
            ([0x00, 0x01, 0x02, 0x03], Mark(line: 1, column: 1)),
            (Array("a: 1\nb: x".utf8) + [0x00] + Array("y\n".utf8), Mark(line: 2, column: 5)),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], Mark(line: 3, column: 1)),
        ] as [([UInt8], Mark)])
    func binary(bytes: [UInt8], mark: Mark) throws {
        let error = try #require(singleError(bytes))
        #expect(error.problem == .binaryFile)
        #expect(error.mark == mark)
        #expect(YAMLLoader.load(bytes).documents.isEmpty)
    }

    @Test(
        "a tab in indentation is its own diagnostic",
        arguments: [
            ("a:\n\tb: 1\n", Mark(line: 2, column: 1)),
            ("list:\n\t- x\n", Mark(line: 2, column: 1)),
            ("a:\n  b: 1\n\tc: 2\n", Mark(line: 3, column: 1)),
        ])
    func tabIndentation(text: String, mark: Mark) throws {
        let error = try #require(singleError(text))
        #expect(error.problem == .tabIndentation)
        #expect(error.mark == mark)
        #expect(error.problem.message.contains("tab"))
    }

    @Test("tabs that are not indentation are fine")
    func tabsElsewhere() {
        let document = root("a:\tvalue\nb: \"x\ty\"\nc: one\ttwo # tab\t\n")
        #expect(document["a"]?.string == "value")
        #expect(document["b"]?.string == "x\ty")
        #expect(document["c"]?.string == "one\ttwo")
    }

    @Test(
        "an unterminated quoted scalar is a syntax error at its opening quote",
        arguments: [
            ("a: \"abc\n", Mark(line: 1, column: 4)), ("a: 'abc\nb: 1\n", Mark(line: 1, column: 4)),
            ("- \"x\n- y\n", Mark(line: 1, column: 3)),
        ])
    func unterminatedQuote(text: String, quote: Mark) throws {
        let error = try #require(singleError(text))
        guard case .syntax(let problem, _) = error.problem else {
            Issue.record("expected a syntax error, got \(error.problem)")
            return
        }
        #expect(problem.contains("quoted string starts here and is never closed"))
        #expect(error.mark == quote)
        #expect(error.problem.message.hasPrefix("invalid YAML: "))
    }

    @Test(
        "unterminated flow collections are syntax errors",
        arguments: [
            "a: [1, 2\n", "a: {b: 1\n", "[[1, 2]\n", "{a: [1}\n", "a: [1, 2\nb: 3\n",
        ])
    func unterminatedFlow(text: String) throws {
        let error = try #require(singleError(text))
        guard case .syntax = error.problem else {
            Issue.record("expected a syntax error, got \(error.problem)")
            return
        }
    }

    @Test(
        "other syntax errors",
        arguments: [
            "a: b: c\n", "- a\nb: c\n", "a:\n  - b\n c: d\n", "key: value\n  bad: indent\n", "*\n", "&\n", "!<>\n",
            "%FOO\n--- x\n", "a: 1\n--- \n- ]\n", "\"a\" x\n", "? a\n? b\n- c\n",
        ])
    func otherSyntaxErrors(text: String) throws {
        let error = try #require(singleError(text))
        #expect(error.problem.isError)
    }

    @Test(
        "a control character is named with its code point",
        arguments: [
            ("a: \u{07}\n", 0x07, Mark(line: 1, column: 4)),
            ("a: b\nc: x\u{1B}y\n", 0x1B, Mark(line: 2, column: 5)),
            ("a: \"\u{7F}\"\n", 0x7F, Mark(line: 1, column: 5)),
            ("åäö: \u{08}\n", 0x08, Mark(line: 1, column: 6)),
        ])
    func controlCharacter(text: String, code: Int, mark: Mark) throws {
        let error = try #require(singleError(text))
        #expect(error.problem == .controlCharacter(UInt32(code)))
        #expect(error.mark == mark)
        #expect(error.problem.message.contains("U+00"))
    }

    /// `text` encoded as UTF-16 with a byte-order mark.
    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    @Test("UTF-16 with a byte-order mark loads, little and big endian", arguments: [false, true])
    func utf16(bigEndian: Bool) throws {
        let stream = YAMLLoader.load(Self.utf16("name: åäö 🙂\nlist: [1, x]\n", bigEndian: bigEndian))
        #expect(stream.diagnostics.isEmpty)
        let document = try #require(stream.documents.first?.root)
        #expect(document["name"]?.string == "åäö 🙂")
        #expect(document["name"]?.mark == Mark(line: 1, column: 7))
        #expect(document["list"]?.items?.last?.mark == Mark(line: 2, column: 11))
    }

    @Test("broken UTF-16 is an encoding error with a plausible mark", arguments: [false, true])
    func brokenUTF16(bigEndian: Bool) throws {
        // A lone high surrogate on line 2.
        var bytes = Self.utf16("a: 1\nb: ", bigEndian: bigEndian)
        bytes += bigEndian ? [0xD8, 0x00, 0x00, 0x78] : [0x00, 0xD8, 0x78, 0x00]
        bytes += Self.utf16("\n", bigEndian: bigEndian).dropFirst(2)
        let stream = YAMLLoader.load(bytes)
        let error = try #require(stream.errors.first)
        guard case .invalidEncoding = error.problem else {
            Issue.record("expected an encoding error, got \(error.problem)")
            return
        }
        #expect(error.mark == Mark(line: 2, column: 4))
    }

    @Test("UTF-16 without a byte-order mark is binary (it is full of NULs)")
    func utf16WithoutBOM() {
        let bytes = Array(Self.utf16("a: 1\n", bigEndian: false).dropFirst(2))
        #expect(YAMLLoader.load(bytes).problems == [.binaryFile])
    }

    @Test("Windows line endings load with the same marks")
    func crlf() {
        let document = root("a: 1\r\nb:\r\n  - x\r\n")
        #expect(document["b"]?.items?.first?.mark == Mark(line: 3, column: 5))
        #expect(document["b"]?.items?.first?.string == "x")
    }

    @Test("garbage never crashes the loader, and its diagnostics point into the file")
    func garbage() {
        var generator = SplitMix64(seed: 2026)
        let alphabet = Array("ab:- \n\t[]{},&*!|>'\"#%@`?~0.é".utf8) + [0xC3, 0xFF, 0x01]
        for _ in 0..<5_000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            let stream = YAMLLoader.load(bytes)
            for diagnostic in stream.diagnostics {
                if let why = implausibility(of: diagnostic.mark, in: bytes) {
                    Issue.record("\(bytes): \(diagnostic.problem) at \(diagnostic.mark): \(why)")
                }
            }
        }
    }
}
