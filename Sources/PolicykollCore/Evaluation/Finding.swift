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
    private var record: Record

    /// Creates a finding.
    public init(
        ruleID: String, severity: Severity, status: FindingStatus, declarationID: String, kind: String, file: String,
        mark: Mark, path: String, observation: Observation, area: String, principle: String, message: String,
        fingerprint: String, exception: PolicyException? = nil
    ) {
        record = Record(
            ruleID: ruleID, severity: severity, status: status, declarationID: declarationID, kind: kind, file: file,
            mark: mark, path: path, observation: observation, area: area, principle: principle, message: message,
            fingerprint: fingerprint, exception: exception)
    }

    /// The rule's id.
    public var ruleID: String {
        get { record.ruleID }
        set { uniqueRecord().ruleID = newValue }
    }
    /// The rule's severity.
    public var severity: Severity {
        get { record.severity }
        set { uniqueRecord().severity = newValue }
    }
    /// Open, excepted or baseline.
    public var status: FindingStatus {
        get { record.status }
        set { uniqueRecord().status = newValue }
    }
    /// The declaration's `metadata.id`.
    public var declarationID: String {
        get { record.declarationID }
        set { uniqueRecord().declarationID = newValue }
    }
    /// The declaration's kind.
    public var kind: String {
        get { record.kind }
        set { uniqueRecord().kind = newValue }
    }
    /// The file, as the user named it.
    public var file: String {
        get { record.file }
        set { uniqueRecord().file = newValue }
    }
    /// The failing value, or the key of its nearest existing ancestor.
    public var mark: Mark {
        get { record.mark }
        set { uniqueRecord().mark = newValue }
    }
    /// The path the failing test looked at, with indexes inside `each`.
    public var path: String {
        get { record.path }
        set { uniqueRecord().path = newValue }
    }
    /// What was found there.
    public var observation: Observation {
        get { record.observation }
        set { uniqueRecord().observation = newValue }
    }
    /// The rule's area id.
    public var area: String {
        get { record.area }
        set { uniqueRecord().area = newValue }
    }
    /// The rule's principle id.
    public var principle: String {
        get { record.principle }
        set { uniqueRecord().principle = newValue }
    }
    /// The message, in the report's language.
    public var message: String {
        get { record.message }
        set { uniqueRecord().message = newValue }
    }
    /// Stable identity across edits and moves: SHA-256 of rule id, declaration id and path.
    public var fingerprint: String {
        get { record.fingerprint }
        set { uniqueRecord().fingerprint = newValue }
    }
    /// The exception that covers it, when its status is `excepted`.
    public var exception: PolicyException? {
        get { record.exception }
        set { uniqueRecord().exception = newValue }
    }

    /// The storage, copied first if it is shared (copy on write).
    private mutating func uniqueRecord() -> Record {
        if !isKnownUniquelyReferenced(&record) { record = record.copy() }
        return record
    }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.record === rhs.record || lhs.record.fields == rhs.record.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(record.fields)
    }

    /// The fields of a finding. Mutated only through a uniquely referenced ``Finding``, so it is
    /// never written while shared between threads.
    private final class Record: @unchecked Sendable {
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

        init(
            ruleID: String, severity: Severity, status: FindingStatus, declarationID: String, kind: String, file: String,
            mark: Mark, path: String, observation: Observation, area: String, principle: String, message: String,
            fingerprint: String, exception: PolicyException?
        ) {
            self.ruleID = ruleID
            self.severity = severity
            self.status = status
            self.declarationID = declarationID
            self.kind = kind
            self.file = file
            self.mark = mark
            self.path = path
            self.observation = observation
            self.area = area
            self.principle = principle
            self.message = message
            self.fingerprint = fingerprint
            self.exception = exception
        }

        func copy() -> Record {
            Record(
                ruleID: ruleID,
                severity: severity,
                status: status,
                declarationID: declarationID,
                kind: kind,
                file: file,
                mark: mark,
                path: path,
                observation: observation,
                area: area,
                principle: principle,
                message: message,
                fingerprint: fingerprint,
                exception: exception)
        }

        /// Every field, for equality and hashing.
        var fields: Fields {
            Fields(
                ruleID: ruleID,
                severity: severity,
                status: status,
                declarationID: declarationID,
                kind: kind,
                file: file,
                mark: mark,
                path: path,
                observation: observation,
                area: area,
                principle: principle,
                message: message,
                fingerprint: fingerprint,
                exception: exception)
        }
    }

    /// The fields as a value, compared and hashed member by member.
    private struct Fields: Hashable {
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
