import PolicykollYAML

/// Type-aware equality and ordering of YAML values: `1` is not `"1"`, integers and floats
/// compare as numbers, dates written as `YYYY-MM-DD` strings compare as dates.
enum ValueSemantics {
    /// Whether two values are equal, ignoring where they were written.
    static func equal(_ lhs: YAMLNode, _ rhs: YAMLNode) -> Bool {
        switch (lhs.value, rhs.value) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int(let a), .float(let b)), (.float(let b), .int(let a)): return Double(a) == b
        case (.float(let a), .float(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.sequence(let a), .sequence(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.mapping(let a), .mapping(let b)):
            guard a.count == b.count else { return false }
            // Keys are unique in a mapping; a table keeps two large mappings from costing n².
            var others: [String: YAMLNode] = [:]
            others.reserveCapacity(b.count)
            for entry in b { others[entry.key] = entry.value }
            return a.allSatisfy { entry in
                guard let other = others[entry.key] else { return false }
                return equal(entry.value, other)
            }
        default: return false
        }
    }

    /// The order of two numbers, or of two dates; `nil` when they are not comparable.
    static func compare(_ lhs: YAMLNode, _ rhs: YAMLNode) -> Int? {
        switch (lhs.value, rhs.value) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.int, .float), (.float, .int), (.float, .float):
            guard let a = number(lhs), let b = number(rhs), !a.isNaN, !b.isNaN else { return nil }
            return a < b ? -1 : (a > b ? 1 : 0)
        case (.string(let a), .string(let b)):
            guard let left = CivilDate(iso: a), let right = CivilDate(iso: b) else { return nil }
            return left < right ? -1 : (left > right ? 1 : 0)
        default: return nil
        }
    }

    static func number(_ node: YAMLNode) -> Double? {
        switch node.value {
        case .int(let int): Double(int)
        case .float(let double): double
        default: nil
        }
    }

    static func date(_ node: YAMLNode) -> CivilDate? {
        node.string.flatMap { CivilDate(iso: $0) }
    }

    /// Whether a value has a type of the `type` operator.
    static func hasType(_ node: YAMLNode, _ type: ValueType) -> Bool {
        switch (type, node.value) {
        case (.string, .string), (.boolean, .bool), (.list, .sequence), (.map, .mapping), (.null, .null): true
        case (.number, .int), (.number, .float), (.integer, .int): true
        case (.date, .string(let text)): CivilDate(iso: text) != nil
        default: false
        }
    }

    /// A value as a finding shows what was found: as ``display(_:)``, but a string that would
    /// read as another type (`"1"`, `"true"`, `""`) is quoted and a list is in brackets, so that
    /// the type can be seen (design §4: `1` is not `"1"`).
    static func displayFound(_ node: YAMLNode?) -> String {
        guard let node else { return "—" }
        return displayFound(node, inFlow: false)
    }

    /// Inside a list or mapping, written in YAML's flow style (`[a, "b, c"]`, `{k: v}`), where a
    /// comma or a bracket in a string would read as the collection's own.
    private static func displayFound(_ node: YAMLNode, inFlow: Bool) -> String {
        switch node.value {
        case .string(let string): return readsAsPlain(string, inFlow: inFlow) ? string : quoted(string)
        case .sequence(let items): return "[" + items.map { displayFound($0, inFlow: true) }.joined(separator: ", ") + "]"
        case .mapping(let entries):
            let members = entries.map {
                (readsAsPlain($0.key, inFlow: true) ? $0.key : quoted($0.key)) + ": " + displayFound($0.value, inFlow: true)
            }
            return "{" + members.joined(separator: ", ") + "}"
        default: return display(node)
        }
    }

    private static func readsAsPlain(_ string: String, inFlow: Bool) -> Bool {
        guard YAMLNode.readsAsPlainString(string) else { return false }
        return !inFlow
            || !string.utf8.contains {
                [
                    UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
                    UInt8(ascii: "{"), UInt8(ascii: "}"),
                ].contains($0)
            }
    }

    /// A string in double quotes, escaped as JSON escapes it (quotes, backslashes, controls),
    /// and the scalars that act on how text is shown (``YAMLNode/isHidden(_:)``) as `\uXXXX`.
    private static func quoted(_ string: String) -> String {
        let text = JSONValue.string(string).compactText
        guard text.unicodeScalars.contains(where: YAMLNode.isHidden) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            if YAMLNode.isHidden(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A short rendering of a value for messages.
    static func display(_ node: YAMLNode?) -> String {
        guard let node else { return "—" }
        switch node.value {
        case .null: return "null"
        case .bool(let bool): return bool ? "true" : "false"
        case .int(let int): return String(int)
        case .float(let double): return String(double)
        case .string(let string): return string
        case .sequence(let items): return items.isEmpty ? "[]" : items.map { display($0) }.joined(separator: ", ")
        // In the flow style a finding shows found values in, so one message never mixes two.
        case .mapping: return displayFound(node, inFlow: false)
        }
    }
}
