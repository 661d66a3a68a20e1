import Foundation
import PolicykollCore
import PolicykollTestSupport
import PolicykollYAML
import Testing

/// A broken rule pack and the located error it must give.
struct BrokenPackCase: CustomTestStringConvertible, Sendable {
    let name: String
    let rules: String
    let message: String
    let line: Int
    let column: Int
    var testDescription: String { name }
}

@Suite("Rule-pack validation: strict, located errors before anything runs")
struct RulePackValidationTests {
    static func rule(_ body: String) -> String {
        """
          - id: R-1
            title: T
            severity: error
            area: a
            principle: P-1
        \(body)
        """
    }

    // Rules text starts at line 4 of rules.yaml (after apiVersion, kind, rules:).
    static let cases: [BrokenPackCase] = [
        .init(
            name: "unknown operator with a hint", rules: rule("    assert: {path: spec.x, equal: 1}"),
            message: "unknown operator 'equal'; did you mean 'equals'?", line: 9, column: 28),
        .init(
            name: "two operators in one leaf", rules: rule("    assert: {path: spec.x, equals: 1, exists: true}"),
            message: "exactly one operator", line: 9, column: 39),
        .init(
            name: "misspelt kind in appliesTo",
            rules: rule("    appliesTo: [System, Sytsem]\n    assert: {path: spec.x, exists: true}"),
            message: "unknown kind 'Sytsem'; did you mean 'System'? (kinds are case-sensitive)", line: 9, column: 25),
        .init(
            name: "a misspelt {path: …} operand", rules: rule("    assert: {path: spec.x, equals: {paht: spec.y}}"),
            message: "'{paht: …}' would be compared as a literal mapping; did you mean '{path: …}'?", line: 9, column: 37),
        .init(
            name: "{Path: …} in another case", rules: rule("    assert: {path: spec.x, contains: {Path: spec.y}}"),
            message: "'{Path: …}' would be compared as a literal mapping; did you mean '{path: …}'?", line: 9, column: 39),
        .init(
            name: "empty appliesTo", rules: rule("    appliesTo: []\n    assert: {path: spec.x, exists: true}"),
            message: "'appliesTo' must be a list of at least one kind, found an empty list", line: 9, column: 16),
        .init(
            name: "appliesTo holding a number",
            rules: rule("    appliesTo: [System, 5]\n    assert: {path: spec.x, exists: true}"),
            message: "'appliesTo' must be a list of kinds (strings), found a list holding an integer", line: 9, column: 25),
        .init(
            name: "kind in the wrong case", rules: rule("    appliesTo: system\n    assert: {path: spec.x, exists: true}"),
            message: "unknown kind 'system'; did you mean 'System'?", line: 9, column: 16),
        .init(
            name: "misspelt kind in ref", rules: rule("    assert: {ref: spec.x, kind: Sysem}"),
            message: "unknown kind 'Sysem'; did you mean 'System'?", line: 9, column: 33),
        .init(
            name: "unclosed message template",
            rules: rule("    assert: {path: spec.x, exists: true}\n    message: {sv: \"{{metadata.name saknar x\", en: ok}"),
            message: "in the message template, '{{metadata.name saknar x' is not closed with '}}'", line: 10, column: 19),
        .init(
            name: "message template without a path",
            rules: rule("    assert: {path: spec.x, exists: true}\n    message: \"{{ spec..x }} saknas\""),
            message: "in the message template, '{{ spec..x }}' does not hold a path (such as {{metadata.name}})", line: 10,
            column: 14),
        .init(
            name: "no operator", rules: rule("    assert: {path: spec.x}"),
            message: "a condition needs an operator", line: 9, column: 13),
        .init(
            name: "bad regex", rules: rule("    assert: {path: spec.x, matches: \"(unclosed\"}"),
            message: "invalid regular expression '(unclosed'", line: 9, column: 37),
        .init(
            name: "bad duration", rules: rule("    assert: {path: spec.x, within: 12M}"),
            message: "'12M' is not an ISO 8601 duration", line: 9, column: 36),
        .init(
            name: "a number as a duration is quoted", rules: rule("    assert: {path: spec.x, within: 5}"),
            message: "'5' is not an ISO 8601 duration", line: 9, column: 36),
        .init(
            name: "a number as a date is quoted", rules: rule("    assert: {path: spec.x, after: 5}"),
            message: "'5' is not a date", line: 9, column: 35),
        .init(
            name: "bad date", rules: rule("    assert: {path: spec.x, before: yesterday}"),
            message: "'yesterday' is not a date", line: 9, column: 36),
        .init(
            name: "bad type", rules: rule("    assert: {path: spec.x, type: text}"),
            message: "'text' is not a type", line: 9, column: 34),
        .init(
            name: "bad path", rules: rule("    assert: {path: \"spec..x\", exists: true}"),
            message: "'spec..x' is not a valid path", line: 9, column: 20),
        .init(
            name: "exists needs a boolean", rules: rule("    assert: {path: spec.x, exists: yes}"),
            message: "'exists' needs true or false", line: 9, column: 36),
        .init(
            name: "minItems needs a count", rules: rule("    assert: {path: spec.x, minItems: -1}"),
            message: "'minItems' needs a non-negative integer", line: 9, column: 38),
        .init(
            name: "in needs a list", rules: rule("    assert: {path: spec.x, in: a}"),
            message: "'in' needs a list of values", line: 9, column: 32),
        .init(
            name: "within takes no path", rules: rule("    assert: {path: spec.x, within: {path: spec.d}}"),
            message:
                "'within' takes no {path: …} operand; only equals, notEquals, in, notIn, gt, gte, lt, lte, contains, before, after",
            line: 9, column: 36),
        .init(
            name: "matches takes no path", rules: rule("    assert: {path: spec.x, matches: {path: spec.d}}"),
            message: "'matches' takes no {path: …} operand", line: 9, column: 37),
        .init(
            name: "a path operand with another key", rules: rule("    assert: {path: spec.x, equals: {path: spec.y, x: 1}}"),
            message: "a {path: …} operand has no other keys (found 'x')", line: 9, column: 37),
        .init(
            name: "each needs assert", rules: rule("    assert: {each: spec.x}"),
            message: "'each' needs 'assert'", line: 9, column: 13),
        .init(
            name: "all needs a list", rules: rule("    assert: {all: []}"),
            message: "'all' needs a non-empty list", line: 9, column: 19),
        .init(
            name: "all mixed with path", rules: rule("    assert: {all: [{path: a, exists: true}], path: b}"),
            message: "'all' cannot be combined", line: 9, column: 46),
        .init(
            name: "ref needs kind", rules: rule("    assert: {ref: spec.x}"),
            message: "'ref' needs 'kind'", line: 9, column: 13),
        .init(
            name: "unknown key in a rule", rules: rule("    assert: {path: spec.x, exists: true}\n    severty: error"),
            message: "unknown key 'severty' in a rule; did you mean 'severity'?", line: 10, column: 5),
        .init(name: "missing assert", rules: rule(""), message: "rule R-1 needs 'assert'", line: 4, column: 5),
        .init(
            name: "invalid severity",
            rules: "  - {id: R-1, title: T, severity: fatal, area: a, principle: P-1, assert: {path: x, exists: true}}",
            message: "severity 'fatal' is not one of error, warning, info", line: 4, column: 35),
        .init(
            name: "unknown principle",
            rules: "  - {id: R-1, title: T, severity: error, area: a, principle: X-9, assert: {path: x, exists: true}}",
            message: "unknown principle 'X-9'", line: 4, column: 62),
        .init(
            name: "unknown area",
            rules: "  - {id: R-1, title: T, severity: error, area: zz, principle: P-1, assert: {path: x, exists: true}}",
            message: "unknown area 'zz'", line: 4, column: 48),
        .init(
            name: "principle of another area",
            rules: "  - {id: R-1, title: T, severity: error, area: b, principle: P-1, assert: {path: x, exists: true}}",
            message: "principle 'P-1' belongs to area 'a', not 'b'", line: 4, column: 62),
        .init(
            name: "text needs both languages",
            rules: "  - {id: R-1, title: {sv: T}, severity: error, area: a, principle: P-1, assert: {path: x, exists: true}}",
            message: "'title' needs 'en'", line: 4, column: 22),
        .init(
            name: "duplicate rule id",
            rules: "  - {id: R-1, title: T, severity: error, area: a, principle: P-1, assert: {path: x, exists: true}}\n"
                + "  - {id: R-1, title: T, severity: error, area: a, principle: P-1, assert: {path: x, exists: true}}",
            message: "duplicate rule id 'R-1' (first defined at rules.yaml:4:10)", line: 5, column: 10),
        .init(
            name: "duplicate rule id of a rule with another error",
            rules: "  - {id: R-1, title: T, severity: error, area: a, principle: P-1, assert: {path: x, within: P12X}}\n"
                + "  - {id: R-1, title: T, severity: eror, area: a, principle: P-1, assert: {path: x, exists: true}}",
            message: "duplicate rule id 'R-1' (first defined at rules.yaml:4:10)", line: 5, column: 10),
    ]

