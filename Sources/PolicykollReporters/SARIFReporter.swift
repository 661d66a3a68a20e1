public import PolicykollCore
import PolicykollYAML

/// SARIF 2.1.0 for code-scanning tools: every rule with its help text and reference, every
/// finding as a result with a region; excepted findings as suppressions carrying the
/// justification; the baseline state when a baseline was given; input errors as notifications.
public struct SARIFReporter: StreamingReporter {
    /// Whether the run had a baseline (then every result says `new` or `unchanged`).
    public var hasBaseline: Bool

    /// Creates a SARIF reporter.
    public init(hasBaseline: Bool = false) {
        self.hasBaseline = hasBaseline
    }

    /// The same bytes as `document(report)`, with the results rendered on every core and handed
    /// to `sink` a megabyte at a time: a large run's log is never held whole.
    public func write(_ report: CheckReport, to sink: ([UInt8]) -> Void) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(JSONValue.streamChunk + 4096)
        let ruleIndex = Self.ruleIndex(report)
        withoutActuallyEscaping(sink) { sink in
            var runMembers: [(key: String, write: (inout [UInt8], Int) -> Void)] = run(report, includingResults: false).map {
                member in (member.0, { output, level in member.1.write(to: &output, indent: true, level: level) })
            }
            if !report.pack.isInvalid {
                runMembers[runMembers.count - 1].write = { output, level in
                    JSONValue.writeArrayInParallel(count: report.findings.count, to: &output, level: level, sink: sink) {
                        index, bytes, level in
                        result(
                            report.findings[index], ruleIndex: ruleIndex[report.findings[index].ruleID],
                            baseline: report.baselineFingerprints
                        )
                        .write(to: &bytes, indent: true, level: level)
                    }
                }
            }
            JSONValue.writeObject(
                [
                    (
                        "$schema",
                        { output, level in JSONValue.string(Self.schema).write(to: &output, indent: true, level: level) }
                    ),
                    ("version", { output, level in JSONValue.string("2.1.0").write(to: &output, indent: true, level: level) }),
                    (
                        "runs",
                        { output, level in
                            // A one-element array, as `JSONValue.array` writes it.
                            output.append(UInt8(ascii: "["))
                            JSONValue.writeNewline(to: &output, level: level + 1)
                            JSONValue.writeObject(runMembers, to: &output, level: level + 1)
                            JSONValue.writeNewline(to: &output, level: level)
                            output.append(UInt8(ascii: "]"))
                        }
                    ),
                ], to: &bytes, level: 0)
        }
        bytes.append(UInt8(ascii: "\n"))
        sink(bytes)
    }

    private static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    private static func ruleIndex(_ report: CheckReport) -> [String: Int] {
        Dictionary(report.pack.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The SARIF log as a JSON value.
    public func document(_ report: CheckReport) -> JSONValue {
        .object([
            ("$schema", .string(Self.schema)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run(report, includingResults: true))])),
        ])
    }

    /// The members of the one run; `results` is the last. Without a valid pack there is no
    /// `results` at all: SARIF reads an absent `results` as "the tool produced none", where an
    /// empty list would say "nothing was found" (and close a code-scanning platform's alerts).
    private func run(_ report: CheckReport, includingResults: Bool) -> [(String, JSONValue)] {
        let language = report.language
        let ruleIndex = includingResults ? Self.ruleIndex(report) : [:]
        let members: [(String, JSONValue)] = [
            (
                "tool",
                .object([
                    (
                        "driver",
                        .object([
                            ("name", .string(ToolInfo.name)),
                            ("version", .string(ToolInfo.version)),
                            ("semanticVersion", .string(ToolInfo.version)),
                            ("rules", .array(report.pack.rules.map { rule($0, pack: report.pack, language: language) })),
                            (
                                "properties",
                                .object([
                                    ("policy", .string(report.pack.name)), ("policyVersion", .string(report.pack.version)),
                                    ("policySha256", .string(report.pack.sha256)),
                                ])
                            ),
                        ])
                    )
                ])
            ),
            (
                "invocations",
                .array([
                    .object([
                        ("executionSuccessful", .bool(report.errors.isEmpty)),
                        (
                            "toolExecutionNotifications",
                            .array(
                                report.errors.map { notification($0, level: "error") }
                                    + report.warnings.map { notification($0, level: "warning") })
                        ),
                        ("properties", .object([("asOf", .string(report.asOf.description))])),
                    ])
                ])
            ),
            ("columnKind", .string("unicodeCodePoints")),
        ]
        guard !report.pack.isInvalid else { return members }
        return members + [
            (
                "results",
                .array(
                    includingResults
                        ? report.findings.map {
                            result($0, ruleIndex: ruleIndex[$0.ruleID], baseline: report.baselineFingerprints)
                        } : [])
            )
        ]
    }

    private func rule(_ rule: Rule, pack: RulePack, language: Language) -> JSONValue {
        var help = rule.remediation?.text(language) ?? rule.title.text(language)
        var markdown = "**\(rule.title.text(language))**\n\n"
        if let rationale = rule.rationale { markdown += rationale.text(language) + "\n\n" }
        if let remediation = rule.remediation { markdown += remediation.text(language) + "\n\n" }
        for reference in rule.references {
            // A link target cannot hold a space or a bare parenthesis: the URL as a URI, or as text.
            let link = reference.url.flatMap { Self.asURI($0, forMarkdown: true) }
            // The title and a URL that is no link are text: `[x](javascript:…)` must not become one.
            let title = MarkdownReporter.cell(reference.title)
            let line =
                link.map { "- [\(title)](\($0))" } ?? "- \(title)"
                + (reference.url.map { ": " + MarkdownReporter.cell($0) } ?? "")
            markdown += line + "\n"
            help += "\n" + reference.title + (reference.url.map { ": \($0)" } ?? "")
        }
        var members: [(String, JSONValue)] = [
            ("id", .string(rule.id)),
            ("name", .string(Self.pascalName(rule.id))),
            ("shortDescription", .object([("text", .string(rule.title.text(language)))])),
            ("fullDescription", .object([("text", .string((rule.rationale ?? rule.title).text(language)))])),
            ("help", .object([("text", .string(help)), ("markdown", .string(markdown))])),
            ("defaultConfiguration", .object([("level", .string(Self.level(rule.severity)))])),
        ]
        // `helpUri` must be a URI (SARIF's schema says so); a pack's reference may hold any text,
        // or an IRI such as `https://example.se/förskola`, which is written percent-encoded.
        if let url = rule.references.compactMap(\.url).lazy.compactMap({ Self.asURI($0) }).first {
            members.append(("helpUri", .string(url)))
        }
        let principle = pack.principle(rule.principle)
        members.append(
            (
                "properties",
                .object([
                    ("area", .string(rule.area)),
                    ("principle", .string(rule.principle)),
                    ("principleTitle", .string(principle?.title.text(language))),
                    ("tags", .array([.string("policykoll"), .string(rule.area), .string(rule.principle)])),
                ])
            ))
        return .object(members)
    }

    private func result(_ finding: Finding, ruleIndex: Int?, baseline baselineFingerprints: Set<String>) -> JSONValue {
        var members: [(String, JSONValue)] = [("ruleId", .string(finding.ruleID))]
        if let ruleIndex { members.append(("ruleIndex", .int(ruleIndex))) }
        members += [
            ("level", .string(Self.level(finding.severity))),
            ("message", .object([("text", .string(finding.message))])),
            (
                "locations",
                .array([
                    .object([
                        (
                            "physicalLocation",
                            .object([
                                ("artifactLocation", .object([("uri", .string(Self.uri(finding.file)))])),
                                (
                                    "region",
                                    .object([("startLine", .int(finding.mark.line)), ("startColumn", .int(finding.mark.column))])
                                ),
                            ])
                        ),
                        (
                            "logicalLocations",
                            .array([
                                .object([
                                    ("name", .string(finding.path.isEmpty ? finding.declarationID : finding.path)),
                                    ("fullyQualifiedName", .string("\(finding.declarationID)/\(finding.path)")),
                                    ("kind", .string("object")),
                                ])
                            ])
                        ),
                    ])
                ])
            ),
            ("partialFingerprints", .object([("policykoll/v1", .string(finding.fingerprint))])),
        ]
        if let exception = finding.exception, finding.status == .excepted {
            var justification = "\(exception.reason) (approved by \(exception.approvedBy)"
            if let decision = exception.decision { justification += ", \(decision)" }
            justification += ", expires \(exception.expires))"
            members.append(
                (
                    "suppressions",
                    .array([
                        .object([
                            ("kind", .string(exception.isInline ? "inSource" : "external")),
                            ("status", .string("accepted")),
                            ("justification", .string(justification)),
                        ])
                    ])
                ))
        }
        if hasBaseline {
            // An excepted finding the baseline had is unchanged too: the state is the baseline's
            // comparison, not the finding's status.
            let unchanged = baselineFingerprints.contains(finding.fingerprint)
            members.append(("baselineState", .string(unchanged ? "unchanged" : "new")))
        }
        members.append(
            (
                "properties",
                .object([
                    ("status", .string(finding.status.rawValue)), ("declaration", .string(finding.declarationID)),
                    ("path", .string(finding.path)), ("area", .string(finding.area)), ("principle", .string(finding.principle)),
                ])
            ))
        return .object(members)
    }

    private func notification(_ diagnostic: Diagnostic, level: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("level", .string(level)),
            ("message", .object([("text", .string(diagnostic.message))])),
        ]
        var physical: [(String, JSONValue)] = [("artifactLocation", .object([("uri", .string(Self.uri(diagnostic.file)))]))]
        if let mark = diagnostic.mark {
            physical.append(("region", .object([("startLine", .int(mark.line)), ("startColumn", .int(mark.column))])))
        }
        members.append(("locations", .array([.object([("physicalLocation", .object(physical))])])))
        return .object(members)
    }

    /// A reference as an absolute URI: one already (`mailto:it@goteborg.se`), or a URL with an
    /// authority (`scheme://…`) whose non-ASCII characters and spaces are percent-encoded (an
    /// IRI, RFC 3987 3.1); `nil` for other text (`Dnr: KS 2023/12`). Surrounding white space is
    /// not part of it. With `forMarkdown`, parentheses are encoded too, so that they cannot end a
    /// Markdown link target. Only `http`, `https` and `mailto` become links: a viewer would run a
    /// `javascript:` or `data:` link that a rule pack wrote.
    static func asURI(_ text: String, forMarkdown: Bool = false) -> String? {
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        let scheme = trimmed.prefix { $0 != ":" }.lowercased()
        guard ["http", "https", "mailto"].contains(scheme) else { return nil }
        if isAbsoluteURI(trimmed), !forMarkdown || !trimmed.contains(where: { $0 == "(" || $0 == ")" }) {
            return trimmed
        }
        guard let colon = trimmed.firstIndex(of: ":"), trimmed[colon...].hasPrefix("://") else { return nil }
        let encodedBytes = forMarkdown ? notInURI.union("()".utf8) : notInURI
        var encoded = ""
        for byte in trimmed.utf8 {
            if byte > 0x20, byte < 0x7F, !encodedBytes.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += (byte < 0x10 ? "%0" : "%") + String(byte, radix: 16, uppercase: true)
            }
        }
        return isAbsoluteURI(encoded) ? encoded : nil
    }

    /// Whether text is an absolute URI as RFC 3986 writes one: a scheme, `:`, and only the
    /// printable ASCII characters a URI may hold.
    static func isAbsoluteURI(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon + 1 < bytes.count,
            Character(Unicode.Scalar(bytes[0])).isLetter, bytes[0] < 0x80
        else { return false }
        let schemeAllowed = bytes[..<colon].allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E
        }
        return schemeAllowed && bytes[(colon + 1)...].allSatisfy { $0 > 0x20 && $0 < 0x7F && !notInURI.contains($0) }
    }

    /// Printable ASCII a URI cannot hold (RFC 3986 leaves them out; they are percent-encoded).
    private static let notInURI = Set("<>\"{}|\\^` ".utf8)

    /// SARIF levels: error, warning, note.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// `GBG-ARK-001` as a SARIF rule name: `GbgArk001`.
    static func pascalName(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
            .joined()
    }

    /// A file path as a URI: a relative path as a relative reference, an absolute one as a
    /// `file://` URI; percent-encoded, `/`-separated.
    static func uri(_ path: String) -> String {
        path.hasPrefix("/") ? "file://" + encoded(path) : encoded(path)
    }

    private static func encoded(_ path: String) -> String {
        var text = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        if text == "<stdin>" { text = "stdin" }
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return output
    }
}
