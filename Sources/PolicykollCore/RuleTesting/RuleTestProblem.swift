/// Why a rule's examples do not prove the rule. One case per problem; one place for the text.
public enum RuleTestProblem: Sendable, Equatable {
    /// The rule has no passing example.
    case missingPassExample
    /// The rule has no failing example.
    case missingFailExample
    /// A passing example gave findings (their messages).
    case unexpectedFinding(index: Int, findings: [String])
    /// A failing example gave no finding: the rule held.
    case noFinding(index: Int)
    /// A failing example gave no finding because the rule did not apply to it.
    case notApplicable(index: Int)
    /// An example is not a valid declaration, even with the defaults filled in.
    case invalidExample(list: String, index: Int, message: String)

    /// The message shown to the user.
    public var message: String {
        switch self {
        case .missingPassExample:
            return "no passing example (examples.pass): a rule must show a declaration it accepts"
        case .missingFailExample:
            return "no failing example (examples.fail): a rule must show a declaration it rejects"
        case .unexpectedFinding(let index, let findings):
            let list = findings.map { "“\($0)”" }.joined(separator: "; ")
            return
                "examples.pass[\(index)]: expected no finding but got \(findings.count == 1 ? "one" : "\(findings.count)"): \(list)"
        case .noFinding(let index):
            return "examples.fail[\(index)]: expected a finding but got none (the rule held)"
        case .notApplicable(let index):
            return "examples.fail[\(index)]: expected a finding but the rule was not applicable (appliesTo or when did not match)"
        case .invalidExample(let list, let index, let message):
            return "examples.\(list)[\(index)]: not a valid declaration: \(message)"
        }
    }
}
