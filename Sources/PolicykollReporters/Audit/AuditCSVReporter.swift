public import PolicykollCore
import PolicykollYAML

/// One row per (system, rule) outcome, for a spreadsheet: organisation, system id, system name,
/// rule id, area, principle, severity, outcome, file, line, message. A failing outcome is
/// located at its first open finding and lists every open finding's message; an excepted one,
/// its excepted findings; passing and not-applicable outcomes name the system's file only.
/// Written for a Swedish Excel (see ``CSVText``).
public struct AuditCSVReporter: AuditReporter {
    /// Creates a reporter.
    public init() {}

    public func render(_ audit: AuditReport) -> String {
        let sv = audit.language == .sv
        let say = Wording(language: audit.language)
        var text = CSVText.byteOrderMark
        text += CSVText.record(
            sv
                ? [
                    "organisation", "system-id", "systemnamn", "regel-id", "område", "princip", "allvarlighet", "utfall", "fil",
                    "rad", "meddelande",
                ]
                : [
                    "organisation", "system id", "system name", "rule id", "area", "principle", "severity", "outcome", "file",
                    "line", "message",
                ])
        let rules = audit.pack.rules
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for system in audit.systems {
            var findingsByRule: [Int: [Finding]] = [:]
            for finding in system.findings {
                if let index = ruleIndex[finding.ruleID] { findingsByRule[index, default: []].append(finding) }
            }
            for (index, outcome) in system.outcomes.enumerated() {
                let rule = rules[index]
                let prefix = [
                    system.organisation, system.id, system.name, rule.id, rule.area, rule.principle, say.severity(rule.severity),
                    Self.outcome(outcome, sv: sv),
                ]
                var findings = findingsByRule[index] ?? []
                // A failing outcome is about its open findings: an `each` excepted on some
                // elements still fails on the others, and the row points at those.
                if outcome == .fail, findings.contains(where: { $0.status == .open }) {
                    findings.removeAll { $0.status != .open }
                }
                guard let first = findings.first else {
                    text += CSVText.record(prefix + [system.file, "", ""])
                    continue
                }
                // One row per outcome: the first finding locates it; an `each` that fails on
                // several elements lists every message in the cell, one per line.
                let message = findings.map(\.message).joined(separator: "\n")
                text += CSVText.record(prefix + [first.file, String(first.mark.line), message])
            }
        }
        return text
    }

    static func outcome(_ outcome: AuditOutcome, sv: Bool) -> String {
        guard sv else { return outcome.rawValue }
        switch outcome {
        case .pass: return "uppfyllt"
        case .fail: return "ej uppfyllt"
        case .notApplicable: return "ej tillämpligt"
        case .excepted: return "undantag"
        }
    }
}
