/// The outcome of one rule on one system, as an audit counts it.
///
/// A failing rule whose findings are all covered by active exceptions is `excepted`; a baseline
/// does not apply to audits (an audit shows the whole inventory as it is).
public enum AuditOutcome: String, Sendable, CaseIterable, Hashable {
    /// The rule applies and holds.
    case pass
    /// The rule applies and does not hold (at least one finding is open).
    case fail
    /// The rule does not apply (its kind or `when` does not match).
    case notApplicable = "not-applicable"
    /// The rule does not hold, but every finding is covered by an active exception.
    case excepted
}
