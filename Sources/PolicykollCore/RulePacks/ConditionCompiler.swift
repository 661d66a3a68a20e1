import PolicykollYAML

/// Compiles the YAML of a `when` or `assert` into a ``Condition``, reporting every problem
/// with its location: unknown or doubled operators, bad operands, paths, regexes and durations.
struct ConditionCompiler {
    static let operators = [
        "exists", "equals", "notEquals", "in", "notIn", "matches", "notMatches", "gt", "gte", "lt", "lte",
        "contains", "minItems", "maxItems", "type", "within", "before", "after",
    ]
    static let combinators = ["all", "any", "not", "each", "some", "none", "ref"]

    var problems: ProblemCollector
    /// Compiled patterns by text, so one pattern is compiled once per pack: the loader hands
    /// them from one document's compiler to the next.
    var patterns: [String: CompiledPattern]

    init(file: String, patterns: [String: CompiledPattern] = [:]) {
        problems = ProblemCollector(file: file)
        self.patterns = patterns
    }

    mutating func compile(_ node: YAMLNode) -> Condition? {
        guard let entries = node.entries else {
            problems.report(.notAMapping(what: "a condition", found: node.typeName), at: node.mark)
            return nil
        }
        guard !entries.isEmpty else {
            problems.report(.noOperator, at: node.mark)
            return nil
        }
        let keys = entries.map(\.key)
        if let combinator = keys.first(where: { ["all", "any", "not"].contains($0) }) {
            return compileLogical(combinator, node: node)
        }
        if let quantifier = keys.first(where: { ["each", "some", "none"].contains($0) }) {
            return compileQuantified(Quantifier(rawValue: quantifier)!, node: node)
        }
        if keys.contains("ref") {
            return compileRef(node)
        }
        return compileTest(node)
    }

    private mutating func compileLogical(_ key: String, node: YAMLNode) -> Condition? {
        for entry in node.entries! where entry.key != key {
            problems.report(.mixedCondition(key), at: entry.keyMark)
        }
        let value = node[key]!
        if key == "not" {
            return compile(value).map { .not($0) }
        }
        guard let items = value.items, !items.isEmpty else {
            problems.report(.emptyConditionList(key), at: value.mark)
            return nil
        }
        let compiled = items.map { compile($0) }
        guard compiled.allSatisfy({ $0 != nil }) else { return nil }
        let conditions = compiled.map { $0! }
        return key == "all" ? .all(conditions) : .any(conditions)
    }

    private mutating func compileQuantified(_ quantifier: Quantifier, node: YAMLNode) -> Condition? {
        problems.checkKeys(of: node, allowed: [quantifier.rawValue, "assert"], context: "'\(quantifier.rawValue)'")
        let path = compilePath(node[quantifier.rawValue]!, key: quantifier.rawValue)
        guard let assertNode = node["assert"] else {
            problems.report(.missingKey("assert", in: "'\(quantifier.rawValue)'"), at: node.mark)
            return nil
        }
        let assertion = compile(assertNode)
        guard let path, let assertion else { return nil }
        return .quantified(quantifier, path: path, assert: assertion)
    }

    private mutating func compileRef(_ node: YAMLNode) -> Condition? {
        problems.checkKeys(of: node, allowed: ["ref", "kind", "assert"], context: "'ref'")
        let path = compilePath(node["ref"]!, key: "ref")
        let kind = problems.requiredString("kind", in: node, context: "'ref'")
        if let kind { problems.checkKind(kind.0, at: kind.1) }
        var assertion: Condition?
        if let assertNode = node["assert"] {
            guard let compiled = compile(assertNode) else { return nil }
            assertion = compiled
        }
        guard let path, let kind else { return nil }
        return .ref(path: path, kind: kind.0, assert: assertion)
    }

    private mutating func compileTest(_ node: YAMLNode) -> Condition? {
        var path: RulePath?
        var operators: [YAMLEntry] = []
        var valid = true
        for entry in node.entries! {
            if entry.key == "path" {
                path = compilePath(entry.value, key: "path")
                if path == nil { valid = false }
            } else if Self.operators.contains(entry.key) {
                operators.append(entry)
            } else {
                let suggestion = Suggestion.closest(to: entry.key, among: Self.operators + Self.combinators + ["path"])
                problems.report(.unknownOperator(entry.key, suggestion: suggestion), at: entry.keyMark)
                valid = false
            }
        }
        guard operators.count <= 1 else {
            problems.report(.twoOperators(operators.map(\.key)), at: operators[1].keyMark)
            return nil
        }
        guard let entry = operators.first else {
            if valid { problems.report(.noOperator, at: node.mark) }
            return nil
        }
        guard let test = compileOperator(entry), valid else { return nil }
        return .test(path: path, test)
    }

    mutating func compilePath(_ node: YAMLNode, key: String) -> RulePath? {
        guard let text = node.string else {
            problems.report(.wrongType(key: key, expected: "a path string", found: node.typeName), at: node.mark)
            return nil
        }
        guard let path = RulePath(parsing: text) else {
            problems.report(.invalidPath(text), at: node.mark)
            return nil
        }
        return path
    }

