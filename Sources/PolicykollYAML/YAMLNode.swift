/// One node of a loaded YAML document, with the place it was written.
///
/// Scalars are already resolved by the YAML 1.2 core schema: a quoted scalar is always a
/// string, `yes`/`no` stay strings, and so do dates (the date operators compare them as dates).
/// Aliases and `<<` merge keys are expanded while loading, so a consumer never sees them.
public struct YAMLNode: Sendable, Equatable {
    /// The resolved value of the node.
    public var value: Value
    /// Where the node starts (for a mapping or sequence in block style, its first entry).
    public var mark: Mark

    /// Creates a node from a resolved value and its mark.
    public init(_ value: Value, mark: Mark) {
        self.value = value
        self.mark = mark
    }

    /// The value of a node, resolved by the YAML 1.2 core schema.
    public enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
    }
}

/// One key/value pair of a mapping. Keys are scalars; their text is kept as written.
public struct YAMLEntry: Sendable, Equatable {
    /// The key's text.
    public var key: String
    /// Where the key was written.
    public var keyMark: Mark
    /// The value.
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: String, keyMark: Mark, value: YAMLNode) {
        self.key = key
        self.keyMark = keyMark
        self.value = value
    }
}

extension YAMLNode {
    /// The entries of a mapping, or `nil` for any other node.
    public var entries: [YAMLEntry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    /// The items of a sequence, or `nil` for any other node.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// The string value, or `nil` when the node is not a string.
    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// Whether the node is the null scalar.
    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The entry for `key` in a mapping, or `nil`.
    ///
    /// - Complexity: O(*n*) in the number of entries; declaration mappings are small.
    public func entry(_ key: String) -> YAMLEntry? {
        guard case .mapping(let entries) = value else { return nil }
        for entry in entries where entry.key == key { return entry }
        return nil
    }

    /// The value for `key` in a mapping, or `nil`.
    public subscript(key: String) -> YAMLNode? {
        entry(key)?.value
    }

    /// A short name of the node's type for messages: `string`, `integer`, `mapping`, ….
    public var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .float: "number"
        case .string: "string"
        case .sequence: "list"
        case .mapping: "mapping"
        }
    }
}

extension YAMLNode {
    /// The type name with its indefinite article: `a string`, `an integer`.
    public var typeNameWithArticle: String {
        YAMLNode.withArticle(typeName)
    }

    /// A noun with its indefinite article: `a list`, `an integer`.
    public static func withArticle(_ noun: String) -> String {
        "aeiou".contains(noun.first ?? "x") ? "an \(noun)" : "a \(noun)"
    }
}

extension YAMLNode {
    /// Whether `text`, written as a plain scalar, loads as this same string: not as a number,
    /// boolean or null, not as a list, mapping or anything else YAML's indicators start, holds
    /// no control character, and is neither empty nor padded with spaces. A string for which this is false must be shown
    /// quoted for its type to be seen (`"1"` is not `1`, `"[a]"` is not `[a]`).
    public static func readsAsPlainString(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            !first.properties.isWhitespace, !last.properties.isWhitespace
        else { return false }
        // One pass over the bytes: this runs for every value a finding shows.
        let bytes = text.utf8
        switch bytes.first! {
        case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ","),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            return false
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            let second = bytes.dropFirst().first
            if second == nil || second == UInt8(ascii: " ") { return false }
        default:
            break
        }
        // A colon at the end reads as a mapping's (`x:`).
        if bytes.last == UInt8(ascii: ":") { return false }
        var previous: UInt8 = 0
        var mayHide = false
        for byte in bytes {
            // A line break, tab or other control character is only seen in quotes (escaped).
            if byte < 0x20 || byte == 0x7F { return false }
            // So are C1 controls (U+0080–U+009F: C2 80–9F) and the direction marks and overrides
            // (U+061C: D8 9C; U+200E/F, U+202A–E, U+2066–9: E2 80 xx, E2 81 xx), which reorder
            // text as shown.
            if (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) || (previous == 0xE2 && (byte == 0x80 || byte == 0x81))
                || (previous == 0xD8 && byte == 0x9C)
            {
                mayHide = true
            }
            if (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " "))
                || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#"))
            {
                return false
            }
            previous = byte
        }
        if mayHide, text.unicodeScalars.contains(where: isHidden) { return false }
        if case .value(.string) = ScalarResolver.resolvePlain(text) { return true }
        return false
    }

    /// Whether a scalar acts on how text is shown instead of showing itself: a C1 control, or a
    /// mark or override of text direction. Shown escaped, never raw.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
