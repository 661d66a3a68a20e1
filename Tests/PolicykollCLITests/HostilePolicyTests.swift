import Foundation
import Testing

/// Hostile rule packs, exceptions files and baselines, and rules that could make evaluation slow.
@Suite("Hostile rule packs, exceptions and baselines", .serialized)
struct HostilePolicyTests {
    /// A copy of the test pack's catalogue in a fresh folder, with `rules` as its rules file.
    private func pack(rules: [UInt8], in folder: TemporaryFolder) throws -> String {
        let packFolder = folder.file("pack")
        try FileManager.default.createDirectory(at: packFolder, withIntermediateDirectories: true)
        try Fixture.data("pack/pack.yaml").write(to: packFolder.appendingPathComponent("pack.yaml"))
        try Data(rules).write(to: packFolder.appendingPathComponent("rules.yaml"))
        return packFolder.path
    }

    static let ruleHeader = "apiVersion: policykoll/v1\nkind: Rules\nrules:\n"

    /// A rule of the test pack around an `assert` (five lines before it).
    static func rule(_ id: String, assert: String) -> String {
        "  - id: \(id)\n    title: T\n    severity: error\n    area: testomrade\n    principle: TST-1\n    assert: \(assert)\n"
    }

    /// A hostile rules file and where its error must point.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: @Sendable () -> [UInt8]
        var line: Int
        var column: Int
        var fragment: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "an alias bomb",
            bytes: {
                let bomb = HostileInput.aliasBomb.split(separator: "\n").drop { !$0.hasPrefix("  a0:") }
                return Array(
                    (ruleHeader + rule("B-1", assert: "{path: a, exists: true}") + "x:\n" + bomb.joined(separator: "\n")).utf8)
            },
            line: 16, column: 12, fragment: "aliases expand to more than 100000 nodes"),
        Case(
            name: "300,000 nested flow sequences",
            bytes: {
                Array(
                    (ruleHeader
                        + rule("B-1", assert: String(repeating: "[", count: 300_000) + String(repeating: "]", count: 300_000)))
                        .utf8)
            },
            line: 9, column: 266, fragment: "nested more than 256 levels deep"),
        Case(
            name: "conditions nested 300 deep",
            bytes: {
                Array(
                    (ruleHeader
                        + rule(
                            "B-1",
                            assert: String(repeating: "{not: ", count: 300) + "{path: a, exists: true}"
                                + String(repeating: "}", count: 300))).utf8)
            },
            line: 9, column: 1531, fragment: "nested more than 256 levels deep"),
        Case(
            name: "invalid UTF-8",
            bytes: { Array((ruleHeader + rule("B-1", assert: "{path: a, equals: x")).utf8) + [0xC3, 0x28, 0x7D, 0x0A] },
            line: 10, column: 1, fragment: "not valid UTF-8"),
        Case(
            name: "a tab in indentation",
            bytes: { Array((ruleHeader + rule("B-1", assert: "{path: a, exists: true}") + "\ttitle: x\n").utf8) },
            line: 10, column: 1, fragment: "tab"),
        Case(
            name: "a duplicate key",
            bytes: { Array((ruleHeader + rule("B-1", assert: "{path: a, exists: true}") + "    title: again\n").utf8) },
            line: 10, column: 5, fragment: "duplicate key 'title'"),
        Case(
            name: "an unterminated quote", bytes: { Array((ruleHeader + rule("B-1", assert: "{path: a, equals: \"x}\n")).utf8) },
            line: 9, column: 31, fragment: "never closed"),
        Case(name: "a binary file", bytes: { Array(ruleHeader.utf8) + [0, 1, 2] }, line: 4, column: 1, fragment: "binary"),
        Case(name: "an empty file", bytes: { [] }, line: 1, column: 1, fragment: "empty"),
        Case(
            name: "a merge key on a scalar",
            bytes: { Array((ruleHeader + rule("B-1", assert: "{<<: 1, path: a, exists: true}")).utf8) },
            line: 9, column: 18, fragment: "merge key '<<'"),
        Case(
            name: "a complex key", bytes: { Array((ruleHeader + rule("B-1", assert: "{[a]: 1}")).utf8) }, line: 9, column: 14,
            fragment: "key must be a scalar"),
        Case(
            name: "an integer beyond 64 bits",
            bytes: { Array((ruleHeader + rule("B-1", assert: "{path: a, minItems: 99999999999999999999}")).utf8) },
            line: 9, column: 33, fragment: "out of range"),
        Case(
            name: "a recursive alias", bytes: { Array((ruleHeader + rule("B-1", assert: "&c {not: *c}")).utf8) }, line: 9,
            column: 22, fragment: "recursive alias"),
    ]

    @Test("A hostile rules file fails the run with exit 2 and a located error", arguments: cases)
    func hostileRules(_ hostile: Case) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let packPath = try pack(rules: hostile.bytes(), in: folder)
        let result = await CLI.runBounded([
            "check", "--policy", packPath, "--as-of", "2026-11-26", Fixture.path("decls/clean.yaml"),
        ])
        #expect(result.status == 2, "\(result.summary.prefix(3000))")
        let header = "\(packPath)/rules.yaml:\(hostile.line):\(hostile.column): error: "
        let line = result.stdoutLines.first { $0.hasPrefix(header) }
        #expect(line?.contains(hostile.fragment) == true, "\(result.summary.prefix(3000))")
    }

    @Test("^(a+)+$ against a 100,000-character value ends, and the finding is reported")
    func catastrophicRegex() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let rules =
            Self.ruleHeader + Self.rule("R-1", assert: "{path: spec.x, matches: \"^(a+)+$\"}")
            + Self.rule("R-2", assert: "{path: spec.x, notMatches: \"(a|aa)*c\"}")
        let packPath = try pack(rules: Array(rules.utf8), in: folder)
        let declaration = folder.file("long.yaml")
        let value = String(repeating: "a", count: 100_000) + "b"
        try Data((HostileInput.header("long") + "spec:\n  x: \(value)\n").utf8).write(to: declaration)
        let result = await CLI.runBounded(
            ["check", "--format", "json", "--policy", packPath, "--as-of", "2026-11-26", declaration.path])
        #expect(result.status == 1, "\(result.summary.prefix(2000))")
        #expect(findings(result.json()).map(brief) == ["\(declaration.path):8:6 R-1 spec.x"])
    }

    @Test("Conditions nested 240 deep (just under the depth limit of 256) evaluate")
    func deepConditions() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 100 `all` (a mapping and a list each) and 39 `not` around one test: 239 levels, plus the
        // document, the rule list and the rule, and the test's own mapping.
        let condition =
            String(repeating: "{all: [", count: 100) + String(repeating: "{not: ", count: 39)
            + "{path: spec.x, exists: true}" + String(repeating: "}", count: 39) + String(repeating: "]}", count: 100)
        let packPath = try pack(rules: Array((Self.ruleHeader + Self.rule("D-1", assert: condition)).utf8), in: folder)
        let declaration = folder.file("deep.yaml")
        try Data((HostileInput.header("deep") + "spec:\n  x: 1\n").utf8).write(to: declaration)
        let result = await CLI.runBounded(
            ["check", "--format", "json", "--policy", packPath, "--as-of", "2026-11-26", declaration.path])
        // 39 negations of `exists: true` on a present value: false, so one finding.
        #expect(result.status == 1, "\(result.summary.prefix(2000))")
        #expect(findings(result.json()).map { $0["ruleId"] as? String } == ["D-1"])
    }

    @Test("A 200,000-item `in` list against 2,000 declarations of 10 values each: hashed, not scanned")
    func hugeInList() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let items = (0..<200_000).map { "v\($0)" }.joined(separator: ", ")
        let rules =
            Self.ruleHeader + Self.rule("IN-1", assert: "{each: spec.values, assert: {in: [\(items), 1]}}")
            + Self.rule("IN-2", assert: "{each: spec.values, assert: {notIn: [\(items), \"1\"]}}")
        let packPath = try pack(rules: Array(rules.utf8), in: folder)
        var text = ""
        for index in 0..<2000 {
            // The last value of each is beyond the list: it is the only finding of IN-1. The
            // number 1.0 is in the list as 1, the string "1" is not.
            let values = (0..<8).map { "v\(199_990 - $0 - index)" } + ["1.0", "v\(200_000 + index)"]
            text += "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: d\(index), name: N, organisation: O}\n"
            text += "spec: {values: [\(values.joined(separator: ", "))]}\n---\n"
        }
        text +=
            "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: strings, name: N, organisation: O}\nspec: {values: [\"1\"]}\n"
        let declarations = folder.file("many.yaml")
        try Data(text.utf8).write(to: declarations)
        let result = await CLI.runBounded(
            ["check", "--format", "json", "--policy", packPath, "--as-of", "2026-11-26", declarations.path], timeout: 60)
        #expect(result.status == 1, "\(result.summary.prefix(2000))")
        let all = findings(result.json())
        let inFindings = all.filter { $0["ruleId"] as? String == "IN-1" }
        #expect(inFindings.count == 2001)
        #expect(inFindings.filter { ($0["path"] as? String) == "spec.values[9]" }.count == 2000)
        #expect(inFindings.last?["declaration"] as? String == "strings", "the string \"1\" is not the number 1")
        // notIn: every v… value below 200,000 is in the list; 1.0 is not "1"; the last string "1" is.
        let notIn = all.filter { $0["ruleId"] as? String == "IN-2" }
        #expect(notIn.count == 2000 * 8 + 1)
    }
}

