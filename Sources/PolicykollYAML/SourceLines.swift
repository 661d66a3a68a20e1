/// The lines of a source file, to show the line of a diagnostic with a caret under its column.
///
/// Lines break at `\n`, `\r\n` and a lone `\r`, as in YAML 1.2 and editors; not at NEL, LINE
/// SEPARATOR or PARAGRAPH SEPARATOR, where libyaml (YAML 1.1) breaks them and the loader
/// corrects its marks (``LineBreakCorrection``).
/// A byte-order mark is not part of the first line. A UTF-16 file (with a byte-order mark) is
/// decoded first; byte offsets still count bytes of the original file.
public struct SourceLines: Sendable {
    /// The text as UTF-8, without a byte-order mark.
    private let bytes: [UInt8]
    /// The offset in `bytes` where each line starts.
    private let lineStarts: [Int]
    /// The offset in `bytes` where each line's break starts (the end of the text for the last).
    private let lineEnds: [Int]
    /// How original byte offsets map to offsets in `bytes`.
    private let offsets: OffsetMap
    /// For each line longer than ``longLine`` bytes (by index), the byte offset of every
    /// ``checkpointStride``th scalar: finding a column there costs at most a stride, not the
    /// line, however many marks a line of megabytes has.
    private let checkpoints: [Int: [Int]]

    /// Lines longer than this get ``checkpoints``.
    static let longLine = 1024
    /// Scalars between two checkpoints.
    static let checkpointStride = 256

    private enum OffsetMap: Sendable {
        /// UTF-8: shift by the length of the byte-order mark (0 or 3).
        case shift(Int)
        /// UTF-16: the `bytes` offset of each code unit after the byte-order mark.
        case utf16([Int])
    }

