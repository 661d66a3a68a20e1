import PolicykollYAML

/// Evaluates compiled rules against declarations. Pure: it reads, decides and returns outcomes.
public struct Evaluator: Sendable {
    /// The rules, in pack order.
    public let rules: [Rule]
    /// What `ref` resolves against.
    public let index: DeclarationIndex
    /// The date used by date operators.
    public let asOf: CivilDate
    /// Long literal `in`/`notIn` lists, hashed once so that a huge list is not scanned per value.
    private let literalSets: LiteralSets
    /// What decides each rule, by rule index, held by reference: evaluating a rule must not copy
    /// the rule's texts, references and examples.
    private let logic: [RuleLogic]
    /// The places the rules read, numbered so that each is looked up once per declaration.
    private let numbering: PathNumbering

    /// Creates an evaluator.
    ///
    /// - Complexity: O(*n*) in the size of the rules' literal `in`/`notIn` lists.
    public init(rules: [Rule], index: DeclarationIndex, asOf: CivilDate) {
        self.rules = rules
        self.index = index
        self.asOf = asOf
        self.literalSets = LiteralSets(rules: rules)
        var numbering = PathNumbering()
        self.logic = rules.map { RuleLogic($0, numbering: &numbering) }
        self.numbering = numbering
    }

    /// The outcome of every rule on one declaration, in rule order.
    public func evaluate(_ declaration: Declaration) -> [Outcome] {
        evaluate(declaration, rules: rules.indices)
    }

    /// The outcomes of some of the rules (by index) on one declaration, in the order given.
    public func evaluate(_ declaration: Declaration, rules indices: some Sequence<Int>) -> [Outcome] {
        var memo = PathMemo(numbering: numbering, root: declaration.root)
        return indices.map { Outcome(ruleIndex: $0, result: evaluate(logic[$0], on: declaration, memo: &memo)) }
    }

    /// The result of one rule on one declaration.
    public func evaluate(_ rule: Rule, on declaration: Declaration) -> OutcomeResult {
        var numbering = PathNumbering()
        let logic = RuleLogic(rule, numbering: &numbering)
        var memo = PathMemo(numbering: numbering, root: declaration.root)
        return evaluate(logic, on: declaration, memo: &memo)
    }

    private func evaluate(_ rule: RuleLogic, on declaration: Declaration, memo: inout PathMemo) -> OutcomeResult {
        if let kinds = rule.appliesTo, !kinds.contains(declaration.kind) { return .notApplicable }
        let root = declaration.root
        if let when = rule.decidedWhen, !holds(when, base: root, baseIsRoot: true, memo: &memo) { return .notApplicable }
        if holds(rule.decidedAssertion, base: root, baseIsRoot: true, memo: &memo) { return .pass }
        // Only a failure is evaluated again, gathering the places that explain it. Paths are
        // rendered only now, for the failures that become findings; a place is kept once.
        let verdict = evaluate(rule.assertion, in: Scope(declaration: declaration))
        assert(!verdict.holds, "deciding and explaining disagree on \(rule.assertion)")
        // A few places are compared directly; a long `each` is deduplicated through a set.
        let traces = verdict.traces.all
        var evidence: [Evidence] = []
        evidence.reserveCapacity(traces.count)
        var seen: Set<String> = []
        for trace in traces {
            let place = trace.evidence()
            let isNew = traces.count <= 8 ? !evidence.contains { $0.path == place.path } : seen.insert(place.path).inserted
            if isNew { evidence.append(place) }
        }
        return .fail(evidence.isEmpty ? [Evidence(path: "", mark: declaration.mark, observation: .value)] : evidence)
    }

    /// The parts of a rule that decide its result: its conditions, and their decisions with
    /// paths numbered for the memo.
    private final class RuleLogic: Sendable {
        let appliesTo: [String]?
        let assertion: Condition
        let decidedWhen: Decision?
        let decidedAssertion: Decision

        init(_ rule: Rule, numbering: inout PathNumbering) {
            appliesTo = rule.appliesTo
            assertion = rule.assertion
            decidedWhen = rule.when.map { Decision($0, numbering: &numbering) }
            decidedAssertion = Decision(rule.assertion, numbering: &numbering)
        }
    }

