import PolicykollYAML

/// Deciding whether a condition holds, without recording where it looked.
///
/// Most rules pass on most declarations, and a passing rule needs no evidence. So a rule is
/// first decided here, on nodes alone: no traces, verdicts or concrete paths. Only a rule that
/// fails is evaluated again by ``Evaluator/evaluate(_:in:)``, which gathers the places that
/// explain the failure. Both follow the same semantics (design §4); a test holds them equal on
/// every rule of the default pack and every example and generated declaration.
extension Evaluator {
    /// Whether `condition` holds with `$.` at `subject` and relative paths from `base`.
    func holds(_ condition: Condition, subject: YAMLNode, base: YAMLNode) -> Bool {
        switch condition {
        case .all(let conditions):
            for condition in conditions where !holds(condition, subject: subject, base: base) { return false }
            return true
        case .any(let conditions):
            for condition in conditions where holds(condition, subject: subject, base: base) { return true }
            return false
        case .not(let inner):
            return !holds(inner, subject: subject, base: base)
        case .test(let path, let test):
            let node = path.map { Self.node(at: $0, subject: subject, base: base) } ?? base
            return apply(test, to: node, subject: subject, base: base)
        case .quantified(let quantifier, let path, let assertion):
            guard let node = Self.node(at: path, subject: subject, base: base), !node.isNull else {
                return quantifier != .some
            }
            guard case .sequence(let items) = node.value else { return false }
            switch quantifier {
            case .each: return items.allSatisfy { holds(assertion, subject: subject, base: $0) }
            case .some: return items.contains { holds(assertion, subject: subject, base: $0) }
            case .none: return !items.contains { holds(assertion, subject: subject, base: $0) }
            }
        case .ref(let path, let kind, let assertion):
            guard let node = Self.node(at: path, subject: subject, base: base), let id = node.string,
                let target = index.lookup(kind: kind, id: id)
            else { return false }
            guard let assertion else { return true }
            return holds(assertion, subject: subject, base: target.root)
        }
    }

    /// The value at a path, or `nil`: the same walk as ``resolve(_:in:)``, without a scope.
    static func node(at path: RulePath, subject: YAMLNode, base: YAMLNode) -> YAMLNode? {
        let start = path.isAbsolute ? subject : base
        return locate(path.components, from: 0, in: start, mark: start.mark).node
    }
}
