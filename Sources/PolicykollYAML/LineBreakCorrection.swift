internal import CYAML

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Marks for a file that holds U+0085, U+2028 or U+2029.
///
/// libyaml reads YAML 1.1, where these three are line breaks; in YAML 1.2, in editors and in
/// every other tool they are not. A mark after one would point a line too far down. For such a
/// file, marks are made from libyaml's character index instead, with only LF, CR and CRLF
/// ending a line. Other files (nearly all) keep libyaml's line and column as they are.
struct LineBreakCorrection {
    /// The character index at which each line starts.
    private let lineStarts: [Int]

    /// The correction for text (UTF-8, or UTF-16 with a byte-order mark) that needs one, or `nil`.
    init?(_ bytes: [UInt8]) {
        // As UTF-8 without a byte-order mark, which libyaml's index does not count.
        let text: ArraySlice<UInt8>
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            text = SourceLines.decodeUTF16(bytes, bigEndian: bytes[0] == 0xFE).utf8[...]
        } else {
            text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        }
        guard Self.holdsYAML11Break(text) else { return nil }
        let scalars = String(decoding: text, as: UTF8.self).unicodeScalars
        var starts = [0]
        var characterIndex = 0
        var previous: Unicode.Scalar = " "
        for scalar in scalars {
            characterIndex += 1
            if scalar == "\n" {
                starts.append(characterIndex)
            } else if previous == "\r" {
                // A CR not followed by LF ends its line too.
                starts.append(characterIndex - 1)
            }
            previous = scalar
        }
        if previous == "\r" { starts.append(characterIndex) }
        lineStarts = starts
    }

    /// The mark of libyaml's position, lines counted by LF, CR and CRLF only.
    func mark(_ mark: yaml_mark_t) -> Mark {
        let index = Int(mark.index)
        // The last line that starts at or before the index.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return Mark(line: low + 1, column: index - lineStarts[low] + 1)
    }

    /// Whether UTF-8 bytes hold U+0085 (C2 85), U+2028 (E2 80 A8) or U+2029 (E2 80 A9). Every
    /// file is asked, so the lead bytes are found with `memchr`.
    private static func holdsYAML11Break(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return false }
            func any(lead: UInt8, _ follows: (Int) -> Bool) -> Bool {
                var offset = 0
                while offset < buffer.count, let found = memchr(base + offset, Int32(lead), buffer.count - offset) {
                    let position = base.distance(to: UnsafeRawPointer(found))
                    if follows(position) { return true }
                    offset = position + 1
                }
                return false
            }
            return any(lead: 0xC2) { $0 + 1 < buffer.count && buffer[$0 + 1] == 0x85 }
                || any(lead: 0xE2) {
                    $0 + 2 < buffer.count && buffer[$0 + 1] == 0x80 && (buffer[$0 + 2] == 0xA8 || buffer[$0 + 2] == 0xA9)
                }
        }
    }
}