    // MARK: - Scopes and lookup

    /// Where relative paths start, and where `$.` paths start. It holds nodes, not the
    /// declaration, so that creating one per list element costs no copies of its strings.
    struct Scope {
        /// The root of the declaration under check (`$.`).
        let subject: YAMLNode
        let base: YAMLNode
        let basePath: BasePath
        let baseMark: Mark

        init(declaration: Declaration) {
            self.subject = declaration.root
            self.base = declaration.root
            self.basePath = BasePath()
            self.baseMark = declaration.root.mark
        }

        init(subject: YAMLNode, base: YAMLNode, basePath: BasePath, baseMark: Mark) {
            self.subject = subject
            self.base = base
            self.basePath = basePath
            self.baseMark = baseMark
        }
    }

    /// The value at a path (or `nil`), and the place to point at: the value's mark, or the key of
    /// its nearest existing ancestor when it is missing.
    func resolve(_ path: RulePath?, in scope: Scope) -> (node: YAMLNode?, mark: Mark) {
        guard let path else { return (scope.base, scope.base.mark) }
        return path.isAbsolute
            ? Self.locate(path.components, from: 0, in: scope.subject, mark: scope.subject.mark)
            : Self.locate(path.components, from: 0, in: scope.base, mark: scope.baseMark)
    }

    /// Walks the components from `position` on. Recursive so that each node is a borrowed
    /// parameter: walking a path copies (and reference-counts) only the node it ends at.
    static func locate(_ components: [RulePath.Component], from position: Int, in node: YAMLNode, mark: Mark)
        -> (node: YAMLNode?, mark: Mark)
    {
        guard position < components.count else { return (node, node.mark) }
        switch components[position] {
        case .key(let key):
            guard case .mapping(let entries) = node.value else { return (nil, mark) }
            for index in entries.indices where entries[index].key == key {
                return locate(components, from: position + 1, in: entries[index].value, mark: entries[index].keyMark)
            }
            return (nil, mark)
        case .index(let index):
            guard case .sequence(let items) = node.value, index < items.count else { return (nil, mark) }
            return locate(components, from: position + 1, in: items[index], mark: items[index].mark)
        }
    }

    /// The node one step below `node`, or `nil`: the step ``locate(_:from:in:mark:)`` takes.
    /// Kept apart on purpose: the memo calling `locate` with one-step paths instead ran about 1 %
    /// more instructions per check (measured), and `locate` itself must not be built on a step
    /// that returns its node, since it passes each node on borrowed and copies only the last.
    static func child(of node: YAMLNode, at step: RulePath.Component) -> YAMLNode? {
        switch step {
        case .key(let key):
            guard case .mapping(let entries) = node.value else { return nil }
            for index in entries.indices where entries[index].key == key { return entries[index].value }
            return nil
        case .index(let index):
            guard case .sequence(let items) = node.value, index < items.count else { return nil }
            return items[index]
        }
    }

    /// A trace of what a test looked at, built without rendering its path.
    func trace(_ path: RulePath?, _ located: (node: YAMLNode?, mark: Mark), in scope: Scope, _ observation: Observation? = nil)
        -> Trace
    {
        let missing = located.node.map(\.isNull) ?? true
        return Trace(
            base: path?.isAbsolute == true ? BasePath() : scope.basePath, path: path, mark: located.mark,
            observation: observation ?? (missing ? .missing : .value), node: located.node)
    }

    // MARK: - Conditions