    private mutating func compileOperator(_ entry: YAMLEntry) -> Test? {
        let value = entry.value
        let name = entry.key
        func invalid(_ expected: String) -> Test? {
            problems.report(.invalidOperand(operator: name, expected: expected), at: value.mark)
            return nil
        }
        if pathOperand(value) != nil, !Self.operatorsTakingPaths.contains(name) {
            problems.report(.pathOperandNotTaken(operator: name, takenBy: Self.operatorsTakingPaths), at: value.mark)
            return nil
        }
        switch name {
        case "exists":
            guard case .bool(let flag) = value.value else { return invalid("true or false") }
            return .exists(flag)
        case "equals", "notEquals":
            let operand = self.operand(value)
            guard let operand else { return nil }
            return name == "equals" ? .equals(operand) : .notEquals(operand)
        case "in", "notIn":
            guard value.items != nil || pathOperand(value) != nil else { return invalid("a list of values or {path: …}") }
            guard let operand = self.operand(value) else { return nil }
            return name == "in" ? .isIn(operand) : .notIn(operand)
        case "matches", "notMatches":
            guard let pattern = value.string else { return invalid("a regular expression string") }
            guard let compiled = compilePattern(pattern, at: value.mark) else { return nil }
            return name == "matches" ? .matches(compiled) : .notMatches(compiled)
        case "gt", "gte", "lt", "lte":
            switch value.value {
            case .int, .float: break
            case .string(let text) where CivilDate(iso: text) != nil: break
            default:
                guard pathOperand(value) != nil else { return invalid("a number, a date (YYYY-MM-DD) or {path: …}") }
            }
            guard let operand = self.operand(value) else { return nil }
            return .order(Ordering(rawValue: name)!, operand)
        case "contains":
            // Any value: an item of a list (a mapping too) or a substring of a text.
            guard let operand = self.operand(value) else { return nil }
            return .contains(operand)
        case "minItems", "maxItems":
            guard case .int(let count) = value.value, count >= 0 else { return invalid("a non-negative integer") }
            return name == "minItems" ? .minItems(count) : .maxItems(count)
        case "type":
            // `type: null` is read by YAML as the null value; it names the null type.
            if value.isNull { return .type(.null) }
            guard let text = value.string else { return invalid("a type name") }
            guard let type = ValueType(rawValue: text) else {
                problems.report(.invalidType(text), at: value.mark)
                return nil
            }
            return .type(type)
        case "within":
            guard let text = value.string, let duration = ISODuration(text) else {
                problems.report(.invalidDuration(ValueSemantics.display(value)), at: value.mark)
                return nil
            }
            return .within(duration)
        case "before", "after":
            guard let operand = dateOperand(value) else { return nil }
            return name == "before" ? .before(operand) : .after(operand)
        default:
            return nil
        }
    }

    /// The operators that compare with another value of the declaration (`{path: P}`); the
    /// others take a literal only (a pattern, a count, a type, a duration, a flag).
    static let operatorsTakingPaths = [
        "equals", "notEquals", "in", "notIn", "gt", "gte", "lt", "lte", "contains", "before", "after",
    ]

    /// `{path: P}` as an operand, or `nil` when the node is not exactly that.
    private func pathOperand(_ node: YAMLNode) -> YAMLNode? {
        guard let entries = node.entries, entries.count == 1, entries[0].key == "path" else { return nil }
        return entries[0].value
    }

    private mutating func operand(_ node: YAMLNode) -> Operand? {
        if let pathNode = pathOperand(node) {
            return compilePath(pathNode, key: "path").map { .path($0) }
        }
        // `{path: spec.x, x: 1}` or `{paht: spec.x}` would be a literal mapping that no value
        // equals: a rule that silently never holds.
        if let entries = node.entries, entries.count > 1, let path = entries.first(where: { $0.key == "path" }) {
            problems.report(.pathOperandWithOtherKeys(entries.map(\.key).filter { $0 != "path" }), at: path.keyMark)
            return nil
        }
        if let entries = node.entries, entries.count == 1, Self.looksLikePath(entries[0].key) {
            problems.report(.misspeltPathOperand(entries[0].key), at: entries[0].keyMark)
            return nil
        }
        return .literal(node)
    }

    /// Whether a key is `path` in another case or with its letters swapped (`Path`, `paht`):
    /// not a real word such as `patch` or `math`, which a literal mapping may well hold.
    static func looksLikePath(_ key: String) -> Bool {
        key != "path" && key.lowercased().sorted() == "path".sorted()
    }

    private mutating func dateOperand(_ node: YAMLNode) -> DateOperand? {
        if let pathNode = pathOperand(node) {
            return compilePath(pathNode, key: "path").map { .path($0) }
        }
        guard let text = node.string else {
            problems.report(.invalidDate(ValueSemantics.display(node)), at: node.mark)
            return nil
        }
        if text == "today" { return .today }
        guard let date = CivilDate(iso: text) else {
            problems.report(.invalidDate(text), at: node.mark)
            return nil
        }
        return .date(date)
    }

    private mutating func compilePattern(_ pattern: String, at mark: Mark) -> CompiledPattern? {
        if let compiled = patterns[pattern] { return compiled }
        do {
            let compiled = try CompiledPattern(pattern)
            patterns[pattern] = compiled
            return compiled
        } catch let error as PatternError {
            problems.report(.invalidRegex(pattern, reason: error.message), at: mark)
            return nil
        } catch {
            problems.report(.invalidRegex(pattern, reason: "the pattern does not compile"), at: mark)
            return nil
        }
    }
}
