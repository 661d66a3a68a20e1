public import PolicykollYAML

/// Compliance of one area of the policy.
public struct AreaCompliance: Sendable {
    /// The area's id.
    public var id: String
    /// The area's title.
    public var title: LocalizedText
    /// Its outcomes.
    public var tally: AuditTally
}

/// Compliance of one principle.
public struct PrincipleCompliance: Sendable {
    /// The principle's id.
    public var id: String
    /// The id of its area.
    public var area: String
    /// The principle's title.
    public var title: LocalizedText
    /// Its outcomes.
    public var tally: AuditTally
}

/// Compliance of one organisation (förvaltning or bolag), overall and per area.
public struct OrganisationCompliance: Sendable {
    /// The organisation's name, as the declarations write it.
    public var name: String
    /// How many systems it declares.
    public var systems: Int
    /// Its outcomes.
    public var tally: AuditTally
    /// Its outcomes per area, in the order of `AuditReport.areas`.
    public var areas: [AuditTally]
}

/// How one rule fared over the inventory.
public struct RuleCompliance: Sendable {
    /// The rule's index in the pack.
    public var ruleIndex: Int
    /// The rule's id.
    public var id: String
    /// Its outcomes: one per system.
    public var tally: AuditTally
}

/// One system (declaration) in the audit: its outcomes and findings.
public struct SystemAudit: Sendable {
    /// `metadata.id`.
    public var id: String
    /// `metadata.name`.
    public var name: String
    /// `metadata.organisation`.
    public var organisation: String
    /// The declaration's kind.
    public var kind: String
    /// The file it was read from.
    public var file: String
    /// Where the declaration starts.
    public var mark: Mark
    /// One outcome per rule, in the pack's rule order.
    public var outcomes: [AuditOutcome]
    /// Its outcomes counted.
    public var tally: AuditTally
    /// Its findings (open and excepted), in file, line, column, rule order.
    public var findings: [Finding]
    /// How many of its findings are open and of severity error.
    public var openErrors: Int
}

/// An integration whose `target` names no declared system.
public struct UnknownIntegrationTarget: Sendable, Hashable {
    /// The system that declares the integration.
    public var system: String
    /// The file of that system.
    public var file: String
    /// The mark of the `target` value.
    public var mark: Mark
    /// The integration's `name`, when it has one.
    public var integration: String?
    /// The target that is not declared.
    public var target: String
}

/// The SHA-256 of one input file, so an audit can be shown to be re-run on the same inputs.
public struct AuditInput: Sendable, Hashable {
    /// The file, as named on the command line or found in a folder.
    public var file: String
    /// Its SHA-256 in lowercase hex.
    public var sha256: String

    /// Creates an input record.
    public init(file: String, sha256: String) {
        self.file = file
        self.sha256 = sha256
    }

    /// Hashes a source file.
    public init(_ source: SourceFile) {
        self.init(file: source.name, sha256: Hashing.sha256Hex(source.bytes))
    }
}
