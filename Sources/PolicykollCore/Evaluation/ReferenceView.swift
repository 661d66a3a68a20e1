import PolicykollYAML

/// What of a declaration must stay in memory once its own rules have run: the parts that rules
/// with `ref` read (on the declaration under check and on the declarations referred to), the
/// parts their messages quote, and the envelope. Everything else is dropped, so a run over a
/// million declarations holds findings, not documents.
struct ReferenceView: Sendable {
    /// A tree of keys to keep; a leaf keeps the whole subtree below it.
    final class KeyTree: @unchecked Sendable {
        var children: [String: KeyTree] = [:]
        var keepsAll = false

        /// Adds the key components of a path, up to its first index (a list is kept whole).
        func add(_ components: [RulePath.Component]) {
            var node = self
            for component in components {
                guard case .key(let key) = component else { break }
                if node.keepsAll { return }
                if let child = node.children[key] {
                    node = child
                } else {
                    let child = KeyTree()
                    node.children[key] = child
                    node = child
                }
            }
            node.keepsAll = true
            node.children = [:]
        }
    }

    /// The rules that need the reference index (they use `ref`).
    let referenceRules: Set<Int>
    private let keys: KeyTree

    init(rules: [Rule]) {
        var referenceRules: Set<Int> = []
        let keys = KeyTree()
        for path in [["apiVersion"], ["kind"], ["metadata"], ["spec", "architecture", "integrations"]] {
            // The envelope, and integrations: the audit's inventory scan reads their targets.
            keys.add(path.map { .key($0) })
        }
        for (index, rule) in rules.enumerated() {
            let conditions = [rule.when, rule.assertion].compactMap { $0 }
            guard conditions.contains(where: \.usesReference) else { continue }
            referenceRules.insert(index)
            for condition in conditions { condition.collectPaths(prefix: [], into: keys) }
            for text in [rule.message, rule.title].compactMap({ $0 }) {
                for template in [MessageTemplate(text.sv), MessageTemplate(text.en)] {
                    for case .value(let path?) in template.segments { keys.add(path.components) }
                }
            }
        }
        self.referenceRules = referenceRules
        self.keys = keys
    }

    /// The declaration with only the kept parts of its document.
    func prune(_ declaration: Declaration) -> Declaration {
        var pruned = declaration
        pruned.root = Self.prune(declaration.root, keeping: keys)
        return pruned
    }

    private static func prune(_ node: YAMLNode, keeping tree: KeyTree) -> YAMLNode {
        if tree.keepsAll { return node }
        guard case .mapping(let entries) = node.value else { return node }
        var kept: [YAMLEntry] = []
        kept.reserveCapacity(min(entries.count, tree.children.count))
        for entry in entries {
            guard let child = tree.children[entry.key] else { continue }
            kept.append(YAMLEntry(key: entry.key, keyMark: entry.keyMark, value: prune(entry.value, keeping: child)))
        }
        return YAMLNode(.mapping(kept), mark: node.mark)
    }
}

extension Condition {
    /// Whether the condition uses `ref` anywhere.
    var usesReference: Bool {
        switch self {
        case .all(let conditions), .any(let conditions): conditions.contains(where: \.usesReference)
        case .not(let condition), .quantified(_, _, let condition): condition.usesReference
        case .ref: true
        case .test: false
        }
    }

    /// Adds every path the condition reads, as paths from a document root: relative paths get
    /// the prefix of the scope they are in; inside `each`/`some`/`none` the list is kept whole;
    /// inside `ref` paths start at the referenced declaration's root (any declaration can be one).
    func collectPaths(prefix: [RulePath.Component], into keys: ReferenceView.KeyTree) {
        func add(_ path: RulePath?) {
            guard let path else {
                keys.add(prefix)
                return
            }
            keys.add(path.isAbsolute ? path.components : prefix + path.components)
        }
        switch self {
        case .all(let conditions), .any(let conditions):
            for condition in conditions { condition.collectPaths(prefix: prefix, into: keys) }
        case .not(let condition):
            condition.collectPaths(prefix: prefix, into: keys)
        case .test(let path, let test):
            add(path)
            for case let operandPath? in [test.operandPath] { add(operandPath) }
        case .quantified(_, let path, let assertion):
            add(path)
            // The list is kept whole; `$.` paths inside still need adding.
            assertion.collectPaths(prefix: path.isAbsolute ? path.components : prefix + path.components, into: keys)
        case .ref(let path, _, let assertion):
            add(path)
            assertion?.collectPaths(prefix: [], into: keys)
        }
    }
}

extension Test {
    /// The path of a `{path: …}` operand, if the operand is one.
    var operandPath: RulePath? {
        switch self {
        case .equals(.path(let path)), .notEquals(.path(let path)), .isIn(.path(let path)), .notIn(.path(let path)),
            .order(_, .path(let path)), .contains(.path(let path)):
            path
        case .before(.path(let path)), .after(.path(let path)):
            path
        default:
            nil
        }
    }
}
