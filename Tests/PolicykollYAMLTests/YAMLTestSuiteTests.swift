import Foundation
import Testing

@testable import PolicykollYAML

/// Conformance against the official YAML test suite (https://github.com/yaml/yaml-test-suite),
/// checked out next to the repository at `../shared/yaml-test-suite`.
///
/// Every case is loaded. A valid case (with `in.json`) must load to exactly its JSON data,
/// unless libyaml 0.2.5 itself rejects it (a known gap of libyaml, counted and listed) or it is
/// in ``allowList`` with a reason. An invalid case (with `error`) must be rejected, unless
/// libyaml accepts it (counted and listed). The counts are printed on every run.
@Suite("yaml-test-suite conformance")
struct YAMLTestSuiteTests {
    /// `/work/shared/yaml-test-suite`, found from this file: `<root>/Tests/PolicykollYAMLTests/…`.
    static let suiteDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // PolicykollYAMLTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/yaml-test-suite")

    static var suiteIsPresent: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: suiteDirectory.path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// Valid cases that libyaml parses but whose loaded data differs from `in.json`, one reason
    /// each. Every entry was checked against libyaml's own events (PyYAML's `CParser`): the
    /// difference is already in the events libyaml 0.2.5 emits, not in the tree builder.
    static let allowList: [String: String] = [
        "652Z": "libyaml 0.2.5 reads `?foo` in a flow mapping as an explicit key `foo`, not the scalar `?foo`",
        "HM87/01": "libyaml 0.2.5 reads `[?x]` as a single-pair mapping {x: null}, not the scalar `?x`",
        "JEF9/02": "libyaml 0.2.5 drops the trailing whitespace-only line of a keep (`|+`) block scalar",
        "L24T/01": "libyaml 0.2.5 loses the last line break after a trailing line of spaces in a literal block scalar",
        "Y2GN": "libyaml 0.2.5 ends an anchor name at `:`, so `&an:chor value` becomes anchor `an`",
    ]

    /// Valid cases that libyaml 0.2.5 itself rejects (checked with PyYAML's `CParser`, which
    /// rejects the same ones). A valid case rejected by libyaml that is not here fails the test.
    static let knownLibyamlRejections: Set<String> = [
        "2LFX", "2SXE", "4MUZ/00", "4MUZ/01", "4MUZ/02", "58MP", "5MUD", "5T43", "6BCT", "6CA3",
        "6LVF", "7Z25", "8XYN", "96NN/00", "96NN/01", "9SA2", "A2M4", "BEC7", "DBG4", "DK3J",
        "DK95/00", "DK95/03", "DK95/04", "FP8R", "HM87/00", "HWV9", "K3WX", "M7A3", "MUS6/05",
        "MUS6/06", "NJ66", "Q5MG", "QT73", "R4YG", "UT92", "VJP3/01", "W4TN", "W5VH", "Y79Y/001",
        "Y79Y/010",
    ]

    /// Invalid cases that libyaml 0.2.5 accepts (PyYAML's `CParser` accepts the same ones). An
    /// invalid case accepted that is not here fails the test.
    static let knownLibyamlAcceptances: Set<String> = [
        "9C9N", "9HCY", "9JBA", "CVW2", "DK95/01", "EB22", "G5U8", "MUS6/00", "MUS6/01", "QB6E",
        "RHX7", "S98Z", "SU5Z", "X4QW", "Y79Y/003", "YJV2",
    ]

    struct Case {
        var id: String
        var name: String
        var directory: URL
        var isError: Bool
        var hasJSON: Bool
    }

