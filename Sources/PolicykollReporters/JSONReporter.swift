public import PolicykollCore
import PolicykollYAML

/// The machine-readable report (design §5, fixed shape; keys may be added, never renamed).
public struct JSONReporter: StreamingReporter {
    /// Creates a JSON reporter.
    public init() {}

    /// The same bytes as `document(report)`, with the findings streamed one by one and handed
    /// to `sink` a megabyte at a time.
    public func write(_ report: CheckReport, to sink: ([UInt8]) -> Void) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(JSONValue.streamChunk + 4096)
        guard case .object(let members) = document(report, includingFindings: false) else { return }
        withoutActuallyEscaping(sink) { sink in
            var streamed: [(key: String, write: (inout [UInt8], Int) -> Void)] = []
            for member in members {
                if member.0 == "findings" {
                    streamed.append(
                        (
                            "findings",
                            { output, level in writeFindings(report.findings, to: &output, level: level, sink: sink) }
                        ))
                } else {
                    streamed.append((member.0, { output, level in member.1.write(to: &output, indent: true, level: level) }))
                }
            }
            JSONValue.writeObject(streamed, to: &bytes, level: 0)
        }
        bytes.append(UInt8(ascii: "\n"))
        sink(bytes)
    }

    /// The findings array, rendered on every core a window at a time and handed on in order:
    /// the same bytes as `JSONValue.array(…).write(…, indent: true, …)`.
    private func writeFindings(_ findings: [Finding], to output: inout [UInt8], level: Int, sink: ([UInt8]) -> Void) {
        JSONValue.writeArrayInParallel(count: findings.count, to: &output, level: level, sink: sink) { index, bytes, level in
            writeFinding(findings[index], to: &bytes, level: level)
        }
    }

    /// The report as a JSON value.
    public func document(_ report: CheckReport) -> JSONValue {
        document(report, includingFindings: true)
    }

    private func document(_ report: CheckReport, includingFindings: Bool) -> JSONValue {
        let summary = report.summary
        return .object([
            ("tool", ReportIdentity.tool),
            ("policy", ReportIdentity.policy(report.pack)),
            ("asOf", .string(report.asOf.description)),
            ("declarations", .int(report.declarationCount)),
            ("findings", .array(includingFindings ? report.findings.map(finding) : [])),
            ("errors", .array(report.errors.map(diagnostic))),
            ("warnings", .array(report.warnings.map(diagnostic))),
            ("exceptions", .array(report.exceptions.map(exceptionUse))),
            ("skipped", .array(report.skippedFiles.map { .string($0) })),
            (
                "summary",
                .object([
                    ("error", .int(summary.error)), ("warning", .int(summary.warning)), ("info", .int(summary.info)),
                    ("excepted", .int(summary.excepted)), ("baseline", .int(summary.baseline)),
                ])
            ),
        ])
    }

    /// The bytes of `finding(_:)` written directly: the report writes one per finding.
    private func writeFinding(_ finding: Finding, to output: inout [UInt8], level: Int) {
        var object = JSONObjectWriter(level: level, output: &output)
        object.member("ruleId", finding.ruleID, to: &output)
        object.member("severity", finding.severity.rawValue, to: &output)
        object.member("status", finding.status.rawValue, to: &output)
        object.member("declaration", finding.declarationID, to: &output)
        object.member("kind", finding.kind, to: &output)
        object.member("file", finding.file, to: &output)
        object.member("line", finding.mark.line, to: &output)
        object.member("column", finding.mark.column, to: &output)
        object.member("path", finding.path, to: &output)
        object.member("area", finding.area, to: &output)
        object.member("principle", finding.principle, to: &output)
        object.member("message", finding.message, to: &output)
        object.member("fingerprint", finding.fingerprint, to: &output)
        object.close(&output)
    }

    private func finding(_ finding: Finding) -> JSONValue {
        .object([
            ("ruleId", .string(finding.ruleID)),
            ("severity", .string(finding.severity.rawValue)),
            ("status", .string(finding.status.rawValue)),
            ("declaration", .string(finding.declarationID)),
            ("kind", .string(finding.kind)),
            ("file", .string(finding.file)),
            ("line", .int(finding.mark.line)),
            ("column", .int(finding.mark.column)),
            ("path", .string(finding.path)),
            ("area", .string(finding.area)),
            ("principle", .string(finding.principle)),
            ("message", .string(finding.message)),
            ("fingerprint", .string(finding.fingerprint)),
        ])
    }

    private func exceptionUse(_ use: ExceptionUse) -> JSONValue {
        let exception = use.exception
        return .object([
            ("rule", .string(exception.rule)),
            ("declaration", .string(exception.declaration)),
            ("path", .string(exception.path)),
            ("reason", .string(exception.reason)),
            ("approvedBy", .string(exception.approvedBy)),
            ("decision", .string(exception.decision)),
            ("expires", .string(exception.expires.description)),
            ("status", .string(use.state.rawValue)),
            ("matched", .int(use.matched)),
            ("daysLeft", .int(use.daysLeft)),
            ("file", .string(exception.file)),
            ("line", .int(exception.mark.line)),
            ("column", .int(exception.mark.column)),
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
}
