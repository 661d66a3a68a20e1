/// The change in compliance between two audits, per area and organisation, in percentage points.
public struct AuditTrend: Sendable {
    /// One compared group.
    public struct Row: Sendable {
        /// The area id or organisation name.
        public var key: String
        /// The area's title (organisations: the name).
        public var title: LocalizedText
        /// Compliance in the earlier audit, or `nil` (absent or nothing applicable).
        public var previous: Double?
        /// Compliance now, or `nil`.
        public var current: Double?

        /// The change in percentage points between the two percentages as reports show them
        /// (one decimal, rounded down), so the change always matches the numbers beside it; `nil`
        /// when either side has no value.
        public var change: Double? {
            guard let previous, let current else { return nil }
            return AuditTally.floorOneDecimal(current) - AuditTally.floorOneDecimal(previous)
        }
    }

    /// The label of the earlier audit.
    public var previousLabel: String
    /// Its as-of date.
    public var previousAsOf: CivilDate
    /// The rule pack of the earlier audit (`name version`) when it is not this audit's (another
    /// name, version or content): the change then also reflects changed rules.
    public var previousPackWhenChanged: String?
    /// The whole inventory.
    public var overall: Row
    /// Per area, in the later audit's order (areas only the earlier audit had come last).
    public var areas: [Row]
    /// Per organisation, by name (including organisations only one of the two audits has).
    public var organisations: [Row]

    /// Compares a later audit with an earlier one.
    public init(from previous: AuditSnapshot, to current: AuditSnapshot) {
        previousLabel = previous.label
        previousAsOf = previous.asOf
        let samePack =
            previous.policyName == current.policyName && previous.policyVersion == current.policyVersion
            && previous.policySHA256 == current.policySHA256
        previousPackWhenChanged = samePack ? nil : "\(previous.policyName) \(previous.policyVersion)"
        overall = Row(
            key: "", title: LocalizedText(sv: "Hela inventeringen", en: "Whole inventory"), previous: previous.overall.percent,
            current: current.overall.percent)
        let earlierAreas = Dictionary(previous.areas.map { ($0.id, $0.tally) }, uniquingKeysWith: { first, _ in first })
        let laterAreaIDs = Set(current.areas.map(\.id))
        areas =
            current.areas.map {
                Row(key: $0.id, title: $0.title, previous: earlierAreas[$0.id]?.percent, current: $0.tally.percent)
            }
            + previous.areas.filter { !laterAreaIDs.contains($0.id) }.map {
                Row(key: $0.id, title: $0.title, previous: $0.tally.percent, current: nil)
            }
        let earlier = Dictionary(previous.organisations.map { ($0.name, $0.tally) }, uniquingKeysWith: { first, _ in first })
        let later = Dictionary(current.organisations.map { ($0.name, $0.tally) }, uniquingKeysWith: { first, _ in first })
        organisations = Set(earlier.keys).union(later.keys).sorted(by: OrganisationName.precedes).map { name in
            Row(key: name, title: LocalizedText(name), previous: earlier[name]?.percent, current: later[name]?.percent)
        }
    }
}
