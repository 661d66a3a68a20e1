import Foundation
import Testing

@testable import PolicykollYAML

// MARK: - Loading shorthands

/// Loads text and returns the whole stream.
func load(_ text: String, limits: YAMLLimits = .default) -> YAMLStream {
    YAMLLoader.load(text, limits: limits)
}

/// Loads a single-document text that must load cleanly, and returns its root.
func root(
    _ text: String,
    sourceLocation: SourceLocation = #_sourceLocation
) -> YAMLNode {
    let stream = YAMLLoader.load(text)
    #expect(stream.diagnostics.isEmpty, "unexpected diagnostics: \(stream.diagnostics)", sourceLocation: sourceLocation)
    #expect(stream.documents.count == 1, "expected one document", sourceLocation: sourceLocation)
    return stream.documents.first?.root ?? YAMLNode(.null, mark: .start)
}

/// The value of a single scalar document `text`, with its diagnostics.
func scalar(_ text: String) -> (value: YAMLNode.Value?, diagnostics: [YAMLDiagnostic]) {
    let stream = YAMLLoader.load(text)
    return (stream.documents.first?.root.value, stream.diagnostics)
}

extension YAMLStream {
    /// The error diagnostics only.
    var errors: [YAMLDiagnostic] { diagnostics.filter(\.isError) }
    /// The warning diagnostics only.
    var warnings: [YAMLDiagnostic] { diagnostics.filter { !$0.isError } }
    /// The problems of every diagnostic, in order.
    var problems: [YAMLProblem] { diagnostics.map(\.problem) }
}

extension YAMLProblem {
    /// Whether libyaml itself (not the tree builder) reported the problem.
    var isFromLibyaml: Bool {
        switch self {
        case .syntax, .invalidEncoding, .tabIndentation, .controlCharacter, .binaryFile: true
        default: false
        }
    }
}

// MARK: - Plausible marks

/// Why a mark does not point into `bytes` (a line of the file, a column on it or just past its
/// end), or `nil` when it does.
func implausibility(of mark: Mark, in bytes: [UInt8]) -> String? {
    let lines = SourceLines(bytes)
    guard mark.line >= 1, let text = lines.line(mark.line) else {
        return "line \(mark.line) is not a line of the file"
    }
    let length = text.unicodeScalars.count
    guard mark.column >= 1, mark.column <= length + 1 else {
        return "column \(mark.column) is outside line \(mark.line) (\(length) characters)"
    }
    return nil
}

// MARK: - Data comparison

/// Plain data, the common ground of a YAML node and a JSON value.
indirect enum DataValue: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([DataValue])
    case object([String: DataValue])

    /// Numbers compare numerically (and NaN equals NaN); objects ignore key order.
    static func == (lhs: DataValue, rhs: DataValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value.debugDescription.dropFirst().dropLast())\""
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            "{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

extension YAMLNode {
    /// The node as plain data.
    var data: DataValue {
        switch value {
        case .null: .null
        case .bool(let value): .bool(value)
        case .int(let value): .number(Double(value))
        case .float(let value): .number(value)
        case .string(let value): .string(value)
        case .sequence(let items): .array(items.map(\.data))
        case .mapping(let entries):
            .object(Dictionary(entries.map { ($0.key, $0.value.data) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}

// MARK: - A small reader for a stream of JSON values

/// Reads a stream of JSON values separated by whitespace (as the yaml-test-suite's `in.json`).
struct JSONStreamReader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Every value of the stream, in order.
    static func values(_ bytes: [UInt8]) throws -> [DataValue] {
        var reader = JSONStreamReader(bytes)
        var values: [DataValue] = []
        reader.skipWhitespace()
        while reader.index < reader.bytes.count {
            values.append(try reader.value())
            reader.skipWhitespace()
        }
        return values
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func failure(_ what: String) -> Failure {
        Failure(description: "JSON: \(what) at byte \(index)")
    }

    private mutating func expect(_ literal: String) throws {
        let literalBytes = Array(literal.utf8)
        guard bytes.count - index >= literalBytes.count,
            Array(bytes[index..<index + literalBytes.count]) == literalBytes
        else { throw failure("expected \(literal)") }
        index += literalBytes.count
    }

    private mutating func value() throws -> DataValue {
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "n"):
            try expect("null")
            return .null
        case UInt8(ascii: "t"):
            try expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expect("false")
            return .bool(false)
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "["):
            index += 1
            var items: [DataValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                items.append(try value())
                skipWhitespace()
                guard index < bytes.count else { throw failure("unterminated array") }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                guard bytes[index] == UInt8(ascii: ",") else { throw failure("expected , or ]") }
                index += 1
            }
        case UInt8(ascii: "{"):
            index += 1
            var members: [String: DataValue] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected :") }
                index += 1
                members[key] = try value()
                skipWhitespace()
                guard index < bytes.count else { throw failure("unterminated object") }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                guard bytes[index] == UInt8(ascii: ",") else { throw failure("expected , or }") }
                index += 1
            }
        default:
            return .number(try number())
        }
    }

    private mutating func number() throws -> Double {
        let start = index
        while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !text.isEmpty, let double = Double(text) else { throw failure("bad number '\(text)'") }
        return double
    }

    private mutating func hex4() throws -> UInt32 {
        guard bytes.count - index >= 4,
            let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw failure("bad \\u escape") }
        index += 4
        return value
    }

    private mutating func string() throws -> String {
        index += 1  // the opening quote
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        while true {
            guard index < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") {
                flush()
                return String(scalars)
            }
            guard byte == UInt8(ascii: "\\") else {
                raw.append(byte)
                continue
            }
            guard index < bytes.count else { throw failure("unterminated escape") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): raw.append(0x22)
            case UInt8(ascii: "\\"): raw.append(0x5C)
            case UInt8(ascii: "/"): raw.append(0x2F)
            case UInt8(ascii: "b"): raw.append(0x08)
            case UInt8(ascii: "f"): raw.append(0x0C)
            case UInt8(ascii: "n"): raw.append(0x0A)
            case UInt8(ascii: "r"): raw.append(0x0D)
            case UInt8(ascii: "t"): raw.append(0x09)
            case UInt8(ascii: "u"):
                flush()
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code), bytes.count - index >= 6,
                    bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                {
                    index += 2
                    let low = try hex4()
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw failure("bad code point") }
                scalars.append(scalar)
            default:
                throw failure("bad escape")
            }
        }
    }
}
