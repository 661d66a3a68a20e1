/// Outcome counts of a group (the inventory, an area, a principle, an organisation, a system),
/// and its compliance.
public struct AuditTally: Sendable, Hashable {
    /// Outcomes that passed.
    public var pass = 0
    /// Outcomes that failed with an open finding.
    public var fail = 0
    /// Failing outcomes covered by active exceptions.
    public var excepted = 0
    /// Outcomes where the rule does not apply.
    public var notApplicable = 0

    /// Creates a tally.
    public init(pass: Int = 0, fail: Int = 0, excepted: Int = 0, notApplicable: Int = 0) {
        self.pass = pass
        self.fail = fail
        self.excepted = excepted
        self.notApplicable = notApplicable
    }

    /// Counts one outcome (or `count` of them).
    public mutating func add(_ outcome: AuditOutcome, count: Int = 1) {
        switch outcome {
        case .pass: pass += count
        case .fail: fail += count
        case .excepted: excepted += count
        case .notApplicable: notApplicable += count
        }
    }

    /// Adds another tally's counts.
    public mutating func add(_ other: AuditTally) {
        pass += other.pass
        fail += other.fail
        excepted += other.excepted
        notApplicable += other.notApplicable
    }

    /// Outcomes where a rule applied: passed, failed or excepted.
    public var applicable: Int { pass + fail + excepted }

    /// Compliance in percent, `pass / (pass + fail) × 100`, or `nil` when nothing passed or failed
    /// (a group with no applicable outcome is not "100 % compliant": there is nothing to judge).
    /// Excepted outcomes are in neither part: they are reported beside the percentage.
    public var percent: Double? {
        let judged = pass + fail
        guard judged > 0 else { return nil }
        return Double(pass) * 100 / Double(judged)
    }

    /// The percentage as reports show it: one decimal, rounded *down*, so that 100 means no
    /// failure at all and a single failure among thousands still shows as 99.9.
    public var displayPercent: Double? {
        percent.map(AuditTally.floorOneDecimal)
    }

    /// A percentage rounded down to one decimal.
    public static func floorOneDecimal(_ value: Double) -> Double {
        (value * 10 + 1e-9).rounded(.down) / 10
    }
}
