import Foundation
import PolicykollYAML

/// Writes a YAML node back as block-style YAML text, for showing a rule's examples.
///
/// Strings that YAML 1.2 would read as something else (numbers, booleans, null, YAML 1.1
/// booleans) or that hold YAML syntax are double-quoted, so the text reads back the same.
enum YAMLText {
    static func lines(_ node: YAMLNode, indent: String = "") -> [String] {
        switch node.value {
        case .mapping(let entries):
            guard !entries.isEmpty else { return [indent + "{}"] }
            var lines: [String] = []
            for entry in entries {
                let key = quoteIfNeeded(entry.key)
                if isScalarOrEmpty(entry.value) {
                    lines.append("\(indent)\(key): \(scalar(entry.value))")
                } else {
                    lines.append("\(indent)\(key):")
                    let child = entry.value.items != nil ? indent + "  " : indent + "  "
                    lines += Self.lines(entry.value, indent: child)
                }
            }
            return lines
        case .sequence(let items):
            guard !items.isEmpty else { return [indent + "[]"] }
            if items.allSatisfy({ isScalarOrEmpty($0) }) {
                return [indent + "[" + items.map(scalar).joined(separator: ", ") + "]"]
            }
            var lines: [String] = []
            for item in items {
                if isScalarOrEmpty(item) {
                    lines.append("\(indent)- \(scalar(item))")
                    continue
                }
                let inner = Self.lines(item, indent: indent + "  ")
                guard let first = inner.first else { continue }
                lines.append(indent + "- " + first.dropFirst(indent.count + 2))
                lines += inner.dropFirst()
            }
            return lines
        default:
            return [indent + scalar(node)]
        }
    }

    private static func isScalarOrEmpty(_ node: YAMLNode) -> Bool {
        switch node.value {
        case .mapping(let entries): entries.isEmpty
        case .sequence(let items): items.isEmpty || items.allSatisfy { $0.entries == nil && $0.items == nil }
        default: true
        }
    }

    private static func scalar(_ node: YAMLNode) -> String {
        switch node.value {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .float(let value): String(value)
        case .string(let text): quoteIfNeeded(text)
        case .sequence(let items): "[" + items.map(scalar).joined(separator: ", ") + "]"
        case .mapping: "{}"
        }
    }

    private static let plainWords: Set<String> = [
        "true", "false", "null", "~", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", ".nan",
    ]

    static func quoteIfNeeded(_ text: String) -> String {
        let needsQuotes =
            text.isEmpty || plainWords.contains(text.lowercased()) || Double(text) != nil || Int(text) != nil
            || text.hasPrefix("0x") || text.hasPrefix("0o") || text.first.map { "-?:,[]{}#&*!|>'\"%@` ".contains($0) } == true
            || text.last == " " || text.contains(": ") || text.contains(" #") || text.hasSuffix(":")
            || text.contains(where: \.isNewline)
        guard needsQuotes else { return text }
        var quoted = "\""
        for character in text {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            default: quoted.append(character)
            }
        }
        return quoted + "\""
    }
}