    func evaluate(_ condition: Condition, in scope: Scope) -> Verdict {
        switch condition {
        case .all(let conditions):
            var first: Verdict?
            for condition in conditions {
                let verdict = evaluate(condition, in: scope)
                if !verdict.holds { return verdict }
                if first == nil { first = verdict }
            }
            return first ?? Verdict(holds: true, traces: .none)
        case .any(let conditions):
            var last: Verdict?
            var mostTelling: Verdict?
            for condition in conditions {
                let verdict = evaluate(condition, in: scope)
                if verdict.holds { return verdict }
                last = verdict
                // Point at what is missing or unresolved rather than at a value that merely
                // did not match: that is what the user has to add. Otherwise the last
                // alternative, which by convention is the requirement after its exemptions.
                if mostTelling == nil, verdict.traces.all.contains(where: { $0.observation != .value }) {
                    mostTelling = verdict
                }
            }
            return mostTelling ?? last ?? Verdict(holds: false, traces: .none)
        case .not(let inner):
            var verdict = evaluate(inner, in: scope)
            verdict.holds.toggle()
            return verdict
        case .test(let path, let test):
            let located = resolve(path, in: scope)
            let holds = apply(test, to: located.node, subject: scope.subject, base: scope.base)
            // A value compared with a missing one fails because of the missing one: say so. The
            // finding stays at the tested value (its path, place and fingerprint).
            if !holds, located.node.map({ !$0.isNull }) ?? false, let operandPath = test.operandPath,
                resolve(operandPath, in: scope).node.map(\.isNull) ?? true
            {
                let shown = (operandPath.isAbsolute ? [] : scope.basePath.components) + operandPath.components
                let observation = Observation.missingOperand(path: RulePath.render(shown))
                return Verdict(holds: false, traces: .one(trace(path, located, in: scope, observation)))
            }
            return Verdict(holds: holds, traces: .one(trace(path, located, in: scope)))
        case .quantified(let quantifier, let path, let assertion):
            return evaluateQuantified(quantifier, path: path, assertion: assertion, in: scope)
        case .ref(let path, let kind, let assertion):
            return evaluateRef(path: path, kind: kind, assertion: assertion, in: scope)
        }
    }

    private func evaluateQuantified(_ quantifier: Quantifier, path: RulePath, assertion: Condition, in scope: Scope) -> Verdict {
        let located = resolve(path, in: scope)
        guard let node = located.node, !node.isNull else {
            return Verdict(holds: quantifier != .some, traces: .one(trace(path, located, in: scope, .missing)))
        }
        guard case .sequence(let items) = node.value else {
            return Verdict(holds: false, traces: .one(trace(path, located, in: scope, .notAList)))
        }
        let listTrace = trace(path, located, in: scope)
        // The list's concrete path, built once; each element's is this plus its index.
        let listPath = (path.isAbsolute ? [] : scope.basePath.components) + path.components
        var failing: [Trace] = []
        for (offset, item) in items.enumerated() {
            let elementScope = Scope(
                subject: scope.subject, base: item, basePath: BasePath(prefix: listPath, index: offset), baseMark: item.mark)
            let verdict = evaluate(assertion, in: elementScope)
            if verdict.holds {
                if quantifier == .some { return verdict }
                // Only `each` gives a finding per element (design §4): a `none` fails once, at
                // the first element that satisfies what none may.
                if quantifier == .none { return Verdict(holds: false, traces: .one(verdict.traces.all.first ?? listTrace)) }
            } else if quantifier == .each {
                let traces = verdict.traces.all
                failing += traces.isEmpty ? [listTrace] : traces
            }
        }
        switch quantifier {
        case .each: return Verdict(holds: failing.isEmpty, traces: failing.isEmpty ? .one(listTrace) : .many(failing))
        case .some, .none: return Verdict(holds: quantifier == .none, traces: .one(listTrace))
        }
    }

    private func evaluateRef(path: RulePath, kind: String, assertion: Condition?, in scope: Scope) -> Verdict {
        let located = resolve(path, in: scope)
        guard let node = located.node, !node.isNull else {
            return Verdict(holds: false, traces: .one(trace(path, located, in: scope, .missing)))
        }
        guard let id = node.string else {
            return Verdict(holds: false, traces: .one(trace(path, located, in: scope, .notAnID(kind: kind))))
        }
        guard let target = index.lookup(kind: kind, id: id) else {
            return Verdict(holds: false, traces: .one(trace(path, located, in: scope, .unknownReference(id: id, kind: kind))))
        }
        guard let assertion else { return Verdict(holds: true, traces: .one(trace(path, located, in: scope))) }
        let targetScope = Scope(subject: scope.subject, base: target.root, basePath: BasePath(), baseMark: target.root.mark)
        let verdict = evaluate(assertion, in: targetScope)
        guard !verdict.holds else { return Verdict(holds: true, traces: .one(trace(path, located, in: scope))) }
        // Say where the referenced declaration fails, when the condition looked somewhere there
        // (a `$.` path looks at the declaration under check, not at the referenced one).
        let because = verdict.traces.all.first(where: { $0.path?.isAbsolute != true }).map { trace -> ReferencedPlace in
            let place = trace.evidence()
            return ReferencedPlace(path: place.path, valueText: place.observation == .missing ? nil : place.valueText)
        }
        return Verdict(
            holds: false, traces: .one(trace(path, located, in: scope, .failingReference(id: id, because: because))))
    }

