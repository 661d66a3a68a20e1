public import PolicykollYAML

/// Runs the rules' own examples (design §7): each passing example must give no finding for its
/// rule, each failing example at least one.
///
/// An example is a declaration whose envelope may be left out: `apiVersion` defaults to
/// `policykoll/v1`, `kind` to the first kind in the rule's `appliesTo` (else `System`), and the
/// missing parts of `metadata` to id `example`, name `Example` and organisation `Example`. The
/// same defaults apply to `examples.inventory`, which `ref` in the examples resolves against.
public enum RuleExampleRunner {
    /// The id an example declaration gets when it does not give one.
    public static let exampleID = "example"

    /// Runs every rule's examples.
    ///
    /// - Parameters:
    ///   - pack: A validated rule pack.
    ///   - override: When given, the date every rule's examples are evaluated at, whatever their
    ///     `examples.asOf` says.
    ///   - today: The date for rules without `examples.asOf` when there is no override.
    /// - Returns: One result per rule, in pack order.
    public static func run(_ pack: RulePack, asOf override: CivilDate? = nil, today: CivilDate) -> [RuleTestResult] {
        let validator = DeclarationValidator(extraKinds: pack.kindsNamed)
        return pack.rules.map { rule in
            run(rule, asOf: override ?? rule.examples.asOf ?? today, validator: validator)
        }
    }

    /// Runs one rule's examples at a date.
    public static func run(_ rule: Rule, asOf: CivilDate, validator: DeclarationValidator) -> RuleTestResult {
        let examples = rule.examples
        var misbehaviours: [(problem: RuleTestProblem, mark: Mark)] = []
        func report(_ problem: RuleTestProblem, at mark: Mark) { misbehaviours.append((problem, mark)) }
        if examples.pass.isEmpty { report(.missingPassExample, at: rule.mark) }
        if examples.fail.isEmpty { report(.missingFailExample, at: rule.mark) }

        var inventory: [Declaration] = []
        var inventoryIDs: [String: Int] = [:]
        for (offset, node) in examples.inventory.enumerated() {
            switch declaration(from: node, for: rule, validator: validator) {
            case .success(let declaration):
                // Two inventory examples with one id: `ref` would silently use the first.
                if let first = inventoryIDs[declaration.id] {
                    let message = "duplicate metadata.id '\(declaration.id)'; examples.inventory[\(first)] has it too"
                    report(.invalidExample(list: "inventory", index: offset, message: message), at: node.mark)
                    continue
                }
                inventoryIDs[declaration.id] = offset
                inventory.append(declaration)
            case .failure(let error):
                report(.invalidExample(list: "inventory", index: offset, message: error.message), at: node.mark)
            }
        }
        // As in a check, `ref` resolves against the declaration itself and the inventory (the
        // declaration first: the checked one wins over an inventory one with its id).
        func evaluate(_ declaration: Declaration) -> OutcomeResult {
            Evaluator(rules: [rule], index: DeclarationIndex([declaration] + inventory), asOf: asOf)
                .evaluate(rule, on: declaration)
        }
        let renderer = MessageRenderer(language: .en, rules: [rule])

        for (offset, node) in examples.pass.enumerated() {
            switch declaration(from: node, for: rule, validator: validator) {
            case .failure(let error):
                report(.invalidExample(list: "pass", index: offset, message: error.message), at: node.mark)
            case .success(let declaration):
                if case .fail(let evidence) = evaluate(declaration) {
                    let messages = evidence.map { renderer.message(forRuleAt: 0, declaration: declaration, evidence: $0) }
                    report(.unexpectedFinding(index: offset, findings: messages), at: node.mark)
                }
            }
        }
        for (offset, node) in examples.fail.enumerated() {
            switch declaration(from: node, for: rule, validator: validator) {
            case .failure(let error):
                report(.invalidExample(list: "fail", index: offset, message: error.message), at: node.mark)
            case .success(let declaration):
                switch evaluate(declaration) {
                case .fail: break
                case .pass: report(.noFinding(index: offset), at: node.mark)
                case .notApplicable: report(.notApplicable(index: offset), at: node.mark)
                }
            }
        }
        return RuleTestResult(
            ruleID: rule.id, file: rule.file, mark: rule.mark, asOf: asOf, passCount: examples.pass.count,
            failCount: examples.fail.count, misbehaviours: misbehaviours)
    }

    /// An example with the envelope's defaults filled in, validated as a declaration.
    ///
    /// - Returns: The declaration, or the validation messages joined.
    public static func declaration(
        from example: YAMLNode, for rule: Rule, validator: DeclarationValidator
    ) -> Result<Declaration, ExampleError> {
        let root = withDefaults(example, kind: rule.appliesTo?.first ?? "System")
        let (declaration, problems) = validator.validate(YAMLDocument(root: root, mark: example.mark), file: rule.file)
        if let declaration { return .success(declaration) }
        return .failure(ExampleError(message: problems.map(\.message).joined(separator: "; ")))
    }

    /// Why an example could not be made a declaration.
    public struct ExampleError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The validation messages.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    /// The example mapping with `apiVersion`, `kind`, `metadata` (merged) and `spec` defaulted.
    static func withDefaults(_ example: YAMLNode, kind: String) -> YAMLNode {
        let mark = example.mark
        func scalar(_ text: String) -> YAMLNode { YAMLNode(.string(text), mark: mark) }
        var entries = example.entries ?? []
        func setDefault(_ key: String, _ value: YAMLNode, at position: Int) {
            guard !entries.contains(where: { $0.key == key }) else { return }
            entries.insert(YAMLEntry(key: key, keyMark: mark, value: value), at: min(position, entries.count))
        }
        setDefault("apiVersion", scalar(DeclarationValidator.apiVersion), at: 0)
        setDefault("kind", scalar(kind), at: 1)
        let metadataDefaults = [("id", exampleID), ("name", "Example"), ("organisation", "Example")]
        if let position = entries.firstIndex(where: { $0.key == "metadata" }) {
            // Merge: a partial metadata keeps what it gives and gets the rest.
            if var metadata = entries[position].value.entries {
                for (key, value) in metadataDefaults where !metadata.contains(where: { $0.key == key }) {
                    metadata.append(YAMLEntry(key: key, keyMark: mark, value: scalar(value)))
                }
                entries[position].value = YAMLNode(.mapping(metadata), mark: entries[position].value.mark)
            }
        } else {
            let metadata = metadataDefaults.map { YAMLEntry(key: $0.0, keyMark: mark, value: scalar($0.1)) }
            setDefault("metadata", YAMLNode(.mapping(metadata), mark: mark), at: 2)
        }
        setDefault("spec", YAMLNode(.mapping([]), mark: mark), at: entries.count)
        return YAMLNode(.mapping(entries), mark: mark)
    }
}
