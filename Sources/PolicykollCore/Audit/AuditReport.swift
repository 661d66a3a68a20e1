/// The yearly compliance audit of an inventory: every (system, rule) outcome and its compliance
/// per area, principle, organisation and system, the rules failing most often, the exception
/// register and the inventory's own problems.
///
/// It is computed from a ``CheckReport`` (the audit never evaluates rules itself) and never
/// prints; reporters render it.
public struct AuditReport: Sendable {
    /// Exceptions that expire within this many days are listed as expiring soon.
    public static let expiryHorizonDays = 90
    /// How many rules and systems the "most" lists hold.
    public static let topCount = 10

    /// The rule pack used.
    public var pack: RulePack
    /// The as-of date.
    public var asOf: CivilDate
    /// The language of messages and titles.
    public var language: Language
    /// Every outcome counted together.
    public var overall: AuditTally
    /// Per area, in the pack's order.
    public var areas: [AreaCompliance]
    /// Per principle, in the pack's order.
    public var principles: [PrincipleCompliance]
    /// Per organisation, by name.
    public var organisations: [OrganisationCompliance]
    /// Per rule, in the pack's order.
    public var rules: [RuleCompliance]
    /// Every system, by organisation, then id.
    public var systems: [SystemAudit]
    /// The rules with the most failing systems (at most ``topCount``, only rules that fail).
    public var mostFailingRules: [RuleCompliance]
    /// Indexes into ``systems`` of those with the most open errors (at most ``topCount``, only
    /// systems that have one).
    public var mostOpenErrors: [Int]
    /// The exception register: every exception and what became of it, by expiry date.
    public var exceptions: [ExceptionUse]
    /// Integrations whose target is not a declared system.
    public var unknownIntegrationTargets: [UnknownIntegrationTarget]
    /// Input problems (unreadable files, invalid declarations, duplicate ids): what the audit
    /// could not read. They make the exit code 2.
    public var errors: [Diagnostic]
    /// Loader notes and exception warnings.
    public var warnings: [Diagnostic]
    /// Files in folders that hold no declarations.
    public var skippedFiles: [String]
    /// The SHA-256 of every input file, by file name.
    public var inputs: [AuditInput]
    /// The change since the previous recorded audit, when a history holds one.
    public var trend: AuditTrend?

    /// The warnings that are not about an exception (those are in the exception register):
    /// what the loader noted while reading the inventory, such as a file link that cannot be
    /// followed or an ambiguous boolean.
    public var inputWarnings: [Diagnostic] {
        let aboutExceptions = Set(exceptions.map { "\($0.exception.file)\u{0}\($0.exception.mark)" })
        return warnings.filter { warning in
            warning.mark.map { !aboutExceptions.contains("\(warning.file)\u{0}\($0)") } ?? true
        }
    }

    /// Whether an exception is still in force but expires within ``expiryHorizonDays``.
    public static func isExpiringSoon(_ use: ExceptionUse) -> Bool {
        use.state != .expired && use.daysLeft <= expiryHorizonDays
    }

    /// The SHA-256 of all inputs together (of their sorted `sha256  file` lines): one value that
    /// says whether two audits read the same inventory.
    public var inputsDigest: String {
        Hashing.sha256Hex(inputs.map { "\($0.sha256)  \($0.file)\n" }.joined())
    }

    /// The systems of an organisation.
    public func systems(of organisation: String) -> [SystemAudit] {
        systems.filter { $0.organisation == organisation }
    }
}
