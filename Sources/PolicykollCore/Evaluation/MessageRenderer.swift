import PolicykollYAML

/// Words a finding: the rule's message template filled from the declaration, then what was
/// found at the failing path (missing, not a list, an unknown reference, or the value).
final class MessageRenderer {
    let language: Language
    /// The templates of the rules, by rule index, parsed up front.
    private let ruleTemplates: [MessageTemplate]

    /// Creates a renderer for the findings of `rules`.
    convenience init(language: Language, rules: [Rule]) {
        self.init(language: language, ruleTemplates: Self.templates(of: rules, language: language))
    }

    /// Creates a renderer over templates parsed beforehand (``templates(of:language:)``), so
    /// that each worker's renderer costs nothing to make.
    init(language: Language, ruleTemplates: [MessageTemplate]) {
        self.language = language
        self.ruleTemplates = ruleTemplates
    }

    /// The message templates of rules, by rule index.
    static func templates(of rules: [Rule], language: Language) -> [MessageTemplate] {
        rules.map { MessageTemplate(($0.message ?? $0.title).text(language)) }
    }

    /// The message of a finding of the rule at an index of the rules given at creation.
    func message(forRuleAt index: Int, declaration: Declaration, evidence: Evidence) -> String {
        message(ruleTemplates[index], declaration: declaration, evidence: evidence)
    }

    /// Built as UTF-8 bytes and made a string once: a message is worded for every finding.
    private func message(_ template: MessageTemplate, declaration: Declaration, evidence: Evidence) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(192)
        template.fill(from: declaration.root, into: &bytes)
        if !evidence.path.isEmpty {
            bytes += " (".utf8
            appendDetail(evidence, declaration: declaration, to: &bytes)
            bytes.append(UInt8(ascii: ")"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func appendDetail(_ evidence: Evidence, declaration: Declaration, to bytes: inout [UInt8]) {
        bytes += evidence.path.utf8
        switch (evidence.observation, language) {
        case (.missing, .sv): bytes += " saknas".utf8
        case (.missing, .en): bytes += " is missing".utf8
        case (.notAList, .sv): bytes += " är ingen lista".utf8
        case (.notAList, .en): bytes += " is not a list".utf8
        // Most often the other declarations were not given: say how to give them.
        case (.unknownReference(let id, let kind), .sv):
            bytes += ": '\(id)' är inget deklarerat \(kind) (bland de kontrollerade eller i --inventory)".utf8
        case (.unknownReference(let id, let kind), .en):
            bytes += ": '\(id)' is not a declared \(kind) (among those checked or in --inventory)".utf8
        case (.notAnID(let kind), _):
            appendValue(evidence, declaration: declaration, to: &bytes)
            bytes += (language == .sv ? ", inget id för ett deklarerat \(kind)" : ", not the id of a declared \(kind)").utf8
        case (.failingReference(let id, let because), _):
            bytes += (language == .sv ? ": '\(id)' uppfyller inte villkoret" : ": '\(id)' does not satisfy the condition").utf8
            if let because, !because.path.isEmpty {
                switch (because.valueText, language) {
                case (nil, .sv): bytes += "; i '\(id)' saknas \(because.path)".utf8
                case (nil, .en): bytes += "; in '\(id)', \(because.path) is missing".utf8
                case (let value?, .sv): bytes += "; i '\(id)', \(because.path): \(value)".utf8
                case (let value?, .en): bytes += "; in '\(id)', \(because.path): \(value)".utf8
                }
            }
        case (.missingOperand(let path), _):
            appendValue(evidence, declaration: declaration, to: &bytes)
            bytes += (language == .sv ? ", jämfört med \(path) som saknas" : ", compared with \(path), which is missing").utf8
        case (.value, _):
            appendValue(evidence, declaration: declaration, to: &bytes)
        }
    }

    /// `: value`, the value found at the evidence's path.
    private func appendValue(_ evidence: Evidence, declaration: Declaration, to bytes: inout [UInt8]) {
        bytes += ": ".utf8
        if let text = evidence.valueText {
            bytes += text.utf8
        } else {
            let value = RulePath(parsing: evidence.path).flatMap { Self.lookup($0, in: declaration.root) }
            bytes += Self.shorten(ValueSemantics.displayFound(value)).utf8
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
