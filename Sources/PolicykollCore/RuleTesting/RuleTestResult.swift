public import PolicykollYAML

/// The result of running one rule's examples.
public struct RuleTestResult: Sendable {
    /// The rule's id.
    public var ruleID: String
    /// The file that defines the rule.
    public var file: String
    /// Where the rule's `id` is written.
    public var mark: Mark
    /// The date the examples were evaluated at.
    public var asOf: CivilDate
    /// How many passing examples the rule has.
    public var passCount: Int
    /// How many failing examples the rule has.
    public var failCount: Int
    /// What misbehaved, each with where: the example that misbehaved, or the rule's `id` when
    /// an example is missing. Empty when every example did what it should.
    public var misbehaviours: [(problem: RuleTestProblem, mark: Mark)]

    /// What misbehaved, without the places.
    public var problems: [RuleTestProblem] { misbehaviours.map(\.problem) }

    /// Whether every example behaved and both kinds were there.
    public var succeeded: Bool { misbehaviours.isEmpty }
}
