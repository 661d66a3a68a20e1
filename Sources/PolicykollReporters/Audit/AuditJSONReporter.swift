public import PolicykollCore
import PolicykollYAML

/// The audit as JSON: the shape the audit issue fixes (`policy`, `asOf`, `compliance`,
/// `systems`, `exceptions`, `errors`), with more keys beside them. Percentages are 0–100 with
/// one decimal (rounded down), or `null` for a group with nothing applicable.
public struct AuditJSONReporter: AuditReporter {
    /// Creates a reporter.
    public init() {}

    public func render(_ audit: AuditReport) -> String {
        document(audit).prettyText + "\n"
    }

    /// The same bytes as `render(audit)`, with the systems rendered on every core and handed to
    /// `sink` a megabyte at a time: an audit of the whole inventory is never held whole.
    public func write(_ audit: AuditReport, to sink: ([UInt8]) -> Void) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(JSONValue.streamChunk + 4096)
        guard case .object(let members) = document(audit, includingSystems: false) else { return }
        let remediations = Self.remediations(audit)
        withoutActuallyEscaping(sink) { sink in
            let streamed = members.map { member -> (key: String, write: (inout [UInt8], Int) -> Void) in
                guard member.0 == "systems" else {
                    return (member.0, { output, level in member.1.write(to: &output, indent: true, level: level) })
                }
                return (
                    "systems",
                    { output, level in
                        JSONValue.writeArrayInParallel(count: audit.systems.count, to: &output, level: level, sink: sink) {
                            index, bytes, level in
                            writeSystem(audit, audit.systems[index], remediations: remediations, to: &bytes, level: level)
                        }
                    }
                )
            }
            JSONValue.writeObject(streamed, to: &bytes, level: 0)
        }
        bytes.append(UInt8(ascii: "\n"))
        sink(bytes)
    }

    /// The report as a JSON value.
    public func document(_ audit: AuditReport) -> JSONValue {
        document(audit, includingSystems: true)
    }

    /// Each rule's remediation in the report's language (or `nil`), by rule id.
    private static func remediations(_ audit: AuditReport) -> [String: String?] {
        Dictionary(
            audit.pack.rules.map { ($0.id, $0.remediation?.text(audit.language)) }, uniquingKeysWith: { first, _ in first })
    }

    private func document(_ audit: AuditReport, includingSystems: Bool) -> JSONValue {
        let remediations = includingSystems ? Self.remediations(audit) : [:]
        let language = audit.language
        let rules = audit.pack.rules
        var members: [(String, JSONValue)] = [
            ("tool", ReportIdentity.tool),
            ("policy", ReportIdentity.policy(audit.pack)),
            ("asOf", .string(audit.asOf.description)),
            ("language", .string(language.rawValue)),
            ("declarations", .int(audit.systems.count)),
            (
                "compliance",
                .object(
                    [("overall", Self.percent(audit.overall))] + Self.counts(audit.overall) + [
                        (
                            "areas",
                            .array(
                                audit.areas.map { area in
                                    .object(
                                        [("id", .string(area.id)), ("title", .string(area.title.text(language)))]
                                            + Self.tally(area.tally))
                                })
                        ),
                        (
                            "principles",
                            .array(
                                audit.principles.map { principle in
                                    .object(
                                        [
                                            ("id", .string(principle.id)), ("area", .string(principle.area)),
                                            ("title", .string(principle.title.text(language))),
                                        ] + Self.tally(principle.tally))
                                })
                        ),
                        (
                            "organisations",
                            .array(
                                audit.organisations.map { organisation in
                                    .object(
                                        [("name", .string(organisation.name)), ("systems", .int(organisation.systems))]
                                            + Self.tally(organisation.tally) + [
                                                (
                                                    "areas",
                                                    .array(
                                                        zip(audit.areas, organisation.areas).map { area, tally in
                                                            .object([("id", .string(area.id))] + Self.tally(tally))
                                                        })
                                                )
                                            ])
                                })
                        ),
                    ])
            ),
            (
                "rules",
                .array(
                    audit.rules.map { rule in
                        let definition = rules[rule.ruleIndex]
                        return .object(
                            [
                                ("id", .string(rule.id)), ("title", .string(definition.title.text(language))),
                                ("severity", .string(definition.severity.rawValue)), ("area", .string(definition.area)),
                                ("principle", .string(definition.principle)),
                            ] + Self.tally(rule.tally))
                    })
            ),
            ("mostFailingRules", .array(audit.mostFailingRules.map { .string($0.id) })),
            (
                "mostOpenErrors",
                .array(
                    audit.mostOpenErrors.map { index in
                        let system = audit.systems[index]
                        return .object([("id", .string(system.id)), ("openErrors", .int(system.openErrors))])
                    })
            ),
            (
                "systems",
                .array(
                    includingSystems ? audit.systems.map { [remediations] in system(audit, $0, remediations: remediations) } : [])
            ),
            ("exceptions", .array(audit.exceptions.map(exception))),
            (
                "inventoryProblems",
                .object([
                    (
                        "unknownIntegrationTargets",
                        .array(
                            audit.unknownIntegrationTargets.map { problem in
                                .object([
                                    ("system", .string(problem.system)), ("file", .string(problem.file)),
                                    ("line", .int(problem.mark.line)), ("column", .int(problem.mark.column)),
                                    ("integration", .string(problem.integration)), ("target", .string(problem.target)),
                                ])
                            })
                    )
                ])
            ),
            ("errors", .array(audit.errors.map(diagnostic))),
            ("warnings", .array(audit.warnings.map(diagnostic))),
            ("skipped", .array(audit.skippedFiles.map { .string($0) })),
            (
                "inputs",
                .object([
                    ("sha256", .string(audit.inputsDigest)),
                    (
                        "files",
                        .array(audit.inputs.map { .object([("file", .string($0.file)), ("sha256", .string($0.sha256))]) })
                    ),
                ])
            ),
        ]
        if let trend = audit.trend { members.append(("trend", self.trend(trend))) }
        return .object(members)
    }

    /// The bytes of `system(_:_:remediations:)` written directly: an audit writes one per
    /// system of the inventory (a test holds the two equal).
    private func writeSystem(
        _ audit: AuditReport, _ system: SystemAudit, remediations: [String: String?], to output: inout [UInt8], level: Int
    ) {
        var object = JSONObjectWriter(level: level, output: &output)
        object.member("id", system.id, to: &output)
        object.member("name", system.name, to: &output)
        object.member("organisation", system.organisation, to: &output)
        object.member("kind", system.kind, to: &output)
        object.member("file", system.file, to: &output)
        object.member("line", system.mark.line, to: &output)
        object.member("pct", Self.percent(system.tally), to: &output)
        object.member("pass", system.tally.pass, to: &output)
        object.member("fail", system.tally.fail, to: &output)
        object.member("excepted", system.tally.excepted, to: &output)
        object.member("notApplicable", system.tally.notApplicable, to: &output)
        object.member("openErrors", system.openErrors, to: &output)
        var outcomes = JSONObjectWriter(level: object.key("outcomes", to: &output), output: &output)
        for (rule, outcome) in zip(audit.pack.rules, system.outcomes) {
            outcomes.member(escapedKey: rule.id, outcome.rawValue, to: &output)
        }
        outcomes.close(&output)
        var findings = JSONArrayWriter(level: object.key("findings", to: &output))
        for finding in system.findings {
            var record = JSONObjectWriter(level: findings.element(&output), output: &output)
            record.member("ruleId", finding.ruleID, to: &output)
            record.member("severity", finding.severity.rawValue, to: &output)
            record.member("status", finding.status == .excepted ? "excepted" : "open", to: &output)
            record.member("file", finding.file, to: &output)
            record.member("line", finding.mark.line, to: &output)
            record.member("column", finding.mark.column, to: &output)
            record.member("path", finding.path, to: &output)
            record.member("area", finding.area, to: &output)
            record.member("principle", finding.principle, to: &output)
            record.member("message", finding.message, to: &output)
            record.member("remediation", JSONValue.string(remediations[finding.ruleID] ?? nil), to: &output)
            record.member("fingerprint", finding.fingerprint, to: &output)
            if let exception = finding.exception {
                var nested = JSONObjectWriter(level: record.key("exception", to: &output), output: &output)
                nested.member("approvedBy", exception.approvedBy, to: &output)
                nested.member("decision", JSONValue.string(exception.decision), to: &output)
                nested.member("expires", exception.expires.description, to: &output)
                nested.close(&output)
            }
            record.close(&output)
        }
        findings.close(&output)
        object.close(&output)
    }

    private func system(_ audit: AuditReport, _ system: SystemAudit, remediations: [String: String?]) -> JSONValue {
        let rules = audit.pack.rules
        return .object(
            [
                ("id", .string(system.id)), ("name", .string(system.name)), ("organisation", .string(system.organisation)),
                ("kind", .string(system.kind)), ("file", .string(system.file)), ("line", .int(system.mark.line)),
            ] + Self.tally(system.tally) + [
                ("openErrors", .int(system.openErrors)),
                ("outcomes", .object(zip(rules, system.outcomes).map { ($0.id, .string($1.rawValue)) })),
                (
                    "findings",
                    .array(
                        system.findings.map { finding in
                            var members: [(String, JSONValue)] = [
                                ("ruleId", .string(finding.ruleID)), ("severity", .string(finding.severity.rawValue)),
                                ("status", .string(finding.status == .excepted ? "excepted" : "open")),
                                ("file", .string(finding.file)), ("line", .int(finding.mark.line)),
                                ("column", .int(finding.mark.column)), ("path", .string(finding.path)),
                                ("area", .string(finding.area)), ("principle", .string(finding.principle)),
                                ("message", .string(finding.message)),
                                (
                                    "remediation",
                                    .string(remediations[finding.ruleID] ?? nil)
                                ),
                                ("fingerprint", .string(finding.fingerprint)),
                            ]
                            if let exception = finding.exception {
                                members.append(
                                    (
                                        "exception",
                                        .object([
                                            ("approvedBy", .string(exception.approvedBy)),
                                            ("decision", .string(exception.decision)),
                                            ("expires", .string(exception.expires.description)),
                                        ])
                                    ))
                            }
                            return .object(members)
                        })
                ),
            ])
    }

    private func exception(_ use: ExceptionUse) -> JSONValue {
        let exception = use.exception
        return .object([
            ("rule", .string(exception.rule)), ("declaration", .string(exception.declaration)),
            ("path", .string(exception.path)), ("reason", .string(exception.reason)),
            ("approvedBy", .string(exception.approvedBy)), ("decision", .string(exception.decision)),
            ("expires", .string(exception.expires.description)), ("status", .string(use.state.rawValue)),
            ("expiringSoon", .bool(AuditReport.isExpiringSoon(use))), ("matched", .int(use.matched)),
            ("daysLeft", .int(use.daysLeft)), ("file", .string(exception.file)), ("line", .int(exception.mark.line)),
            ("column", .int(exception.mark.column)),
        ])
    }

    private func trend(_ trend: AuditTrend) -> JSONValue {
        func row(_ row: AuditTrend.Row, key: String) -> JSONValue {
            .object([
                (key, .string(row.key)), ("previous", Self.percent(row.previous)), ("current", Self.percent(row.current)),
                ("change", AuditFormat.roundedChange(row.change).map { .double($0) } ?? .null),
            ])
        }
        return .object([
            (
                "previous",
                .object([
                    ("label", .string(trend.previousLabel)), ("asOf", .string(trend.previousAsOf.description)),
                    // The earlier audit's pack when it differs from this one's, else null.
                    ("otherPolicy", .string(trend.previousPackWhenChanged)),
                ])
            ),
            (
                "overall",
                .object([
                    ("previous", Self.percent(trend.overall.previous)), ("current", Self.percent(trend.overall.current)),
                    ("change", AuditFormat.roundedChange(trend.overall.change).map { .double($0) } ?? .null),
                ])
            ),
            ("areas", .array(trend.areas.map { row($0, key: "id") })),
            ("organisations", .array(trend.organisations.map { row($0, key: "name") })),
        ])
    }

    private func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        var members: [(String, JSONValue)] = [("file", .string(diagnostic.file))]
        if let mark = diagnostic.mark {
            members += [("line", .int(mark.line)), ("column", .int(mark.column))]
        } else {
            members += [("line", .null), ("column", .null)]
        }
        members.append(("message", .string(diagnostic.message)))
        return .object(members)
    }

    static func percent(_ tally: AuditTally) -> JSONValue {
        percent(tally.percent)
    }

    static func percent(_ value: Double?) -> JSONValue {
        value.map { .double(AuditTally.floorOneDecimal($0)) } ?? .null
    }

    static func counts(_ tally: AuditTally) -> [(String, JSONValue)] {
        [
            ("pass", .int(tally.pass)), ("fail", .int(tally.fail)), ("excepted", .int(tally.excepted)),
            ("notApplicable", .int(tally.notApplicable)),
        ]
    }

    static func tally(_ tally: AuditTally) -> [(String, JSONValue)] {
        [("pct", percent(tally))] + counts(tally)
    }
}
