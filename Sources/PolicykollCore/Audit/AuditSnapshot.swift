/// The compliance of a recorded audit, as a history holds it: enough to compare with a later
/// audit, without its findings.
public struct AuditSnapshot: Sendable {
    /// The label it was recorded under (`2026`).
    public var label: String
    /// Its as-of date.
    public var asOf: CivilDate
    /// The rule pack's name.
    public var policyName: String
    /// The rule pack's version.
    public var policyVersion: String
    /// The rule pack's SHA-256.
    public var policySHA256: String
    /// The tool version that recorded it.
    public var toolVersion: String
    /// When it was recorded (ISO 8601, UTC), when known.
    public var recordedAt: String?
    /// How many systems it covered.
    public var systems: Int
    /// How many input errors the audit had.
    public var inputErrors: Int
    /// Every outcome counted together.
    public var overall: AuditTally
    /// Per area: id, title and outcomes, in the pack's order.
    public var areas: [(id: String, title: LocalizedText, tally: AuditTally)]
    /// Per organisation, by name.
    public var organisations: [(name: String, tally: AuditTally)]

    /// Creates a snapshot.
    public init(
        label: String, asOf: CivilDate, policyName: String, policyVersion: String, policySHA256: String, toolVersion: String,
        recordedAt: String?, systems: Int, inputErrors: Int, overall: AuditTally,
        areas: [(id: String, title: LocalizedText, tally: AuditTally)], organisations: [(name: String, tally: AuditTally)]
    ) {
        self.label = label
        self.asOf = asOf
        self.policyName = policyName
        self.policyVersion = policyVersion
        self.policySHA256 = policySHA256
        self.toolVersion = toolVersion
        self.recordedAt = recordedAt
        self.systems = systems
        self.inputErrors = inputErrors
        self.overall = overall
        self.areas = areas
        self.organisations = organisations
    }

    /// The snapshot of an audit about to be recorded.
    public init(_ report: AuditReport, label: String, recordedAt: String? = nil) {
        self.init(
            label: label, asOf: report.asOf, policyName: report.pack.name, policyVersion: report.pack.version,
            policySHA256: report.pack.sha256, toolVersion: ToolInfo.version, recordedAt: recordedAt,
            systems: report.systems.count, inputErrors: report.errors.count, overall: report.overall,
            areas: report.areas.map { ($0.id, $0.title, $0.tally) },
            organisations: report.organisations.map { ($0.name, $0.tally) })
    }
}
