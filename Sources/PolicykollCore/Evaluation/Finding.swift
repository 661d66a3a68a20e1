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
///
/// A value with copy-on-write storage: a report moves, sorts and concatenates hundreds of
/// thousands of findings, and each copy costs one reference count instead of one per string.
public struct Finding: Sendable, Hashable {
    private var storage: CopyOnWrite<Fields>

    /// Creates a finding.
    public init(
        ruleID: String, severity: Severity, status: FindingStatus, declarationID: String, kind: String, file: String,
        mark: Mark, path: String, observation: Observation, area: String, principle: String, message: String,
        fingerprint: String, exception: PolicyException? = nil
    ) {
        storage = CopyOnWrite(
            Fields(
                ruleID: ruleID, severity: severity, status: status, declarationID: declarationID, kind: kind, file: file,
                mark: mark, path: path, observation: observation, area: area, principle: principle, message: message,
                fingerprint: fingerprint, exception: exception))
    }

    /// The rule's id.
    public var ruleID: String {
        get { storage.value.ruleID }
        set { storage.value.ruleID = newValue }
    }
    /// The rule's severity.
    public var severity: Severity {
        get { storage.value.severity }
        set { storage.value.severity = newValue }
    }
    /// Open, excepted or baseline.
    public var status: FindingStatus {
        get { storage.value.status }
        set { storage.value.status = newValue }
    }
    /// The declaration's `metadata.id`.
    public var declarationID: String {
        get { storage.value.declarationID }
        set { storage.value.declarationID = newValue }
    }
    /// The declaration's kind.
    public var kind: String {
        get { storage.value.kind }
        set { storage.value.kind = newValue }
    }
    /// The file, as the user named it.
    public var file: String {
        get { storage.value.file }
        set { storage.value.file = newValue }
    }
    /// The failing value, or the key of its nearest existing ancestor.
    public var mark: Mark {
        get { storage.value.mark }
        set { storage.value.mark = newValue }
    }
    /// The path the failing test looked at, with indexes inside `each`.
    public var path: String {
        get { storage.value.path }
        set { storage.value.path = newValue }
    }
    /// What was found there.
    public var observation: Observation {
        get { storage.value.observation }
        set { storage.value.observation = newValue }
    }
    /// The rule's area id.
    public var area: String {
        get { storage.value.area }
        set { storage.value.area = newValue }
    }
    /// The rule's principle id.
    public var principle: String {
        get { storage.value.principle }
        set { storage.value.principle = newValue }
    }
    /// The message, in the report's language.
    public var message: String {
        get { storage.value.message }
        set { storage.value.message = newValue }
    }
    /// Stable identity across edits and moves: SHA-256 of rule id, declaration id and path.
    public var fingerprint: String {
        get { storage.value.fingerprint }
        set { storage.value.fingerprint = newValue }
    }
    /// The exception that covers it, when its status is `excepted`.
    public var exception: PolicyException? {
        get { storage.value.exception }
        set { storage.value.exception = newValue }
    }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.storage.isSameBox(as: rhs.storage) || lhs.storage.value == rhs.storage.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.value)
    }

    /// The fields, compared and hashed member by member.
    private struct Fields: Sendable, Hashable {
        var ruleID: String
        var severity: Severity
        var status: FindingStatus
        var declarationID: String
        var kind: String
        var file: String
        var mark: Mark
        var path: String
        var observation: Observation
        var area: String
        var principle: String
        var message: String
        var fingerprint: String
        var exception: PolicyException?
    }

    /// The fingerprint of a (rule, declaration, path) triple.
    public static func fingerprint(ruleID: String, declarationID: String, path: String) -> String {
        Hashing.sha256Hex(joiningWithNUL: ruleID, declarationID, path)
    }

    /// The report order: file, line, column, rule id (then path, for a stable total order).
    public static func ordered(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.mark != rhs.mark { return lhs.mark < rhs.mark }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.path < rhs.path
    }

    /// Findings in report order (``ordered(_:_:)``), stable. Already ordered findings are
    /// returned as they are; otherwise positions are sorted and the findings swapped into place,
    /// since a finding is costly to copy.
    ///
    /// - Complexity: O(*n*) when already in order, else O(*n* log *n*) comparisons.
    public static func sortedInReportOrder(_ findings: consuming [Finding]) -> [Finding] {
        var inOrder = true
        for position in findings.indices.dropFirst() where ordered(findings[position], findings[position - 1]) {
            inOrder = false
            break
        }
        if inOrder { return findings }
        var order = findings.indices.sorted {
            ordered(findings[$0], findings[$1]) || (!ordered(findings[$1], findings[$0]) && $0 < $1)
        }
        // Follow each cycle of the permutation: position j receives the finding at order[j].
        findings.withUnsafeMutableBufferPointer { buffer in
            for start in order.indices where order[start] != start {
                var position = start
                while true {
                    let source = order[position]
                    order[position] = position
                    if source == start { break }
                    buffer.swapAt(position, source)
                    position = source
                }
            }
        }
        return findings
    }
}