@Suite("Hostile declarations against comparing rules")
struct HostileComparisonTests {
    @Test("equals between two mappings of 50,000 keys each compares by key lookup")
    func largeMappingEquality() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let packFolder = folder.file("pack")
        try FileManager.default.createDirectory(at: packFolder, withIntermediateDirectories: true)
        try Fixture.data("pack/pack.yaml").write(to: packFolder.appendingPathComponent("pack.yaml"))
        let rules =
            HostilePolicyTests.ruleHeader + HostilePolicyTests.rule("EQ-1", assert: "{path: spec.a, equals: {path: spec.b}}")
        try Data(rules.utf8).write(to: packFolder.appendingPathComponent("rules.yaml"))
        let keys = (0..<50_000).map { "k\($0): 1" }
        // The same keys in the opposite order, and the value of the key compared last different.
        let a = keys.joined(separator: ", ")
        let b = keys.reversed().joined(separator: ", ").replacingOccurrences(of: "k49999: 1", with: "k49999: 2")
        let declaration = folder.file("maps.yaml")
        try Data((HostileInput.header("maps") + "spec:\n  a: {\(a)}\n  b: {\(b)}\n").utf8).write(to: declaration)
        let result = await CLI.runBounded(
            ["check", "--format", "json", "--policy", packFolder.path, "--as-of", "2026-11-26", declaration.path])
        #expect(result.status == 1, "\(result.summary.prefix(2000))")
        #expect(findings(result.json()).map { $0["ruleId"] as? String } == ["EQ-1"])
    }
}