    // MARK: - Operators

    func apply(_ test: Test, to node: YAMLNode?, subject: YAMLNode, base: YAMLNode) -> Bool {
        if case .exists(let expected) = test {
            let exists = node.map { !$0.isNull } ?? false
            return exists == expected
        }
        // Every other operator is false on a missing value, and a null (`x:`, `x: ~`) is a value
        // not given, as `exists` says: only `type: null` asks for one.
        guard let node else { return false }
        if node.isNull {
            if case .type(let type) = test { return type == .null }
            return false
        }
        switch test {
        case .exists:
            return false
        case .equals(let operand):
            guard let other = value(of: operand, subject: subject, base: base) else { return false }
            return ValueSemantics.equal(node, other)
        case .notEquals(let operand):
            guard let other = value(of: operand, subject: subject, base: base) else { return false }
            return !ValueSemantics.equal(node, other)
        case .isIn(let operand):
            guard let list = value(of: operand, subject: subject, base: base)?.items else { return false }
            return isMember(node, of: list)
        case .notIn(let operand):
            guard let list = value(of: operand, subject: subject, base: base)?.items else { return false }
            return !isMember(node, of: list)
        case .matches(let pattern):
            guard let text = node.string else { return false }
            return pattern.matches(text)
        case .notMatches(let pattern):
            guard let text = node.string else { return false }
            return !pattern.matches(text)
        case .order(let ordering, let operand):
            guard let other = value(of: operand, subject: subject, base: base), let order = ValueSemantics.compare(node, other)
            else {
                return false
            }
            switch ordering {
            case .gt: return order > 0
            case .gte: return order >= 0
            case .lt: return order < 0
            case .lte: return order <= 0
            }
        case .contains(let operand):
            guard let other = value(of: operand, subject: subject, base: base) else { return false }
            if let items = node.items { return items.contains { ValueSemantics.equal($0, other) } }
            if let text = node.string, let part = other.string { return text.contains(part) }
            return false
        case .minItems(let count):
            guard let items = node.items else { return false }
            return items.count >= count
        case .maxItems(let count):
            guard let items = node.items else { return false }
            return items.count <= count
        case .type(let type):
            return ValueSemantics.hasType(node, type)
        case .within(let duration):
            guard let date = ValueSemantics.date(node) else { return false }
            return date >= asOf.subtracting(duration) && date <= asOf
        case .before(let operand):
            guard let date = ValueSemantics.date(node), let other = dateValue(of: operand, subject: subject, base: base) else {
                return false
            }
            return date < other
        case .after(let operand):
            guard let date = ValueSemantics.date(node), let other = dateValue(of: operand, subject: subject, base: base) else {
                return false
            }
            return date > other
        }
    }

    /// Whether a value equals an item of a list: by hash for a long literal list, else by a scan.
    private func isMember(_ node: YAMLNode, of list: [YAMLNode]) -> Bool {
        if let set = literalSets.set(for: list) { return set.contains(node) }
        return list.contains { ValueSemantics.equal(node, $0) }
    }

    private func value(of operand: Operand, subject: YAMLNode, base: YAMLNode) -> YAMLNode? {
        switch operand {
        case .literal(let node): node
        case .path(let path): Self.node(at: path, subject: subject, base: base).flatMap { $0.isNull ? nil : $0 }
        }
    }

    private func dateValue(of operand: DateOperand, subject: YAMLNode, base: YAMLNode) -> CivilDate? {
        switch operand {
        case .date(let date): date
        case .today: asOf
        case .path(let path): Self.node(at: path, subject: subject, base: base).flatMap(ValueSemantics.date)
        }
    }
}
