import PolicykollYAML

/// Collects located rule-pack problems for one file.
struct ProblemCollector {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ problem: RulePackProblem, at mark: Mark) {
        diagnostics.append(.error(problem.message, file: file, at: mark))
    }

    /// Reports every key of a mapping that is not allowed, with a "did you mean" hint.
    mutating func checkKeys(of node: YAMLNode, allowed: [String], context: String) {
        for entry in node.entries ?? [] where !allowed.contains(entry.key) {
            let suggestion = Suggestion.closest(to: entry.key, among: allowed)
            report(.unknownKey(entry.key, in: context, suggestion: suggestion), at: entry.keyMark)
        }
    }

    /// A required string (numbers are accepted as their text, for versions like `1`).
    mutating func requiredString(_ key: String, in node: YAMLNode, context: String, acceptNumbers: Bool = false) -> (
        String, Mark
    )? {
        guard let entry = node.entry(key), !entry.value.isNull else {
            report(.missingKey(key, in: context), at: node.mark)
            return nil
        }
        return string(entry.value, key: key, acceptNumbers: acceptNumbers).map { ($0, entry.value.mark) }
    }

    /// An optional string.
    mutating func optionalString(_ key: String, in node: YAMLNode) -> String? {
        guard let value = node[key], !value.isNull else { return nil }
        return string(value, key: key, acceptNumbers: false)
    }

    mutating func string(_ node: YAMLNode, key: String, acceptNumbers: Bool) -> String? {
        switch node.value {
        case .string(let text):
            guard !text.isEmpty else {
                report(.emptyText(key), at: node.mark)
                return nil
            }
            return text
        case .int(let int) where acceptNumbers: return String(int)
        case .float(let double) where acceptNumbers: return String(double)
        default:
            report(.wrongType(key: key, expected: "a string", found: node.typeName), at: node.mark)
            return nil
        }
    }

    /// A text: a string, or a mapping with both `sv` and `en`.
    mutating func text(_ node: YAMLNode, key: String) -> LocalizedText? {
        if let text = node.string {
            guard !text.isEmpty else {
                report(.emptyText(key), at: node.mark)
                return nil
            }
            return LocalizedText(text)
        }
        guard node.entries != nil else {
            report(.wrongType(key: key, expected: "a string or {sv, en}", found: node.typeName), at: node.mark)
            return nil
        }
        checkKeys(of: node, allowed: ["sv", "en"], context: "'\(key)'")
        let sv = requiredString("sv", in: node, context: "'\(key)'")
        let en = requiredString("en", in: node, context: "'\(key)'")
        guard let sv, let en else { return nil }
        return LocalizedText(sv: sv.0, en: en.0)
    }

    /// An optional text.
    mutating func optionalText(_ key: String, in node: YAMLNode) -> LocalizedText? {
        guard let value = node[key], !value.isNull else { return nil }
        return text(value, key: key)
    }

    /// A required text.
    mutating func requiredText(_ key: String, in node: YAMLNode, context: String) -> LocalizedText? {
        guard let value = node[key], !value.isNull else {
            report(.missingKey(key, in: context), at: node.mark)
            return nil
        }
        return text(value, key: key)
    }

    /// Reports a value that is not what `key` expects: a string is quoted, anything else named by
    /// its type.
    mutating func reportUnexpected(_ node: YAMLNode, key: String, expected: String) {
        let problem: RulePackProblem =
            node.string.map { .invalidValue(key: key, expected: expected, found: $0) }
            ?? .wrongType(key: key, expected: expected, found: node.typeName)
        report(problem, at: node.mark)
    }

    /// Reports a kind that is not built in but so close to one that it is surely a misspelling
    /// (`Sytsem`, `system`): a rule naming it would silently apply to nothing.
    mutating func checkKind(_ kind: String, at mark: Mark) {
        guard !DeclarationValidator.builtInKinds.contains(kind),
            let suggestion = Suggestion.closest(to: kind, among: DeclarationValidator.builtInKinds)
        else { return }
        report(.misspeltKind(kind, suggestion: suggestion), at: mark)
    }
}