    @Test("a broken pack gives a located error", arguments: cases)
    func brokenPack(_ row: BrokenPackCase) throws {
        let result = Fixtures.pack(rules: row.rules)
        #expect(result.pack == nil)
        let errors = result.diagnostics.filter { $0.severity == .error }
        let match = errors.first { $0.message.contains(row.message) }
        #expect(match != nil, "expected '\(row.message)' among \(errors.map { "\($0.mark?.description ?? "-") \($0.message)" })")
        #expect(match?.file == "rules.yaml")
        #expect(match?.mark == Mark(line: row.line, column: row.column))
    }

    @Test("a valid pack loads, with texts as strings or {sv, en}")
    func validPack() throws {
        let result = Fixtures.pack(rules: Fixtures.rule(assert: "{path: spec.x, exists: true}"))
        let pack = try #require(result.pack)
        #expect(pack.name == "test")
        #expect(pack.version == "1.0")
        #expect(pack.rules.map(\.id) == ["R-1"])
        #expect(pack.area("a")?.title == LocalizedText(sv: "Område A", en: "Area A"))
        #expect(pack.area("b")?.title == LocalizedText("B"))
        #expect(pack.sha256.count == 64)
    }

    @Test("an unquoted version keeps its digits as written", arguments: ["1.10", "2026.10", "1.0", "3", "\"2026.1\""])
    func unquotedVersion(written: String) throws {
        let catalogue = Fixtures.catalogue.replacingOccurrences(of: "version: \"1.0\"", with: "version: \(written)")
        let rules = "apiVersion: policykoll/v1\nkind: Rules\nrules:\n" + Fixtures.rule(assert: "{path: spec.x, exists: true}")
        let pack = try #require(Fixtures.load([("pack.yaml", catalogue), ("rules.yaml", rules)]).pack)
        #expect(pack.version == written.replacingOccurrences(of: "\"", with: ""))
    }

