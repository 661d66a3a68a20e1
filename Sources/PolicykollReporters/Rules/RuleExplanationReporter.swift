import Foundation
public import PolicykollCore

/// `policykoll explain RULE-ID`: everything about one rule for a person deciding how to comply.
public struct RuleExplanationReporter: Sendable {
    /// The language of the texts.
    public var language: Language

    /// Creates the reporter.
    public init(language: Language) {
        self.language = language
    }

    /// The `Area:` line.
    private func area(_ id: String, in pack: RulePack) -> String {
        let title = pack.area(id)?.title.text(language)
        return "  \(Wording(language: language)("Område", "Area")): \(title.map { "\($0) (\(id))" } ?? id)\n"
    }

    /// A principle's `Sources:` line, and that its wording is derived, not quoted, when it is.
    private func sources(of principle: Principle) -> String {
        let say = Wording(language: language)
        var output = principle.source.map { "  \(say("Källor", "Sources")): \($0)\n" } ?? ""
        if principle.derived {
            output +=
                "  "
                + say(
                    "Principens formulering är härledd ur källorna ovan; den är inte ett citat ur policyn.",
                    "The principle's wording is derived from the sources above; it is not a quotation of the policy.")
                + "\n"
        }
        return output
    }

    /// A principle explained: its title and description, its sources, and the rules that check it.
    public func render(_ principle: Principle, in pack: RulePack) -> String {
        let say = Wording(language: language)
        var output = "\(principle.id): \(principle.title.text(language))\n\n"
        output += area(principle.area, in: pack) + sources(of: principle)
        if let description = principle.description {
            output += "\n" + indented(description.text(language))
        }
        let rules = pack.rules.filter { $0.principle == principle.id }
        output += "\n\(say("Regler", "Rules"))\n"
        if rules.isEmpty { output += "  " + say("(inga regler)", "(no rules)") + "\n" }
        let width = rules.map(\.id.count).max() ?? 0
        for rule in rules {
            let severity = say.severity(rule.severity).padding(toLength: 7, withPad: " ", startingAt: 0)
            output +=
                "  \(rule.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(severity)  \(rule.title.text(language))\n"
        }
        output +=
            "\n" + say("`policykoll explain REGEL` förklarar en regel.", "`policykoll explain RULE` explains a rule.") + "\n"
        return output
    }

    /// The rule explained: title, severity, area, principle (with its source), rationale, the
    /// condition, remediation, references and examples.
    public func render(_ rule: Rule, in pack: RulePack) -> String {
        let sv = language == .sv
        func label(_ svText: String, _ enText: String) -> String { sv ? svText : enText }
        var output = "\(rule.id): \(rule.title.text(language))\n\n"
        output += "  \(label("Allvarlighet", "Severity")): \(Wording(language: language).severity(rule.severity))\n"
        output += area(rule.area, in: pack)
        let principle = pack.principle(rule.principle)
        output += "  \(label("Princip", "Principle")): \(rule.principle)"
        output += principle.map { " – \($0.title.text(language))" } ?? ""
        output += "\n"
        if let principle { output += sources(of: principle) }
        output +=
            "  \(label("Gäller", "Applies to")): \(rule.appliesTo?.joined(separator: ", ") ?? label("alla typer", "all kinds"))\n"
        output += "  \(label("Definierad i", "Defined in")): \(rule.file):\(rule.mark)\n"

        if let rationale = rule.rationale {
            output += "\n\(label("Varför", "Why"))\n" + indented(rationale.text(language))
        }
        output += "\n\(label("Villkor", "Condition"))\n"
        if let when = rule.when {
            output += "  " + label("Tillämplig när:", "Applies when:") + "\n"
            output += when.describe(language).map { "    \($0)\n" }.joined()
        }
        output += "  " + label("Kräver (annars en avvikelse):", "Requires (otherwise a finding):") + "\n"
        output += rule.assertion.describe(language).map { "    \($0)\n" }.joined()
        if let remediation = rule.remediation {
            output += "\n\(label("Åtgärd", "Remediation"))\n" + indented(remediation.text(language))
        }
        if !rule.references.isEmpty {
            output += "\n\(label("Referenser", "References"))\n"
            for reference in rule.references {
                output += "  - \(reference.title)" + (reference.url.map { " <\($0)>" } ?? "") + "\n"
            }
        }
        output += "\n\(label("Exempel", "Examples"))"
        if let asOf = rule.examples.asOf {
            output += " (\(label("utvärderade per", "evaluated as of")) \(asOf))"
        }
        output += "\n"
        for (name, list) in [(label("godkänt", "pass"), rule.examples.pass), (label("underkänt", "fail"), rule.examples.fail)] {
            for (index, example) in list.enumerated() {
                output += "  \(name) \(index + 1):\n"
                output += YAMLText.lines(example, indent: "    ").map { $0 + "\n" }.joined()
            }
        }
        if !rule.examples.inventory.isEmpty {
            // Numbered like the examples, so that two declarations do not read as one mapping.
            let name = label("inventarium som ref slår upp", "inventory that ref resolves against")
            for (index, example) in rule.examples.inventory.enumerated() {
                output += "  \(name) \(index + 1):\n"
                output += YAMLText.lines(example, indent: "    ").map { $0 + "\n" }.joined()
            }
        }
        return output
    }

    private func indented(_ text: String) -> String {
        wrap(text, width: 96).map { "  \($0)\n" }.joined()
    }

    private func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
