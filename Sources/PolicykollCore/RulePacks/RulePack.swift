public import PolicykollYAML

/// How serious a finding is. Ordered: `info` < `warning` < `error`.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A principle of the policy, as the pack formulates it.
public struct Principle: Sendable {
    /// Its id, such as `ARK-1`.
    public var id: String
    /// Its short formulation.
    public var title: LocalizedText
    /// A longer explanation, if given.
    public var description: LocalizedText?
    /// The sources the formulation rests on.
    public var source: String?
    /// Whether the formulation is derived from sources (not the policy's official wording).
    public var derived: Bool
    /// The area it belongs to.
    public var area: String
}

/// An area of the policy with its principles.
public struct Area: Sendable {
    /// Its id, such as `arkitektur-och-informationssakerhet`.
    public var id: String
    /// Its title.
    public var title: LocalizedText
    /// Its principles, in the pack's order.
    public var principles: [Principle]
}

/// A reference to a law, regulation or framework.
public struct Reference: Sendable, Equatable {
    /// What it is.
    public var title: String
    /// Where to read it.
    public var url: String?
}

/// A rule's own examples: declarations that must pass and that must fail it.
public struct RuleExamples: Sendable {
    /// Declarations (possibly without envelope) that must give no finding.
    public var pass: [YAMLNode]
    /// Declarations that must give at least one finding.
    public var fail: [YAMLNode]
    /// The date the examples are evaluated at (`examples.asOf`), so date rules stay stable;
    /// `nil` means the run's date (today, or `policykoll test --as-of`).
    public var asOf: CivilDate?
    /// Declarations that `ref` in the examples resolves against (`examples.inventory`); each has
    /// at least `metadata.id`.
    public var inventory: [YAMLNode]

    /// Creates examples.
    public init(pass: [YAMLNode] = [], fail: [YAMLNode] = [], asOf: CivilDate? = nil, inventory: [YAMLNode] = []) {
        self.pass = pass
        self.fail = fail
        self.asOf = asOf
        self.inventory = inventory
    }
}

/// One compiled rule of a pack.
public struct Rule: Sendable {
    /// Unique id, such as `GBG-ARK-001`.
    public var id: String
    /// What the rule requires, in short.
    public var title: LocalizedText
    /// How serious a failure is.
    public var severity: Severity
    /// The area id.
    public var area: String
    /// The principle id.
    public var principle: String
    /// The declaration kinds it applies to; `nil` means all.
    public var appliesTo: [String]?
    /// The precondition: the rule is not applicable unless it holds.
    public var when: Condition?
    /// The requirement: a finding when it does not hold.
    public var assertion: Condition
    /// The message template (`{{path}}` reads the declaration); the title when absent.
    public var message: LocalizedText?
    /// How to fix a failure.
    public var remediation: LocalizedText?
    /// Why the rule exists.
    public var rationale: LocalizedText?
    /// Laws, regulations and frameworks behind it.
    public var references: [Reference]
    /// Its passing and failing examples.
    public var examples: RuleExamples
    /// The file that defines it.
    public var file: String
    /// Where its `id` is written.
    public var mark: Mark
}

/// A loaded and validated rule pack (or several packs given together).
public struct RulePack: Sendable {
    /// `metadata.name` (joined with `+` for several packs).
    public var name: String
    /// `metadata.version` (joined with `+` for several packs).
    public var version: String
    /// The pack's title.
    public var title: LocalizedText?
    /// SHA-256 over the pack's files, in path order: which exact rules produced a report.
    public var sha256: String
    /// The area and principle catalogue.
    public var areas: [Area]
    /// The rules, in file order.
    public var rules: [Rule]
    /// Whether this stands for a pack that failed validation: its name, hash and catalogue as
    /// far as they could be read, and no rules (``RulePackLoader/Result/withoutRules``). A check
    /// with it validates declarations and reports the pack's errors, but evaluates nothing and
    /// applies no exception or baseline.
    public var isInvalid = false

    /// This pack as an invalid one stands: no rules, marked invalid, and named even when no
    /// `RulePack` document could be read.
    public func withoutRules() -> RulePack {
        var invalid = self
        invalid.rules = []
        invalid.isInvalid = true
        if invalid.name.isEmpty { invalid.name = "(invalid rule pack)" }
        return invalid
    }

    /// The area with an id.
    public func area(_ id: String) -> Area? { areas.first { $0.id == id } }

    /// The principle with an id.
    public func principle(_ id: String) -> Principle? {
        for area in areas {
            if let principle = area.principles.first(where: { $0.id == id }) { return principle }
        }
        return nil
    }

    /// The rule with an id.
    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    /// Every declaration kind a rule names in `appliesTo` or `ref`.
    public var kindsNamed: Set<String> {
        var kinds: Set<String> = []
        for rule in rules {
            kinds.formUnion(rule.appliesTo ?? [])
            for condition in [rule.when, rule.assertion].compactMap({ $0 }) {
                condition.collectRefKinds(into: &kinds)
            }
        }
        return kinds
    }
}

extension Condition {
    func collectRefKinds(into kinds: inout Set<String>) {
        switch self {
        case .all(let conditions), .any(let conditions):
            for condition in conditions { condition.collectRefKinds(into: &kinds) }
        case .not(let condition), .quantified(_, _, let condition):
            condition.collectRefKinds(into: &kinds)
        case .ref(_, let kind, let assertion):
            kinds.insert(kind)
            assertion?.collectRefKinds(into: &kinds)
        case .test:
            break
        }
    }
}
