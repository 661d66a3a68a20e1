import PolicykollCore
import Testing

@Suite("Streamed JSON arrays: the same bytes as the whole value, in order, in bounded pieces")
struct JSONStreamingTests {
    static func element(_ index: Int) -> JSONValue {
        .object([("index", .int(index)), ("text", .string("element \"\(index)\"\n")), ("list", .array([.int(index), .null]))])
    }

    @Test("arrays of 0, 1, 100 and 20,000 elements, at nesting levels 0 and 2", arguments: [0, 1, 100, 20_000])
    func sameBytes(count: Int) {
        for level in [0, 2] {
            var expected: [UInt8] = []
            JSONValue.array((0..<count).map(Self.element)).write(to: &expected, indent: true, level: level)
            var streamed: [UInt8] = []
            var output: [UInt8] = []
            var largestPiece = 0
            JSONValue.writeArrayInParallel(
                count: count, to: &output, level: level,
                sink: {
                    streamed += $0
                    largestPiece = max(largestPiece, $0.count)
                }
            ) { index, bytes, level in
                Self.element(index).write(to: &bytes, indent: true, level: level)
            }
            streamed += output
            #expect(streamed == expected)
            // Pieces stay near the chunk size: the array is never gathered whole.
            #expect(largestPiece <= JSONValue.streamChunk + 1_000_000)
        }
    }

    @Test("pretty JSON indents two spaces a level, past the levels whose indentation is made once")
    func deepIndentation() {
        var value = JSONValue.string("leaf")
        for depth in (0..<40).reversed() { value = .object([("level\(depth)", value)]) }
        let lines = value.prettyText.split(separator: "\n")
        // Line n (n < 40) opens level n's member at n + 1 levels deep; the leaf closes it.
        for (number, line) in lines.prefix(41).enumerated().dropFirst() {
            #expect(line.prefix { $0 == " " }.count == number * 2, "line \(number): \(line)")
        }
        #expect(lines.last == "}")
        #expect(lines.count == 81)
    }
}
