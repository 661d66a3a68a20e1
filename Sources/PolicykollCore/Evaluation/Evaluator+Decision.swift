import PolicykollYAML

/// Deciding whether a condition holds, without recording where it looked.
///
/// Most rules pass on most declarations, and a passing rule needs no evidence. So a rule is
/// first decided here, on nodes alone: no traces, verdicts or concrete paths. Only a rule that
/// fails is evaluated again by ``Evaluator/evaluate(_:in:)``, which gathers the places that
/// explain the failure. Both follow the same semantics (design §4); a test holds them equal on
/// every rule of the default pack and every example and generated declaration.
///
/// Places read from the declaration's root come from a ``PathMemo`` shared by all the rules
/// decided on that declaration, so that each is looked up once.
extension Evaluator {
    /// Whether `decision` holds with `$.` at the memo's root and relative paths from `base`.
    /// `baseIsRoot` says that `base` is that root, so that relative paths come from the memo too.
    func holds(_ decision: Decision, base: YAMLNode, baseIsRoot: Bool, memo: inout PathMemo) -> Bool {
        switch decision {
        case .all(let decisions):
            for decision in decisions where !holds(decision, base: base, baseIsRoot: baseIsRoot, memo: &memo) {
                return false
            }
            return true
        case .any(let decisions):
            for decision in decisions where holds(decision, base: base, baseIsRoot: baseIsRoot, memo: &memo) {
                return true
            }
            return false
        case .not(let inner):
            return !holds(inner, base: base, baseIsRoot: baseIsRoot, memo: &memo)
        case .test(let path, let test):
            let node = path.map { self.node(at: $0, base: base, baseIsRoot: baseIsRoot, memo: &memo) } ?? base
            return apply(test, to: node, subject: memo.root, base: base)
        case .quantified(let quantifier, let path, let assertion):
            guard let node = node(at: path, base: base, baseIsRoot: baseIsRoot, memo: &memo), !node.isNull else {
                return quantifier != .some
            }
            guard case .sequence(let items) = node.value else { return false }
            switch quantifier {
            case .each: return items.allSatisfy { holds(assertion, base: $0, baseIsRoot: false, memo: &memo) }
            case .some: return items.contains { holds(assertion, base: $0, baseIsRoot: false, memo: &memo) }
            case .none: return !items.contains { holds(assertion, base: $0, baseIsRoot: false, memo: &memo) }
            }
        case .ref(let path, let kind, let assertion):
            guard let node = node(at: path, base: base, baseIsRoot: baseIsRoot, memo: &memo), let id = node.string,
                let target = index.lookup(kind: kind, id: id)
            else { return false }
            guard let assertion else { return true }
            return holds(assertion, base: target.root, baseIsRoot: false, memo: &memo)
        }
    }

    /// Whether `condition` holds on the declaration whose root is `root`: the decision of one
    /// condition alone, numbered and remembered for this call only.
    func holds(_ condition: Condition, root: YAMLNode) -> Bool {
        var numbering = PathNumbering()
        let decision = Decision(condition, numbering: &numbering)
        var memo = PathMemo(numbering: numbering, root: root)
        return holds(decision, base: root, baseIsRoot: true, memo: &memo)
    }

    /// The value at a path: from the memo when the path is read from the root, else walked.
    private func node(at path: NumberedPath, base: YAMLNode, baseIsRoot: Bool, memo: inout PathMemo) -> YAMLNode? {
        if path.path.isAbsolute || baseIsRoot { return memo.node(path.number) }
        return Self.locate(path.path.components, from: 0, in: base, mark: base.mark).node
    }

    /// The value at a path, or `nil`: the same walk as ``resolve(_:in:)``, without a scope.
    static func node(at path: RulePath, subject: YAMLNode, base: YAMLNode) -> YAMLNode? {
        let start = path.isAbsolute ? subject : base
        return locate(path.components, from: 0, in: start, mark: start.mark).node
    }
}
