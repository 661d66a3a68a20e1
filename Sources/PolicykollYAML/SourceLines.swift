/// The lines of a source file, to show the line of a diagnostic with a caret under its column.
public struct SourceLines: Sendable {
    private let bytes: [UInt8]
    private let lineStarts: [Int]

    /// Indexes the lines of `bytes` (split at `\n`; a trailing `\r` is dropped).
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    /// The text of a 1-based line, decoded leniently (invalid bytes become U+FFFD), or `nil`.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        guard start <= end else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The Unicode scalar at a mark, or `nil` past the end of its line.
    public func scalar(at mark: Mark) -> Unicode.Scalar? {
        guard let text = line(mark.line), mark.column >= 1 else { return nil }
        let scalars = text.unicodeScalars
        guard mark.column <= scalars.count else { return nil }
        return scalars[scalars.index(scalars.startIndex, offsetBy: mark.column - 1)]
    }

    /// The mark of a byte offset: its line, and its column in Unicode scalars.
    public func mark(ofByteOffset offset: Int) -> Mark {
        let clamped = min(max(0, offset), bytes.count)
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
}
