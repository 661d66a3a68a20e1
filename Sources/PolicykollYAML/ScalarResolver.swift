/// Resolves scalar text by the YAML 1.2 core schema.
///
/// Only plain, untagged scalars are resolved; quoted scalars and `!`-tagged ones are strings.
/// Explicit standard tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`) force a type.
enum ScalarResolver {
    /// The outcome of resolving one scalar.
    enum Resolution: Equatable {
        case value(YAMLNode.Value)
        case problem(YAMLProblem, fallback: YAMLNode.Value)
    }

    static let yamlTagPrefix = "tag:yaml.org,2002:"

    /// Resolves a scalar's text given whether it was plain and its tag, if any.
    static func resolve(_ text: String, plain: Bool, tag: String?) -> Resolution {
        if let tag {
            return resolveTagged(text, tag: tag)
        }
        guard plain else { return .value(.string(text)) }
        return resolvePlain(text)
    }

    static func resolvePlain(_ text: String) -> Resolution {
        let utf8 = text.utf8
        guard let first = utf8.first else { return .value(.null) }
        // Fast path: most scalars are words; only these first characters can start a non-string,
        // and the special words are at most five bytes long.
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return resolveNumber(text) ?? .value(.string(text))
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if utf8.count <= 5, let special = specialWord(text) { return .value(special) }
            return resolveNumber(text) ?? .value(.string(text))
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"):
            if utf8.count <= 5, let special = specialWord(text) { return .value(special) }
            return .value(.string(text))
        default:
            return .value(.string(text))
        }
    }

    /// The null, boolean, infinity and not-a-number words of the core schema.
    private static let specialWords: [(word: UInt64, value: YAMLNode.Value)] = {
        let words: [(String, YAMLNode.Value)] = [
            ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null),
            ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
            ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
            (".inf", .float(.infinity)), (".Inf", .float(.infinity)), (".INF", .float(.infinity)),
            ("+.inf", .float(.infinity)), ("+.Inf", .float(.infinity)), ("+.INF", .float(.infinity)),
            ("-.inf", .float(-.infinity)), ("-.Inf", .float(-.infinity)), ("-.INF", .float(-.infinity)),
            (".nan", .float(.nan)), (".NaN", .float(.nan)), (".NAN", .float(.nan)),
        ]
        return words.map { (packed($0.0)!, $0.1) }
    }()

    /// The value of a special word, compared as packed bytes (a `switch` over string literals
    /// compares each case as a Unicode string).
    private static func specialWord(_ text: String) -> YAMLNode.Value? {
        guard let word = packed(text) else { return nil }
        for special in specialWords where special.word == word { return special.value }
        return nil
    }

    /// A text of at most seven bytes as one integer: a leading 1, then a byte each (ASCII
    /// letters lowercased if asked), so that the length is part of the value; `nil` for a longer
    /// text.
    static func packed(_ text: String, lowercasingASCII: Bool = false) -> UInt64? {
        guard text.utf8.count <= 7 else { return nil }
        var word: UInt64 = 1
        for byte in text.utf8 {
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            word = word << 8 | UInt64(lowercasingASCII && isUpper ? byte | 0x20 : byte)
        }
        return word
    }

    /// Integers (decimal, `0o` octal, `0x` hex) and floats of the core schema, or `nil`.
    static func resolveNumber(_ text: String) -> Resolution? {
        var contiguous = text
        return contiguous.withUTF8 { resolveNumber(text, bytes: $0) }
    }

    private static func resolveNumber(_ text: String, bytes: UnsafeBufferPointer<UInt8>) -> Resolution? {
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "o"), bytes.dropFirst(2).allSatisfy(isOctalDigit) {
                return integer(String(text.dropFirst(2)), radix: 8, text: text)
            }
            if bytes[1] == UInt8(ascii: "x"), bytes.dropFirst(2).allSatisfy(isHexDigit) {
                return integer(String(text.dropFirst(2)), radix: 16, text: text)
            }
        }
        if isDecimalInteger(bytes) {
            return integer(text, radix: 10, text: text)
        }
        if isCoreFloat(bytes), let double = Double(text) {
            return .value(.float(double))
        }
        return nil
    }

    private static func integer(_ digits: String, radix: Int, text: String) -> Resolution {
        if let value = Int(digits, radix: radix) { return .value(.int(value)) }
        return .problem(.integerOutOfRange(text), fallback: .string(text))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private static func isOctalDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 55 }
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102)
    }

    /// `[-+]?[0-9]+`
    private static func isDecimalInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == 45 || bytes[index] == 43 { index += 1 }
        guard index < bytes.count else { return false }
        return bytes[index...].allSatisfy(isDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isCoreFloat(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        if index < count, bytes[index] == 45 || bytes[index] == 43 { index += 1 }
        var mantissaDigits = 0
        while index < count, isDigit(bytes[index]) {
            index += 1
            mantissaDigits += 1
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, isDigit(bytes[index]) {
                index += 1
                mantissaDigits += 1
            }
        }
        guard mantissaDigits > 0 else { return false }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < count, bytes[index] == 45 || bytes[index] == 43 { index += 1 }
            var exponentDigits = 0
            while index < count, isDigit(bytes[index]) {
                index += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else { return false }
        }
        return index == count
    }

    static func resolveTagged(_ text: String, tag: String) -> Resolution {
        guard tag.hasPrefix(yamlTagPrefix) else { return .value(.string(text)) }
        let name = tag.dropFirst(yamlTagPrefix.count)
        let invalid = Resolution.problem(.invalidTaggedValue(tag: "!!\(name)", text: text), fallback: .string(text))
        switch name {
        case "str":
            return .value(.string(text))
        case "null":
            if case .value(.null) = resolvePlain(text) { return .value(.null) }
            return invalid
        case "bool":
            if case .value(.bool(let bool)) = resolvePlain(text) { return .value(.bool(bool)) }
            return invalid
        case "int":
            let resolved = resolvePlain(text)
            if case .value(.int) = resolved { return resolved }
            if case .problem(.integerOutOfRange, _) = resolved { return resolved }
            return invalid
        case "float":
            switch resolvePlain(text) {
            case .value(.float(let double)): return .value(.float(double))
            case .value(.int(let int)): return .value(.float(Double(int)))
            default: return invalid
            }
        default:
            return .value(.string(text))
        }
    }

    /// `yes`, `no`, `on`, `off`, `y` and `n`, packed.
    private static let ambiguousBooleans: [UInt64] = ["yes", "no", "on", "off", "y", "n"].map { packed($0)! }

    /// Whether a plain scalar is a YAML 1.1 boolean that YAML 1.2 reads as a string.
    static func isAmbiguousBoolean(_ text: String) -> Bool {
        // Packed with ASCII letters lowercased: this is asked of nearly every plain value.
        guard text.utf8.count <= 3, let word = packed(text, lowercasingASCII: true) else { return false }
        return ambiguousBooleans.contains(word)
    }
}
