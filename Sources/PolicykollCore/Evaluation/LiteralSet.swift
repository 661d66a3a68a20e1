import PolicykollYAML

/// The scalar items of a literal `in`/`notIn` list, hashed once per run so that a membership
/// test costs O(1) instead of a scan of the list.
///
/// Hashing only narrows the candidates; ``ValueSemantics/equal(_:_:)`` decides, so the semantics
/// stay exactly those of the scan: `1` is not `"1"`, `1` equals `1.0`, NaN equals nothing.
struct LiteralSet: Sendable {
    /// A hashable key that equal values always share (numbers by their `Double` value).
    private enum Key: Hashable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
    }

    private var candidates: [Key: [YAMLNode]] = [:]

    /// The set of a list's items, or `nil` when an item is a list or a mapping (those are compared
    /// by a scan, as before).
    init?(_ items: [YAMLNode]) {
        for item in items {
            guard let key = Self.key(item) else {
                if case .float(let value) = item.value, value.isNaN { continue }
                return nil
            }
            candidates[key, default: []].append(item)
        }
    }

    /// Whether a value equals one of the items.
    func contains(_ node: YAMLNode) -> Bool {
        guard let key = Self.key(node), let nodes = candidates[key] else { return false }
        return nodes.contains { ValueSemantics.equal(node, $0) }
    }

    private static func key(_ node: YAMLNode) -> Key? {
        switch node.value {
        case .null: return .null
        case .bool(let value): return .bool(value)
        // -0.0 and 0.0 are equal and must share a key.
        case .int(let value): return .number(Double(value) + 0)
        case .float(let value): return value.isNaN ? nil : .number(value + 0)
        case .string(let value): return .string(value)
        case .sequence, .mapping: return nil
        }
    }
}

/// The ``LiteralSet`` of every long literal `in`/`notIn` list of a set of rules, built once when
/// the ``Evaluator`` is made.
///
/// A list is found again by the identity of its storage: the rules hold their compiled
/// conditions, which never change, so the storage of each literal list stays put (and no other
/// list can share its address) for as long as the evaluator holds the rules. A list that is not
/// found — a short one, or one from a `{path: …}` operand — is scanned as before.
struct LiteralSets: Sendable {
    /// Lists shorter than this are scanned: hashing would not pay off.
    static let minimumCount = 16

    private var sets: [UInt: LiteralSet] = [:]

    init(rules: [Rule]) {
        for rule in rules {
            if let when = rule.when { collect(when) }
            collect(rule.assertion)
        }
    }

    /// The set of a literal list, when it has one.
    func set(for items: [YAMLNode]) -> LiteralSet? {
        guard items.count >= Self.minimumCount else { return nil }
        return sets[Self.identity(items)]
    }

    private mutating func collect(_ condition: Condition) {
        switch condition {
        case .all(let conditions), .any(let conditions):
            conditions.forEach { collect($0) }
        case .not(let inner):
            collect(inner)
        case .quantified(_, _, let inner):
            collect(inner)
        case .ref(_, _, let inner):
            if let inner { collect(inner) }
        case .test(_, .isIn(.literal(let node))), .test(_, .notIn(.literal(let node))):
            guard let items = node.items, items.count >= Self.minimumCount, let set = LiteralSet(items) else { return }
            sets[Self.identity(items)] = set
        case .test:
            break
        }
    }

    private static func identity(_ items: [YAMLNode]) -> UInt {
        items.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    }
}
