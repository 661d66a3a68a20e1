public import PolicykollYAML

/// Whether a finding counts against the gate.
public enum FindingStatus: String, Sendable, Hashable {
    /// It fails the gate when its severity is at or above `--fail-on`.
    case open
    /// A matching, unexpired exception covers it: reported, never failing the gate.
    case excepted
    /// An earlier report (the baseline) already had it: reported, never failing the gate.
    case baseline
}

/// One failed (or excepted) rule on one declaration, located and worded for a person.
public struct Finding: Sendable, Hashable {
    /// The rule's id.
    public var ruleID: String
    /// The rule's severity.
    public var severity: Severity
    /// Open, excepted or baseline.
    public var status: FindingStatus
    /// The declaration's `metadata.id`.
    public var declarationID: String
    /// The declaration's kind.
    public var kind: String
    /// The file, as the user named it.
    public var file: String
    /// The failing value, or the key of its nearest existing ancestor.
    public var mark: Mark
    /// The path the failing test looked at, with indexes inside `each`.
    public var path: String
    /// What was found there.
    public var observation: Observation
    /// The rule's area id.
    public var area: String
    /// The rule's principle id.
    public var principle: String
    /// The message, in the report's language.
    public var message: String
    /// Stable identity across edits and moves: SHA-256 of rule id, declaration id and path.
    public var fingerprint: String
    /// The exception that covers it, when its status is `excepted`.
    public var exception: PolicyException?

    /// The fingerprint of a (rule, declaration, path) triple.
    public static func fingerprint(ruleID: String, declarationID: String, path: String) -> String {
        Hashing.sha256Hex("\(ruleID)\u{0}\(declarationID)\u{0}\(path)")
    }

    /// The report order: file, line, column, rule id (then path, for a stable total order).
    public static func ordered(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.mark != rhs.mark { return lhs.mark < rhs.mark }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.path < rhs.path
    }
}