    /// Indexes the lines of `bytes`: UTF-8, or UTF-16 with a byte-order mark.
    public init(_ bytes: [UInt8]) {
        if bytes.count >= 2, bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF {
            let (utf8, map) = Self.decodeUTF16(bytes, bigEndian: bytes[0] == 0xFE)
            self.bytes = utf8
            self.offsets = .utf16(map)
        } else if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            self.bytes = Array(bytes[3...])
            self.offsets = .shift(3)
        } else {
            self.bytes = bytes
            self.offsets = .shift(0)
        }
        var starts = [0]
        var ends: [Int] = []
        let text = self.bytes
        var index = 0
        while index < text.count {
            let breakLength = Self.lineBreakLength(text, at: index)
            if breakLength > 0 {
                ends.append(index)
                index += breakLength
                starts.append(index)
            } else {
                index += 1
            }
        }
        ends.append(text.count)
        self.lineStarts = starts
        self.lineEnds = ends
        var checkpoints: [Int: [Int]] = [:]
        for line in starts.indices where ends[line] - starts[line] > Self.longLine {
            var offsets: [Int] = []
            var scalars = 0
            for offset in starts[line]..<ends[line] where text[offset] & 0xC0 != 0x80 {
                if scalars % Self.checkpointStride == 0 { offsets.append(offset) }
                scalars += 1
            }
            // A line of nothing but continuation bytes (not UTF-8) has no scalar to mark.
            if !offsets.isEmpty { checkpoints[line] = offsets }
        }
        self.checkpoints = checkpoints
    }

    /// The number of lines (a final line break starts one last, empty line).
    public var count: Int { lineStarts.count }

    /// The length in bytes of the line break at `index`, or 0. Only LF, CR and CRLF end a line,
    /// as in YAML 1.2 and every editor (not U+0085, U+2028 and U+2029 as in YAML 1.1: see
    /// ``LineBreakCorrection``).
    private static func lineBreakLength(_ text: [UInt8], at index: Int) -> Int {
        switch text[index] {
        case 0x0A:
            return 1
        case 0x0D:
            return index + 1 < text.count && text[index + 1] == 0x0A ? 2 : 1
        default:
            return 0
        }
    }

    /// UTF-16 to UTF-8 (invalid code units become U+FFFD), with the UTF-8 offset of each unit.
    static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool) -> (utf8: [UInt8], offsets: [Int]) {
        let unitCount = (bytes.count - 2) / 2
        var units: [UInt16] = []
        units.reserveCapacity(unitCount)
        for unit in 0..<unitCount {
            let first = UInt16(bytes[2 + 2 * unit])
            let second = UInt16(bytes[3 + 2 * unit])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
        }
        var utf8: [UInt8] = []
        var map = [Int](repeating: 0, count: unitCount)
        var unit = 0
        while unit < unitCount {
            map[unit] = utf8.count
            let value = units[unit]
            var scalar = Unicode.Scalar(UInt32(value))
            var width = 1
            if (0xD800...0xDBFF).contains(value), unit + 1 < unitCount, (0xDC00...0xDFFF).contains(units[unit + 1]) {
                scalar = Unicode.Scalar(0x10000 + (UInt32(value - 0xD800) << 10) + UInt32(units[unit + 1] - 0xDC00))
                width = 2
                map[unit + 1] = utf8.count
            }
            utf8.append(contentsOf: String(scalar ?? "\u{FFFD}").utf8)
            unit += width
        }
        return (utf8, map)
    }

    /// The text of a 1-based line, decoded leniently (invalid bytes become U+FFFD), or `nil`.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        let end = lineEnds[number - 1]
        guard start < end else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The Unicode scalar at a mark, or `nil` past the end of its line.
    public func scalar(at mark: Mark) -> Unicode.Scalar? {
        guard let text = line(mark.line), mark.column >= 1 else { return nil }
        let scalars = text.unicodeScalars
        guard mark.column <= scalars.count else { return nil }
        return scalars[scalars.index(scalars.startIndex, offsetBy: mark.column - 1)]
    }

    /// The mark of a byte offset of the original file: its line, and its column in Unicode scalars.
    public func mark(ofByteOffset offset: Int) -> Mark {
        let clamped: Int
        switch offsets {
        case .shift(let shift):
            clamped = min(max(0, offset - shift), bytes.count)
        case .utf16(let map):
            let unit = (offset - 2) / 2
            clamped = unit < 0 ? 0 : unit < map.count ? map[unit] : bytes.count
        }
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var index = lineStarts[low]
        while index < clamped {
            // Count only the first byte of each UTF-8 sequence.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return Mark(line: low + 1, column: column)
    }

    /// The mark itself when it points into the file, or else the nearest place that does: past
    /// the last line (where libyaml puts the end of the stream) is the end of the last line.
    ///
    /// - Complexity: O(1) for most marks, at most O(*column*): never the whole of a long line,
    ///   which thousands of marks on one line of megabytes would each pay.
    public func clamped(_ mark: Mark) -> Mark {
        let line = min(max(1, mark.line), lineStarts.count)
        if line < mark.line { return Mark(line: line, column: scalarCount(ofLine: line) + 1) }
        let column = max(1, mark.column)
        // A line of n bytes holds at least n / 4 scalars: a column within those needs no count.
        let start = lineStarts[line - 1]
        let end = lineEnds[line - 1]
        if column - 1 <= (end - start) / 4 { return Mark(line: line, column: column) }
        let (_, reached) = scalar(column - 1, ofLine: line)
        return Mark(line: line, column: reached + 1)
    }

    /// A window of at most `width` scalars of a line around `column`, and where it starts: the
    /// scalar index of its first scalar, and whether the line goes on before and after it. Found
    /// on the bytes, so that each excerpt of a long line costs its column, not the line.
    public func window(line number: Int, column: Int, width: Int) -> LineWindow? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        let end = lineEnds[number - 1]
        var (from, first) = scalar(max(0, column - 1 - width / 2), ofLine: number)
        var (to, taken) = advance(from: from, by: width, before: end)
        // Bytes that are not UTF-8 count as one character with what they follow: cut the window
        // by bytes too, as no valid text of `width` characters is longer than 4 bytes each.
        to = min(to, from + 4 * width)
        // The line ends inside the window: move its start back so that it is still full.
        var missing = width - taken
        while missing > 0, from > start {
            from -= 1
            while from > start, bytes[from] & 0xC0 == 0x80 { from -= 1 }
            first -= 1
            missing -= 1
        }
        return LineWindow(
            text: String(decoding: bytes[from..<to], as: UTF8.self), firstScalar: first, isCutBefore: from > start,
            isCutAfter: to < end)
    }

    /// A part of a line: see ``window(line:column:width:)``.
    public struct LineWindow: Sendable, Equatable {
        /// The text of the part, decoded leniently.
        public var text: String
        /// The 0-based index in the line of its first scalar.
        public var firstScalar: Int
        /// Whether the line has text before the part.
        public var isCutBefore: Bool
        /// Whether the line has text after the part.
        public var isCutAfter: Bool
    }

    /// The number of scalars of a 1-based line.
    private func scalarCount(ofLine number: Int) -> Int {
        scalar(.max, ofLine: number).scalars
    }

    /// The byte offset of the `index`th scalar (0-based) of a 1-based line, or of its end when
    /// the line is shorter, and the index reached: from the line's nearest checkpoint.
    private func scalar(_ index: Int, ofLine number: Int) -> (offset: Int, scalars: Int) {
        let end = lineEnds[number - 1]
        guard let offsets = checkpoints[number - 1], !offsets.isEmpty else {
            return advance(from: lineStarts[number - 1], by: index, before: end)
        }
        let checkpoint = min(index / Self.checkpointStride, offsets.count - 1)
        let passed = checkpoint * Self.checkpointStride
        let (offset, scalars) = advance(from: offsets[checkpoint], by: index - passed, before: end)
        return (offset, passed + scalars)
    }

    /// The byte offset `count` scalars after `index` (or `end`, if the line ends first), and how
    /// many scalars that was. A scalar is counted at the first byte of its UTF-8 sequence.
    private func advance(from index: Int, by count: Int, before end: Int) -> (offset: Int, scalars: Int) {
        var offset = index
        var scalars = 0
        while scalars < count, offset < end {
            offset += 1
            while offset < end, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            scalars += 1
        }
        return (offset, scalars)
    }
}
