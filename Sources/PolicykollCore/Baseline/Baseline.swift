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
        // libyaml refuses the surrogate-pair escapes (`\ud83d\ude00`) that other JSON writers use
        // for characters beyond the BMP; they are joined into UTF-8 first.
        let stream = YAMLLoader.load(joiningSurrogatePairs(file.bytes))
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
        for item in items where item["status"]?.string != "excepted" {
            if let fingerprint = fingerprint(of: item) {
                fingerprints.insert(fingerprint)
            } else {
                diagnostics.append(.error(BaselineProblem.findingWithoutIdentity.message, file: file.name, at: item.mark))
            }
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        return (Baseline(fingerprints: fingerprints), [])
    }

    /// JSON text with every escaped surrogate pair (`\ud83d\ude00`) written as the UTF-8 of its
    /// character instead; everything else, other escapes included, as it was.
    static func joiningSurrogatePairs(_ bytes: [UInt8]) -> [UInt8] {
        let backslash = UInt8(ascii: "\\")
        guard bytes.contains(backslash) else { return bytes }
        func hex(at index: Int) -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[index..<index + 4] {
                guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == backslash, index + 1 < bytes.count else {
                output.append(bytes[index])
                index += 1
                continue
            }
            if bytes[index + 1] == UInt8(ascii: "u"), let high = hex(at: index + 2), (0xD800...0xDBFF).contains(high),
                index + 7 < bytes.count, bytes[index + 6] == backslash, bytes[index + 7] == UInt8(ascii: "u"),
                let low = hex(at: index + 8), (0xDC00...0xDFFF).contains(low),
                let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            {
                output += Array(String(Character(scalar)).utf8)
                index += 12
            } else {
                // Any other escape, `\\` included, is copied whole: its second byte is no escape.
                output += bytes[index...index + 1]
                index += 2
            }
        }
        return output
    }

    /// A finding's fingerprint: the one it states, or the one of its rule id, declaration id and
    /// path.
    private static func fingerprint(of finding: YAMLNode) -> String? {
        if let fingerprint = finding["fingerprint"]?.string, !fingerprint.isEmpty { return fingerprint }
        guard let rule = finding["ruleId"]?.string, let declaration = finding["declaration"]?.string,
            let path = finding["path"]?.string
        else { return nil }
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
