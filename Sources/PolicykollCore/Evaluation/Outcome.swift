/// The result of one rule on one declaration.
public enum OutcomeResult: Sendable {
    /// The rule applies and holds.
    case pass
    /// The kind or the `when` condition does not match.
    case notApplicable
    /// The rule applies and does not hold, with the places that failed (one per failing element
    /// of an `each`; otherwise one).
    case fail([Evidence])
}

/// The outcome of one (rule, declaration) pair, kept as data: audits need the passes too.
public struct Outcome: Sendable {
    /// The index of the rule in the pack.
    public var ruleIndex: Int
    /// The result.
    public var result: OutcomeResult

    /// Creates an outcome.
    public init(ruleIndex: Int, result: OutcomeResult) {
        self.ruleIndex = ruleIndex
        self.result = result
    }
}
