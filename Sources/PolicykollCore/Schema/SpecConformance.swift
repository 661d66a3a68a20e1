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
        var found = Departures()
        var steps: [Int] = []
        check(node, against: spec, steps: &steps, into: &found)
        var warnings = found.kept.map { departure in
            let path = RulePath.render([.key("spec")] + components(of: departure.steps, from: node))
            return Diagnostic(.warning, file: declaration.file, mark: departure.mark, message: departure.deviation(path).message)
        }
        if let firstUnkept = found.firstUnkept {
            let more = SchemaDeviation.more(found.unkept)
            warnings.append(Diagnostic(.warning, file: declaration.file, mark: firstUnkept, message: more.message))
        }
        return warnings
    }

    /// The most warnings one declaration gets; the rest are counted in one more.
    static let maxWarnings = 20

    /// The values found to depart: the first ``maxWarnings`` kept to be worded, the rest only
    /// counted (a list of 200,000 bad items must not hold 200,000 of them).
    private struct Departures {
        var kept: [(deviation: (String) -> SchemaDeviation, steps: [Int], mark: Mark)] = []
        var unkept = 0
        var firstUnkept: Mark?

        mutating func add(_ deviation: @escaping (String) -> SchemaDeviation, steps: [Int], mark: Mark) {
            guard kept.count < SpecConformance.maxWarnings else {
                unkept += 1
                if firstUnkept == nil { firstUnkept = mark }
                return
            }
            kept.append((deviation, steps, mark))
        }
    }

    /// Walks the node and the schema together. The way down is kept as positions (entry or item
    /// indexes), made a path only for a value that departs: most do not.
    private static func check(
        _ node: YAMLNode, against constraint: FieldConstraint, steps: inout [Int], into found: inout Departures
    ) {
        // A null is a value not given: whether it must be is the rules' question.
        if node.isNull { return }
        if let deviation = constraint.deviation(of: node) {
            found.add(deviation, steps: steps, mark: node.mark)
            return
        }
        switch node.value {
        case .mapping(let entries) where !constraint.propertyKeys.isEmpty:
            // A scan, not a table: a section names a dozen fields, and most keys are short. It
            // starts after the field found last, so that a mapping written in the schema's order
            // (as templates and most declarations are) finds each key at the first comparison.
            var next = 0
            for position in entries.indices {
                guard let property = constraint.propertyIndex(of: entries[position].key, from: next) else {
                    // Fields the schema does not name are allowed; one a letter or two from a
                    // field it names, which the mapping lacks, is most likely that field misspelt
                    // (and the rules that read it see nothing).
                    let key = entries[position].key
                    if let intended = likelySlip(key, among: constraint.propertyKeys),
                        !entries.contains(where: { $0.key == intended })
                    {
                        steps.append(position)
                        found.add(
                            { .likelyMisspelt(path: $0, intended: intended) }, steps: steps, mark: entries[position].keyMark)
                        steps.removeLast()
                    }
                    continue
                }
                next = property + 1
                steps.append(position)
                check(entries[position].value, against: constraint.properties[property], steps: &steps, into: &found)
                steps.removeLast()
            }
        case .sequence(let items):
            guard let inner = constraint.items else { return }
            for position in items.indices {
                steps.append(position)
                check(items[position], against: inner, steps: &steps, into: &found)
                steps.removeLast()
            }
        default:
            break
        }
    }

    /// The schema's field that `key` most likely misspells: the same first letter, and one edit
    /// away (two for names over five letters). Stricter than a "did you mean" for a flag: a
    /// declaration may add fields freely, and `notes` is not `roles`, nor `dpo` `dpia`.
    static func likelySlip(_ key: String, among names: [String]) -> String? {
        let lowered = key.lowercased()
        var best: (name: String, distance: Int)?
        for name in names where name.lowercased().first == lowered.first {
            let limit = min(key.count, name.count) > 5 ? 2 : 1
            let distance = Suggestion.editDistance(lowered, name.lowercased())
            if distance <= limit, distance < (best?.distance ?? .max) { best = (name, distance) }
        }
        return best?.name
    }

    /// The path components of positions taken from `node` down.
    private static func components(of steps: [Int], from node: YAMLNode) -> [RulePath.Component] {
        var node = node
        var components: [RulePath.Component] = []
        for position in steps {
            switch node.value {
            case .mapping(let entries):
                components.append(.key(entries[position].key))
                node = entries[position].value
            case .sequence(let items):
                components.append(.index(position))
                node = items[position]
            default:
                return components
            }
        }
        return components
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
    case likelyMisspelt(path: String, intended: String)
    case more(Int)

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
        case .likelyMisspelt(let path, let intended):
            "\(path) is not a field of the policykoll schema; did you mean '\(intended)'? (rules read '\(intended)')"
        case .more(let count):
            "\(count) more \(count == 1 ? "value departs" : "values depart") from the policykoll schema in this declaration"
        }
    }
}

