import Foundation
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
    ///
    /// Findings that were `excepted` in that report are not part of the baseline: their
    /// exception governs them, and when it expires they are open (design §6), not accepted.
    public static func load(_ file: SourceFile) -> (baseline: Baseline?, diagnostics: [Diagnostic]) {
        let stream = YAMLLoader.load(file.bytes)
        var diagnostics = stream.diagnostics.filter(\.isError).map { Diagnostic($0, file: file.name) }
        // libyaml refuses the surrogate-pair escapes (`\ud83d\ude00`) that other JSON writers
        // use for characters beyond the BMP; such a report is still valid JSON.
        if stream.hasErrors, let read = readAsJSON(file.bytes) { return (read, []) }
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
        for item in items where item["status"]?.string != "excepted" {
            if let fingerprint = fingerprint({ item[$0]?.string }) {
                fingerprints.insert(fingerprint)
            } else {
                diagnostics.append(.error(BaselineProblem.findingWithoutIdentity.message, file: file.name, at: item.mark))
            }
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        return (Baseline(fingerprints: fingerprints), [])
    }

    /// The baseline of a report that only a JSON parser reads, or `nil` when it is not one
    /// whose every finding has an identity (the YAML loader's errors are shown then).
    private static func readAsJSON(_ bytes: [UInt8]) -> Baseline? {
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let items = root["findings"] as? [Any]
        else { return nil }
        var fingerprints: Set<String> = []
        for item in items {
            guard let item = item as? [String: Any] else { return nil }
            if item["status"] as? String == "excepted" { continue }
            guard let fingerprint = fingerprint({ item[$0] as? String }) else { return nil }
            fingerprints.insert(fingerprint)
        }
        return Baseline(fingerprints: fingerprints)
    }

    /// A finding's fingerprint, given how to read its string fields: the one it states, or the
    /// one of its rule id, declaration id and path.
    private static func fingerprint(_ field: (String) -> String?) -> String? {
        if let fingerprint = field("fingerprint"), !fingerprint.isEmpty { return fingerprint }
        guard let rule = field("ruleId"), let declaration = field("declaration"), let path = field("path") else { return nil }
        return Finding.fingerprint(ruleID: rule, declarationID: declaration, path: path)
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
