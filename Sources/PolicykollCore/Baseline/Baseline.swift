import PolicykollYAML

/// The findings of an earlier `--format json` report: those found again do not fail the gate.
///
/// Findings are matched by fingerprint (rule id, declaration id and path), so moving a file or
/// adding lines above a finding does not make it new.
public struct Baseline: Sendable {
    /// The fingerprints of the earlier report's findings.
    public var fingerprints: Set<String>

    /// Creates a baseline from fingerprints.
    public init(fingerprints: Set<String>) {
        self.fingerprints = fingerprints
    }

    /// Reads an earlier JSON report. JSON is read with the YAML loader (JSON is YAML), so a
    /// malformed baseline gets a located error like any other input.
    public static func load(_ file: SourceFile) -> (baseline: Baseline?, diagnostics: [Diagnostic]) {
        let stream = YAMLLoader.load(file.bytes)
        var diagnostics = stream.diagnostics.filter(\.isError).map { Diagnostic($0, file: file.name) }
        guard !stream.hasErrors else { return (nil, diagnostics) }
        guard stream.documents.count == 1, let root = stream.documents.first?.root, root.entries != nil,
            let findings = root["findings"]
        else {
            let mark = stream.documents.first?.root.mark ?? .start
            diagnostics.append(.error(BaselineProblem.notAReport.message, file: file.name, at: mark))
            return (nil, diagnostics)
        }
        guard let items = findings.items else {
            diagnostics.append(.error(BaselineProblem.findingsNotAList.message, file: file.name, at: findings.mark))
            return (nil, diagnostics)
        }
        var fingerprints: Set<String> = []
        for item in items {
            if let fingerprint = item["fingerprint"]?.string, !fingerprint.isEmpty {
                fingerprints.insert(fingerprint)
            } else if let rule = item["ruleId"]?.string, let declaration = item["declaration"]?.string,
                let path = item["path"]?.string
            {
                fingerprints.insert(Finding.fingerprint(ruleID: rule, declarationID: declaration, path: path))
            } else {
                diagnostics.append(.error(BaselineProblem.findingWithoutIdentity.message, file: file.name, at: item.mark))
            }
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        return (Baseline(fingerprints: fingerprints), [])
    }
}

/// Why a baseline cannot be used.
public enum BaselineProblem: Sendable, Equatable {
    case notAReport
    case findingsNotAList
    case findingWithoutIdentity

    /// The message shown to the user.
    public var message: String {
        switch self {
        case .notAReport:
            "a baseline is an earlier 'policykoll check --format json' report: a JSON object with 'findings'"
        case .findingsNotAList:
            "'findings' in a baseline must be a list"
        case .findingWithoutIdentity:
            "a baseline finding needs a 'fingerprint' (or 'ruleId', 'declaration' and 'path')"
        }
    }
}
