/// A JSON value whose objects keep their key order, so reports are stable and readable.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// A string value, or `null` when `nil`.
    public static func string(_ text: String?) -> JSONValue {
        text.map { .string($0) } ?? .null
    }

    /// The compact JSON text (no spaces), with `/` unescaped and non-ASCII kept as UTF-8.
    public var compactText: String {
        var output: [UInt8] = []
        write(to: &output, indent: false, level: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// The JSON text indented by two spaces.
    public var prettyText: String {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(to: &output, indent: true, level: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the JSON text as UTF-8 (building bytes, not a `String`, keeps large reports fast).
    public func write(to output: inout [UInt8], indent: Bool, level: Int) {
        switch self {
        case .null: output += Self.nullBytes
        case .bool(let value): output += value ? Self.trueBytes : Self.falseBytes
        case .int(let value): output += String(value).utf8
        case .double(let value): output += JSONValue.format(value).utf8
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let items):
            guard !items.isEmpty else {
                output += Self.emptyArray
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.newline(&output, indent: indent, level: level + 1)
                item.write(to: &output, indent: indent, level: level + 1)
            }
            JSONValue.newline(&output, indent: indent, level: level)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                output += Self.emptyObject
                return
            }
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.newline(&output, indent: indent, level: level + 1)
                JSONValue.writeString(member.0, to: &output)
                output.append(UInt8(ascii: ":"))
                if indent { output.append(UInt8(ascii: " ")) }
                member.1.write(to: &output, indent: indent, level: level + 1)
            }
            JSONValue.newline(&output, indent: indent, level: level)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let emptyArray = Array("[]".utf8)
    private static let emptyObject = Array("{}".utf8)

    private static func newline(_ output: inout [UInt8], indent: Bool, level: Int) {
        guard indent else { return }
        writeNewline(to: &output, level: level)
    }

    /// Finite doubles as JSON numbers; infinities and NaN, which JSON lacks, as YAML's spelling.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "\".nan\"" }
        if value.isInfinite { return value < 0 ? "\"-.inf\"" : "\".inf\"" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) + ".0" }
        return String(value)
    }

    /// Whether any of eight bytes is one `writeString` must look at: a control character, `"`,
    /// `\\`, DEL, or 0xE2 (which starts U+2028 and U+2029). Exact: no such byte is missed.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let hasControl = (word &- 0x20 &* ones) & ~word & highs != 0
        return hasControl || hasZeroByte(word ^ (0x22 &* ones)) || hasZeroByte(word ^ (0x5C &* ones))
            || hasZeroByte(word ^ (0x7F &* ones)) || hasZeroByte(word ^ (0xE2 &* ones))
    }

    /// Appends a JSON string literal: quotes, backslashes and control characters escaped, and
    /// U+2028/U+2029 too (they break JavaScript); everything else copied as UTF-8.
    static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            let count = bytes.count
            func flush(_ end: Int) {
                if end > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
            }
            while index < count {
                // Most text needs nothing: skip eight bytes at a time while none of them may.
                if index + 8 <= count,
                    !mayNeedEscape(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
                {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                // Most bytes need nothing: test for the few that may, before the full switch.
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xE2
                else {
                    index += 1
                    continue
                }
                var escape: [UInt8]?
                var width = 1
                switch byte {
                case UInt8(ascii: "\""): escape = [92, 34]
                case UInt8(ascii: "\\"): escape = [92, 92]
                case 0x0A: escape = [92, 110]
                case 0x0D: escape = [92, 114]
                case 0x09: escape = [92, 116]
                case 0x08: escape = [92, 98]
                case 0x0C: escape = [92, 102]
                case 0..<0x20, 0x7F: escape = Array("\\u00\(byte < 16 ? "0" : "")\(String(byte, radix: 16))".utf8)
                case 0xE2
                where index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = Array((bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    width = 3
                default: break
                }
                if let escape {
                    flush(index)
                    output += escape
                    index += width
                    runStart = index
                } else {
                    index += 1
                }
            }
            flush(count)
        }
        output.append(UInt8(ascii: "\""))
    }
}