    @Test("a pattern that several files use is compiled once for the pack")
    func patternsShared() throws {
        func rules(_ id: String) -> String {
            "apiVersion: policykoll/v1\nkind: Rules\nrules:\n"
                + Fixtures.rule(id: id, assert: "{path: spec.x, matches: '(?i)^nej'}")
        }
        let pack = try #require(
            Fixtures.load([("pack.yaml", Fixtures.catalogue), ("a.yaml", rules("R-1")), ("b.yaml", rules("R-2"))]).pack)
        let compiled = pack.rules.compactMap { rule -> CompiledPattern? in
            if case .test(_, .matches(let pattern)) = rule.assertion { return pattern }
            return nil
        }
        try #require(compiled.count == 2)
        #expect(compiled[0] === compiled[1])
    }

    @Test("a pack without a RulePack document is an error")
    func noRulePack() {
        let result = Fixtures.load([("rules.yaml", "apiVersion: policykoll/v1\nkind: Rules\nrules: []\n")])
        #expect(result.pack == nil)
        #expect(result.diagnostics.contains { $0.message.contains("no RulePack document") })
    }

    @Test("other kinds and apiVersions in a pack are errors")
    func wrongKind() {
        let result = Fixtures.load([
            ("pack.yaml", Fixtures.catalogue),
            ("x.yaml", "apiVersion: policykoll/v2\nkind: Exceptions\nexceptions: []\n"),
        ])
        #expect(result.pack == nil)
        let messages = result.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("unsupported apiVersion 'policykoll/v2'") })
        #expect(messages.contains { $0.contains("not 'Exceptions'") })
    }

    @Test("empty documents in pack files are passed over; a file of nothing else is an error")
    func emptyDocuments() throws {
        let rules = "apiVersion: policykoll/v1\nkind: Rules\nrules:\n" + Fixtures.rule(assert: "{path: spec.x, exists: true}")
        let loaded = Fixtures.load([
            ("pack.yaml", "---\n" + Fixtures.catalogue + "\n---\n"), ("rules.yaml", rules + "---\n---\n"),
        ])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(try #require(loaded.pack).rules.map(\.id) == ["R-1"])
        let empty = Fixtures.load([("pack.yaml", Fixtures.catalogue), ("empty.yaml", "---\n# nothing yet\n---\n")])
        #expect(empty.pack == nil)
        #expect(empty.diagnostics.map(\.message) == ["the file holds only empty documents; expected at least one with content"])
    }

    @Test("YAML errors in a pack file are reported with the file's location")
    func yamlErrorInPack() {
        let result = Fixtures.load([("pack.yaml", Fixtures.catalogue), ("bad.yaml", "rules: [\n")])
        #expect(result.pack == nil)
        #expect(result.diagnostics.contains { $0.file == "bad.yaml" && $0.message.hasPrefix("invalid YAML") })
    }

    @Test("a rule's unknown area or misplaced principle is reported even when the rule has other errors")
    func catalogueErrorsBesideOthers() {
        let rules = """
              - {id: R-1, title: T, severity: fatal, area: c, principle: P-1, assert: {path: spec.x, exists: true}}
              - {id: R-2, title: T, severity: error, area: a, principle: Q-1, assert: {path: spec.x, before: 2026-13-01}}

            """
        let loaded = Fixtures.load([
            ("pack.yaml", Fixtures.catalogue), ("rules.yaml", "apiVersion: policykoll/v1\nkind: Rules\nrules:\n" + rules),
        ])
        let messages = loaded.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("severity 'fatal'") })
        #expect(messages.contains { $0.contains("unknown area 'c'") || $0.contains("area 'c'") }, "\(messages)")
        #expect(messages.contains { $0.contains("'2026-13-01' is not a date") })
        #expect(messages.contains { $0.contains("principle 'Q-1' belongs to area 'b', not 'a'") }, "\(messages)")
    }

    @Test("several problems in one pack are all reported")
    func manyProblems() {
        let rules = """
              - {id: R-1, title: T, severity: error, area: a, principle: P-1, assert: {path: x, equal: 1}}
              - {id: R-2, title: T, severity: error, area: a, principle: P-1, assert: {path: x, within: soon}}
            """
        let result = Fixtures.pack(rules: rules)
        #expect(result.diagnostics.filter { $0.severity == .error }.count == 2)
    }
}
