import PolicykollYAML

/// Words a finding: the rule's message template filled from the declaration, then what was
/// found at the failing path (missing, not a list, an unknown reference, or the value).
final class MessageRenderer {
    let language: Language
    /// Templates parsed once per run, by their text.
    private var templates: [String: MessageTemplate] = [:]
    /// The templates of a pack's rules, by rule index, parsed up front.
    private let ruleTemplates: [MessageTemplate]

    /// Creates a renderer; `rules` are those that ``message(forRuleAt:declaration:evidence:)``
    /// words by index.
    init(language: Language, rules: [Rule] = []) {
        self.language = language
        self.ruleTemplates = rules.map { MessageTemplate(($0.message ?? $0.title).text(language)) }
    }

    /// The finding's message.
    func message(for rule: Rule, declaration: Declaration, evidence: Evidence) -> String {
        let source = (rule.message ?? rule.title).text(language)
        let template: MessageTemplate
        if let parsed = templates[source] {
            template = parsed
        } else {
            template = MessageTemplate(source)
            templates[source] = template
        }
        return message(template, declaration: declaration, evidence: evidence)
    }

    /// The message of a finding of the rule at an index of the rules given at creation.
    func message(forRuleAt index: Int, declaration: Declaration, evidence: Evidence) -> String {
        message(ruleTemplates[index], declaration: declaration, evidence: evidence)
    }

    private func message(_ template: MessageTemplate, declaration: Declaration, evidence: Evidence) -> String {
        let text = template.fill(from: declaration.root)
        guard !evidence.path.isEmpty else { return text }
        return text + " (" + detail(evidence, declaration: declaration) + ")"
    }

    private func detail(_ evidence: Evidence, declaration: Declaration) -> String {
        let path = evidence.path
        switch (evidence.observation, language) {
        case (.missing, .sv): return "\(path) saknas"
        case (.missing, .en): return "\(path) is missing"
        case (.notAList, .sv): return "\(path) är ingen lista"
        case (.notAList, .en): return "\(path) is not a list"
        case (.unknownReference(let id, let kind), .sv): return "\(path): '\(id)' är inget deklarerat \(kind)"
        case (.unknownReference(let id, let kind), .en): return "\(path): '\(id)' is not a declared \(kind)"
        case (.failingReference(let id), .sv): return "\(path): '\(id)' uppfyller inte villkoret"
        case (.failingReference(let id), .en): return "\(path): '\(id)' does not satisfy the condition"
        case (.value, _):
            if let text = evidence.valueText { return "\(path): \(text)" }
            let value = RulePath(parsing: path).flatMap { Self.lookup($0, in: declaration.root) }
            return "\(path): \(Self.shorten(ValueSemantics.display(value)))"
        }
    }

    static func lookup(_ path: RulePath, in root: YAMLNode) -> YAMLNode? {
        var node = root
        for component in path.components {
            switch component {
            case .key(let key):
                guard let next = node[key] else { return nil }
                node = next
            case .index(let index):
                guard let items = node.items, index < items.count else { return nil }
                node = items[index]
            }
        }
        return node
    }

    static func shorten(_ text: String) -> String {
        // At most 120 bytes is at most 120 characters: no need to count them.
        guard text.utf8.count > 120, text.count > 120 else { return text }
        return String(text.prefix(117)) + "…"
    }
}
