import PolicykollYAML

/// Checks the fields of a `System`'s `spec` that the published schema (``DeclarationSchema``)
/// describes: their types, enumerations, ranges, patterns and dates. What it finds are
/// warnings: a declaration may add fields freely (design §3), and whether a value is acceptable
/// is the rules' decision; but an architect should learn at once that `status: prod` or
/// `confidentiality: 7` is not what the schema, and so the rules, expect.
public enum SpecConformance {
    /// The constraints of `spec`, compiled once from the schema.
    private static let spec: FieldConstraint? = {
        guard case .object(let members) = DeclarationSchema.json,
            case .object(let properties)? = members.first(where: { $0.0 == "properties" })?.1,
            let spec = properties.first(where: { $0.0 == "spec" })?.1
        else { return nil }
        return FieldConstraint(spec)
    }()

    /// Where a declaration's `spec` departs from the schema, one located warning per value.
    ///
    /// - Complexity: O(*n*) in the fields of `spec` the schema describes.
    public static func warnings(for declaration: Declaration) -> [Diagnostic] {
        guard declaration.kind == "System", let spec, let node = declaration.root["spec"] else { return [] }
        var deviations: [(SchemaDeviation, Mark)] = []
        var path: [RulePath.Component] = [.key("spec")]
        check(node, against: spec, path: &path, into: &deviations)
        return deviations.map { Diagnostic(.warning, file: declaration.file, mark: $0.1, message: $0.0.message) }
    }

    private static func check(
        _ node: YAMLNode, against constraint: FieldConstraint, path: inout [RulePath.Component],
        into deviations: inout [(SchemaDeviation, Mark)]
    ) {
        // A null is a value not given: whether it must be is the rules' question.
        if node.isNull { return }
        if let deviation = constraint.deviation(of: node) {
            deviations.append((deviation(RulePath.render(path)), node.mark))
            return
        }
        switch node.value {
        case .mapping(let entries) where !constraint.properties.isEmpty:
            for entry in entries {
                guard let inner = constraint.properties[entry.key] else { continue }
                path.append(.key(entry.key))
                check(entry.value, against: inner, path: &path, into: &deviations)
                path.removeLast()
            }
        case .sequence(let items):
            guard let inner = constraint.items else { return }
            for (index, item) in items.enumerated() {
                path.append(.index(index))
                check(item, against: inner, path: &path, into: &deviations)
                path.removeLast()
            }
        default:
            break
        }
    }
}

/// How a value departs from the schema, worded with the value's path.
enum SchemaDeviation: Equatable {
    case wrongType(path: String, expected: String, found: String)
    case notAllowed(path: String, value: String, allowed: [String])
    case belowMinimum(path: String, value: String, minimum: String)
    case aboveMaximum(path: String, value: String, maximum: String)
    case noMatch(path: String, value: String, pattern: String)
    case notADate(path: String, value: String)

    var message: String {
        switch self {
        case .wrongType(let path, let expected, let found):
            "\(path) should be \(expected) (policykoll schema), found \(YAMLNode.withArticle(found))"
        case .notAllowed(let path, let value, let allowed):
            "\(path): \(value) is not one of \(allowed.joined(separator: ", ")) (policykoll schema)"
        case .belowMinimum(let path, let value, let minimum):
            "\(path): \(value) is below the schema's minimum \(minimum)"
        case .aboveMaximum(let path, let value, let maximum):
            "\(path): \(value) is above the schema's maximum \(maximum)"
        case .noMatch(let path, let value, let pattern):
            "\(path): \(value) does not match \(pattern) (policykoll schema)"
        case .notADate(let path, let value):
            "\(path): \(value) is not a date (YYYY-MM-DD)"
        }
    }
}

/// What the schema says of one field: the keywords the published schema uses (`type`, `enum`,
/// `minimum`, `maximum`, `pattern`, `format: date`, `properties`, `items`). Other formats
/// (`email`, `uri`) are left to the rules.
private final class FieldConstraint: Sendable {
    /// The YAML type names allowed (``YAMLNode/typeName``); empty when any is.
    let types: [String]
    let allowed: [YAMLNode.Value]?
    let minimum: Double?
    let maximum: Double?
    let pattern: (text: String, compiled: CompiledPattern)?
    let isDate: Bool
    let properties: [String: FieldConstraint]
    let items: FieldConstraint?

    init(_ schema: JSONValue) {
        var members: [String: JSONValue] = [:]
        if case .object(let list) = schema { for (key, value) in list { members[key] = value } }
        var types: [String] = []
        switch members["type"] {
        case .string(let name)?: types = Self.yamlTypes(name)
        case .array(let names)?:
            for case .string(let name) in names { types += Self.yamlTypes(name) }
        default: break
        }
        self.types = types
        if case .array(let values)? = members["enum"] {
            allowed = values.compactMap {
                switch $0 {
                case .string(let text): .string(text)
                case .int(let number): .int(number)
                default: nil
                }
            }
        } else {
            allowed = nil
        }
        minimum = Self.number(members["minimum"])
        maximum = Self.number(members["maximum"])
        if case .string(let text)? = members["pattern"], let compiled = try? CompiledPattern(text) {
            pattern = (text, compiled)
        } else {
            pattern = nil
        }
        isDate = members["format"] == .string("date")
        var properties: [String: FieldConstraint] = [:]
        if case .object(let list)? = members["properties"] {
            for (key, value) in list { properties[key] = FieldConstraint(value) }
        }
        self.properties = properties
        items = members["items"].map(FieldConstraint.init)
    }

    /// How the node departs from this field's own keywords (not its children's), as a message
    /// waiting for the path; `nil` when it does not.
    func deviation(of node: YAMLNode) -> ((String) -> SchemaDeviation)? {
        if !types.isEmpty, !types.contains(node.typeName) {
            let expected = types.map(YAMLNode.withArticle).joined(separator: " or ")
            return { .wrongType(path: $0, expected: expected, found: node.typeName) }
        }
        let shown = node.string.map { "'\($0)'" } ?? ValueSemantics.displayFound(node)
        if let allowed, !allowed.contains(node.value) {
            let names = allowed.map { ValueSemantics.display(YAMLNode($0, mark: .start)) }
            return { .notAllowed(path: $0, value: shown, allowed: names) }
        }
        if let number = Self.number(of: node) {
            if let minimum, number < minimum {
                return { .belowMinimum(path: $0, value: shown, minimum: Self.text(minimum)) }
            }
            if let maximum, number > maximum {
                return { .aboveMaximum(path: $0, value: shown, maximum: Self.text(maximum)) }
            }
        }
        if let text = node.string {
            if let pattern, !pattern.compiled.matches(text) {
                return { .noMatch(path: $0, value: shown, pattern: pattern.text) }
            }
            if isDate, text.utf8.count != 10 || CivilDate(iso: text) == nil {
                return { .notADate(path: $0, value: shown) }
            }
        }
        return nil
    }

    /// JSON Schema's type name as the YAML type names of ``YAMLNode/typeName``.
    private static func yamlTypes(_ name: String) -> [String] {
        switch name {
        case "object": ["mapping"]
        case "array": ["list"]
        case "integer": ["integer"]
        case "number": ["number", "integer"]
        default: [name]
        }
    }

    private static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let number)?: Double(number)
        case .double(let number)?: number
        default: nil
        }
    }

    private static func number(of node: YAMLNode) -> Double? {
        switch node.value {
        case .int(let number): Double(number)
        case .float(let number): number
        default: nil
        }
    }

    private static func text(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}
