import Foundation
public import PolicykollCore

/// `policykoll rules` as text: the rules grouped by area and principle, one line per rule.
public struct RuleCatalogueTextReporter: Sendable {
    /// The language of titles.
    public var language: Language

    /// Creates the reporter.
    public init(language: Language) {
        self.language = language
    }

    /// The catalogue as text.
    public func render(_ pack: RulePack) -> String {
        let sv = language == .sv
        var output = "\(pack.title?.text(language) ?? pack.name) (\(pack.name) \(pack.version))\n"
        // As in `explain` and the Markdown catalogue: our wording is never taken for the policy's.
        if pack.areas.contains(where: { $0.principles.contains(where: \.derived) }) {
            output +=
                sv
                ? "Principernas formuleringar är härledda ur källorna, inte citat ur policyn (policykoll explain visar källorna).\n"
                : "The principles' wording is derived from the sources, not quoted from the policy (policykoll explain shows the sources).\n"
        }
        let idWidth = pack.rules.map(\.id.count).max() ?? 0
        for area in pack.areas {
            output += "\n\(area.title.text(language)) [\(area.id)]\n"
            for principle in area.principles {
                output += "  \(principle.id)  \(principle.title.text(language))\n"
                let rules = pack.rules.filter { $0.principle == principle.id }
                if rules.isEmpty { output += "      " + (sv ? "(inga regler)" : "(no rules)") + "\n" }
                for rule in rules {
                    let id = rule.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
                    let severity = Wording(language: language).severity(rule.severity).padding(
                        toLength: 7, withPad: " ", startingAt: 0)
                    output += "      \(id)  \(severity)  \(rule.title.text(language))\n"
                }
            }
        }
        let principles = pack.areas.map(\.principles.count).reduce(0, +)
        output +=
            sv
            ? "\n\(counted(pack.rules.count, "regel", "regler")), \(counted(principles, "princip", "principer")), "
                + "\(counted(pack.areas.count, "område", "områden"))\n"
            : "\n\(counted(pack.rules.count, "rule", "rules")), \(counted(principles, "principle", "principles")), "
                + "\(counted(pack.areas.count, "area", "areas"))\n"
        return output
    }
}