    /// Every case folder (a folder with `in.yaml`), sorted by id (`229Q`, `2G84/00`, …).
    static func cases() throws -> [Case] {
        let manager = FileManager.default
        let root = suiteDirectory.standardizedFileURL.path
        guard let enumerator = manager.enumerator(atPath: root) else { return [] }
        var found: [Case] = []
        for case let relative as String in enumerator where (relative as NSString).lastPathComponent == "in.yaml" {
            let id = (relative as NSString).deletingLastPathComponent
            let directory = URL(fileURLWithPath: root).appendingPathComponent(id)
            let nameFile = directory.appendingPathComponent("===")
            let name =
                (try? String(contentsOf: nameFile, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            found.append(
                Case(
                    id: id, name: name, directory: directory,
                    isError: manager.fileExists(atPath: directory.appendingPathComponent("error").path),
                    hasJSON: manager.fileExists(atPath: directory.appendingPathComponent("in.json").path)))
        }
        return found.sorted { $0.id < $1.id }
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    @Test(
        "every case of the suite loads as expected",
        .enabled(if: suiteIsPresent, "yaml-test-suite not found at ../shared/yaml-test-suite")
    )
    func conformance() throws {
        let cases = try Self.cases()
        #expect(cases.count > 300, "too few cases found in \(Self.suiteDirectory.path)")

        var validEqual: [String] = []
        var validRejectedByLibyaml: [String] = []
        var validAllowListed: [String] = []
        var validDiffering: [String] = []
        var invalidRejected: [String] = []
        var invalidAccepted: [String] = []
        var noJSONLoaded: [String] = []
        var noJSONRejected: [String] = []
        var implausibleMarks: [String] = []

        for testCase in cases {
            let input = try Self.bytes(testCase.directory.appendingPathComponent("in.yaml"))
            let stream = YAMLLoader.load(input)
            for diagnostic in stream.diagnostics {
                if let why = implausibility(of: diagnostic.mark, in: input) {
                    implausibleMarks.append("\(testCase.id): \(diagnostic.problem.message) at \(diagnostic.mark): \(why)")
                }
            }
            let libyamlRejected = stream.errors.contains { $0.problem.isFromLibyaml }
            let label = "\(testCase.id) (\(testCase.name))"

            if testCase.isError {
                if stream.hasErrors {
                    invalidRejected.append(label)
                } else {
                    invalidAccepted.append(label)
                    if !Self.knownLibyamlAcceptances.contains(testCase.id) {
                        Issue.record("\(label) is invalid but loads without an error")
                    }
                }
                continue
            }
            guard testCase.hasJSON else {
                if let error = stream.errors.first {
                    noJSONRejected.append("\(label): \(error.mark): \(error.problem.message)")
                } else {
                    noJSONLoaded.append(label)
                }
                continue
            }
            if libyamlRejected {
                validRejectedByLibyaml.append(label)
                if !Self.knownLibyamlRejections.contains(testCase.id) {
                    let errors = stream.errors.map { "\($0.mark): \($0.problem.message)" }
                    Issue.record("\(label) is valid but rejected: \(errors.joined(separator: "; "))")
                }
                continue
            }
            let expected = try JSONStreamReader.values(Self.bytes(testCase.directory.appendingPathComponent("in.json")))
            let actual = stream.documents.map(\.root.data)
            var difference: String?
            if stream.hasErrors {
                difference = "loader errors: " + stream.errors.map { "\($0.mark): \($0.problem.message)" }.joined(separator: "; ")
            } else if actual != expected {
                difference = "expected \(expected), loaded \(actual)"
            }
            if let reason = Self.allowList[testCase.id] {
                if difference == nil {
                    Issue.record("\(label) is allow-listed (\(reason)) but now loads as expected: remove it from the list")
                } else {
                    validAllowListed.append("\(label): \(reason)")
                }
            } else if let difference {
                validDiffering.append(label)
                Issue.record("\(label): \(difference)")
            } else {
                validEqual.append(label)
            }
        }

        for line in implausibleMarks { Issue.record("implausible mark: \(line)") }

        let summary = """
            yaml-test-suite: \(cases.count) cases
              valid, equal to in.json:           \(validEqual.count)
              valid, rejected by libyaml 0.2.5:  \(validRejectedByLibyaml.count)
              valid, allow-listed:               \(validAllowListed.count)
              valid, differing (failures):       \(validDiffering.count)
              invalid, rejected:                 \(invalidRejected.count)
              invalid, accepted by libyaml:      \(invalidAccepted.count)
              valid without in.json, loaded:     \(noJSONLoaded.count)
              valid without in.json, rejected:   \(noJSONRejected.count)
            valid cases libyaml rejects: \(validRejectedByLibyaml.joined(separator: ", "))
            allow-listed: \(validAllowListed.joined(separator: "; "))
            invalid cases libyaml accepts: \(invalidAccepted.joined(separator: ", "))
            valid cases without in.json that are rejected (first error):
              \(noJSONRejected.joined(separator: "\n  "))
            """
        print(summary)
    }
}
