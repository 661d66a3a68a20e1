import InventoryGenerator
import Testing

@testable import PolicykollYAML

@Suite("SourceLines")
struct SourceLinesTests {
    @Test("lines by number, without their line breaks")
    func lines() {
        let lines = SourceLines(Array("first\nsecond\r\n\nlast".utf8))
        #expect(lines.count == 4)
        #expect(lines.line(1) == "first")
        #expect(lines.line(2) == "second")
        #expect(lines.line(3) == "")
        #expect(lines.line(4) == "last")
        #expect(lines.line(0) == nil)
        #expect(lines.line(5) == nil)
    }

    @Test("a final line break starts an empty last line; an empty file has one empty line")
    func finalBreak() {
        let lines = SourceLines(Array("a\n".utf8))
        #expect(lines.count == 2)
        #expect(lines.line(2) == "")
        let empty = SourceLines([])
        #expect(empty.count == 1)
        #expect(empty.line(1) == "")
        #expect(empty.mark(ofByteOffset: 0) == Mark.start)
    }

    @Test("lines break at LF, CR and CRLF only, as in YAML 1.2 and editors: not at NEL, LS or PS")
    func lineBreaks() {
        let lines = SourceLines(Array("a\rb\r\nc\u{85}d\u{2028}e\u{2029}f".utf8))
        #expect((1...3).map { lines.line($0) } == ["a", "b", "c\u{85}d\u{2028}e\u{2029}f"])
        #expect(lines.count == 3)
        // libyaml (YAML 1.1) breaks there, but marks are counted the same way: the key after a
        // LINE SEPARATOR inside a quoted scalar is on line 2, its column after the character.
        for (text, line) in [("a: \"x\u{2028}y\"\nb: 1\n", 2), ("a: \"x\u{85}\u{2029}y\"\r\n\r\nb: 1\n", 3)] {
            #expect(root(text).entry("b")?.keyMark == Mark(line: line, column: 1), "\(text.debugDescription)")
        }
        #expect(root("a: \"x\u{2028}y\"\n").entry("a")?.value.mark == Mark(line: 1, column: 4))
        #expect(root("a: [\"\u{2028}\", b]\n").entry("a")?.value.items?[1].mark == Mark(line: 1, column: 10))
        // In UTF-16 too.
        let utf16 = Array("\u{FEFF}a: \"\u{2028}\"\nb: 1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(YAMLLoader.load(utf16).documents.first?.root.entry("b")?.keyMark == Mark(line: 2, column: 1))
    }

    @Test("byte offsets become marks with columns in Unicode scalars")
    func marks() {
        let text = Array("ab\nåäö: 🙂x\n".utf8)
        let lines = SourceLines(text)
        #expect(lines.mark(ofByteOffset: 0) == Mark(line: 1, column: 1))
        #expect(lines.mark(ofByteOffset: 2) == Mark(line: 1, column: 3))
        #expect(lines.mark(ofByteOffset: 3) == Mark(line: 2, column: 1))
        #expect(lines.mark(ofByteOffset: 5) == Mark(line: 2, column: 2))  // after å (2 bytes)
        #expect(lines.mark(ofByteOffset: 9) == Mark(line: 2, column: 4))  // the colon
        #expect(lines.mark(ofByteOffset: 15) == Mark(line: 2, column: 7))  // x, after 🙂 (4 bytes)
        #expect(lines.mark(ofByteOffset: text.count) == Mark(line: 3, column: 1))
        #expect(lines.mark(ofByteOffset: -5) == Mark(line: 1, column: 1))
        #expect(lines.mark(ofByteOffset: 10_000) == Mark(line: 3, column: 1))
    }

    @Test("the scalar at a mark")
    func scalarAtMark() {
        let lines = SourceLines(Array("a:\n\tåx\n".utf8))
        #expect(lines.scalar(at: Mark(line: 2, column: 1)) == "\t")
        #expect(lines.scalar(at: Mark(line: 2, column: 2)) == "å")
        #expect(lines.scalar(at: Mark(line: 2, column: 3)) == "x")
        #expect(lines.scalar(at: Mark(line: 2, column: 4)) == nil)
        #expect(lines.scalar(at: Mark(line: 9, column: 1)) == nil)
        #expect(lines.scalar(at: Mark(line: 1, column: 0)) == nil)
    }

    @Test("invalid UTF-8 is shown leniently")
    func lenientLine() {
        let lines = SourceLines([0x61, 0xFF, 0x62, 0x0A])
        #expect(lines.line(1) == "a\u{FFFD}b")
        #expect(lines.mark(ofByteOffset: 2) == Mark(line: 1, column: 3))
    }

    @Test("a UTF-8 byte-order mark is not part of the first line")
    func utf8ByteOrderMark() {
        let lines = SourceLines([0xEF, 0xBB, 0xBF] + Array("ab\ncd".utf8))
        #expect(lines.line(1) == "ab")
        #expect(lines.mark(ofByteOffset: 4) == Mark(line: 1, column: 2))
        #expect(lines.mark(ofByteOffset: 6) == Mark(line: 2, column: 1))
    }

    @Test("UTF-16 is decoded; offsets count bytes of the original file", arguments: [false, true])
    func utf16(bigEndian: Bool) {
        let bytes = InvalidInputTests.utf16("a: å\n🙂b\n", bigEndian: bigEndian)
        let lines = SourceLines(bytes)
        #expect(lines.line(1) == "a: å")
        #expect(lines.line(2) == "🙂b")
        #expect(lines.mark(ofByteOffset: 2 + 2 * 3) == Mark(line: 1, column: 4))  // å
        #expect(lines.mark(ofByteOffset: 2 + 2 * 5) == Mark(line: 2, column: 1))  // 🙂 (two units)
        #expect(lines.mark(ofByteOffset: 2 + 2 * 7) == Mark(line: 2, column: 2))  // b
    }

    @Test("clamping keeps marks inside the file")
    func clamping() {
        let lines = SourceLines(Array("abc\nde".utf8))
        #expect(lines.clamped(Mark(line: 1, column: 2)) == Mark(line: 1, column: 2))
        #expect(lines.clamped(Mark(line: 2, column: 3)) == Mark(line: 2, column: 3))
        #expect(lines.clamped(Mark(line: 3, column: 1)) == Mark(line: 2, column: 3))
        #expect(lines.clamped(Mark(line: 1, column: 9)) == Mark(line: 1, column: 4))
        #expect(lines.clamped(Mark(line: 0, column: 0)) == Mark(line: 1, column: 1))
    }

    @Test("clamping counts multi-byte scalars, and only up to the column")
    func clampingMultiByte() {
        let lines = SourceLines(Array("åäö🙂\nx".utf8))
        #expect(lines.clamped(Mark(line: 1, column: 3)) == Mark(line: 1, column: 3))
        #expect(lines.clamped(Mark(line: 1, column: 5)) == Mark(line: 1, column: 5))
        #expect(lines.clamped(Mark(line: 1, column: 6)) == Mark(line: 1, column: 5))
        #expect(lines.clamped(Mark(line: 1, column: 99)) == Mark(line: 1, column: 5))
    }

    /// The window as it was computed before, by decoding the whole line: the reference.
    static func referenceWindow(_ line: String, column: Int, width: Int) -> (String, Int, Bool, Bool) {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > width else { return (line, 0, false, false) }
        let start = max(0, min(column - 1 - width / 2, scalars.count - width))
        let end = min(scalars.count, start + width)
        return (String(String.UnicodeScalarView(scalars[start..<end])), start, start > 0, end < scalars.count)
    }

    @Test(
        "a line's window and clamped marks match the whole line's, for columns of random lines, short and long",
        arguments: [0, 1, 2, 3] as [UInt64])
    func windows(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let alphabet: [String] = ["a", "b", " ", "\t", "å", "€", "🙂", "e\u{301}"]
        for _ in 0..<30 {
            // Up to 3,000 scalars: long lines (over 1,024 bytes) are found through checkpoints.
            let length = Int.random(in: 0..<3_000, using: &generator)
            let line = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let lines = SourceLines(Array(("x\n" + line + "\ny").utf8))
            let count = line.unicodeScalars.count
            var columns = Set((1...min(count + 2, 40)).map { $0 })
            for _ in 0..<60 { columns.insert(Int.random(in: 1...(count + 2), using: &generator)) }
            columns.formUnion([count, count + 1, count + 2].filter { $0 >= 1 })
            for column in columns.sorted() {
                let window = try #require(lines.window(line: 2, column: column, width: 20))
                let (text, first, before, after) = Self.referenceWindow(line, column: column, width: 20)
                #expect(
                    window == SourceLines.LineWindow(text: text, firstScalar: first, isCutBefore: before, isCutAfter: after),
                    "length \(count), column \(column)")
                #expect(lines.clamped(Mark(line: 2, column: column)) == Mark(line: 2, column: min(column, count + 1)))
            }
            #expect(lines.clamped(Mark(line: 9, column: 1)) == Mark(line: 3, column: 2))
        }
        #expect(SourceLines(Array("\u{FEFF}ab".utf8)).window(line: 1, column: 1, width: 20)?.text == "ab")
        // A long line that is not UTF-8 at all (only continuation bytes) has no checkpoint: no trap.
        let invalid = SourceLines(Array(repeating: 0x80, count: 3_000) + [0x0A])
        let window = try #require(invalid.window(line: 1, column: 1, width: 20))
        #expect(window.text.unicodeScalars.count <= 80 && window.isCutAfter)
        #expect(invalid.clamped(Mark(line: 1, column: 2_000)).line == 1)
        #expect(SourceLines(Array("ab".utf8)).window(line: 2, column: 1, width: 20) == nil)
    }
}