/// What the schema says of one field: the keywords the published schema uses (`type`, `enum`,
/// `minimum`, `maximum`, `pattern`, `format: date`, `properties`, `items`). Other formats
/// (`email`, `uri`) are left to the rules.
private final class FieldConstraint: Sendable {
    /// The YAML type names allowed (``YAMLNode/typeName``); empty when any is.
    let types: [String]
    /// The same as bits of ``kindBit(_:)``, for the check made on every value.
    private let kinds: UInt8
    let allowed: [YAMLNode.Value]?
    let minimum: Double?
    let maximum: Double?
    let pattern: (text: String, compiled: CompiledPattern)?
    let isDate: Bool
    /// The fields of a mapping: names, and the constraint of each at the same position (two
    /// arrays, so that finding a name touches no reference counts).
    let propertyKeys: [String]
    let properties: [FieldConstraint]
    let items: FieldConstraint?
    /// The position of a field among ``propertyKeys``, searched from `start` and then from the
    /// beginning.
    func propertyIndex(of key: String, from start: Int) -> Int? {
        let keys = propertyKeys
        let start = start < keys.count ? start : 0
        for index in start..<keys.count where keys[index] == key { return index }
        for index in 0..<start where keys[index] == key { return index }
        return nil
    }

    /// Whether anything beyond the type is asked of a value (most fields ask nothing more).
    private let judgesValues: Bool

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
        kinds = types.reduce(0) { $0 | Self.kindBit($1) }
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
        var keys: [String] = []
        var properties: [FieldConstraint] = []
        if case .object(let list)? = members["properties"] {
            for (key, value) in list {
                keys.append(key)
                properties.append(FieldConstraint(value))
            }
        }
        propertyKeys = keys
        self.properties = properties
        items = members["items"].map(FieldConstraint.init)
        judgesValues = allowed != nil || minimum != nil || maximum != nil || pattern != nil || isDate
    }

    /// How the node departs from this field's own keywords (not its children's), as a message
    /// waiting for the path; `nil` when it does not.
    func deviation(of node: YAMLNode) -> ((String) -> SchemaDeviation)? {
        let kindMatches = kinds == 0 || kinds & Self.kindBit(of: node) != 0
        if kindMatches, !judgesValues { return nil }
        if !kindMatches {
            let expected = types.map(YAMLNode.withArticle).joined(separator: " or ")
            return { .wrongType(path: $0, expected: expected, found: node.typeName) }
        }
        // Worded only for a value that departs: most values do not, and a mapping's text is long.
        // Shortened as a finding's value is: a warning quotes the value, not the whole of it.
        var shown: String {
            node.string.map { "'\(MessageRenderer.shorten($0))'" } ?? MessageRenderer.shorten(ValueSemantics.displayFound(node))
        }
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

    /// A bit per YAML type name.
    private static func kindBit(_ typeName: String) -> UInt8 {
        switch typeName {
        case "null": 1
        case "boolean": 2
        case "integer": 4
        case "number": 8
        case "string": 16
        case "list": 32
        case "mapping": 64
        default: 0
        }
    }

    private static func kindBit(of node: YAMLNode) -> UInt8 {
        switch node.value {
        case .null: 1
        case .bool: 2
        case .int: 4
        case .float: 8
        case .string: 16
        case .sequence: 32
        case .mapping: 64
        }
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
