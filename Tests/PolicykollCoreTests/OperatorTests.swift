import PolicykollCore
import PolicykollTestSupport
import Testing

/// One row of the operator table: a condition, a spec, and whether it must hold.
struct OperatorCase: CustomTestStringConvertible, Sendable {
    let condition: String
    let spec: String
    let holds: Bool
    var testDescription: String { "\(condition) on \(spec) → \(holds)" }

    init(_ condition: String, _ spec: String, _ holds: Bool) {
        self.condition = condition
        self.spec = spec
        self.holds = holds
    }
}

@Suite("Operators: every operator on present, missing and wrongly typed values")
struct OperatorTests {
    static let spec = """
          name: Förskola
          level: 3
          ratio: 2.5
          flag: true
          nothing: null
          since: 2026-03-10
          old: 2024-01-01
          future: 2027-05-01
          text: "3"
          tags: [web, app]
          empty: []
          nested: {a: {b: 1}}
          other: 3
          owners: [{name: a, role: x}, {name: c}]
        """

    static let cases: [OperatorCase] = [
        // exists
        .init("{path: spec.name, exists: true}", spec, true),
        .init("{path: spec.missing, exists: true}", spec, false),
        .init("{path: spec.missing, exists: false}", spec, true),
        .init("{path: spec.nothing, exists: true}", spec, false),
        .init("{path: spec.nothing, exists: false}", spec, true),
        .init("{path: spec.name, exists: false}", spec, false),
        // equals / notEquals: type-aware
        .init("{path: spec.level, equals: 3}", spec, true),
        .init("{path: spec.level, equals: 3.0}", spec, true),
        .init("{path: spec.level, equals: \"3\"}", spec, false),
        .init("{path: spec.text, equals: 3}", spec, false),
        .init("{path: spec.text, equals: \"3\"}", spec, true),
        .init("{path: spec.flag, equals: true}", spec, true),
        .init("{path: spec.flag, equals: \"true\"}", spec, false),
        .init("{path: spec.tags, equals: [web, app]}", spec, true),
        .init("{path: spec.nested, equals: {a: {b: 1}}}", spec, true),
        .init("{path: spec.missing, equals: 3}", spec, false),
        .init("{path: spec.level, notEquals: 4}", spec, true),
        .init("{path: spec.level, notEquals: 3}", spec, false),
        .init("{path: spec.missing, notEquals: 3}", spec, false),
        .init("{path: spec.level, equals: {path: spec.other}}", spec, true),
        .init("{path: spec.level, equals: {path: spec.missing}}", spec, false),
        // in / notIn
        .init("{path: spec.name, in: [Förskola, Skola]}", spec, true),
        .init("{path: spec.name, in: [Skola]}", spec, false),
        .init("{path: spec.level, in: [\"3\"]}", spec, false),
        .init("{path: spec.missing, in: [a]}", spec, false),
        .init("{path: spec.name, notIn: [Skola]}", spec, true),
        .init("{path: spec.name, notIn: [Förskola]}", spec, false),
        .init("{path: spec.missing, notIn: [a]}", spec, false),
        .init("{path: \"spec.tags[0]\", in: {path: spec.tags}}", spec, true),
        // matches / notMatches (unanchored)
        .init("{path: spec.name, matches: \"skol\"}", spec, true),
        .init("{path: spec.name, matches: \"^skol\"}", spec, false),
        .init("{path: spec.level, matches: \"3\"}", spec, false),
        .init("{path: spec.missing, matches: \".*\"}", spec, false),
        .init("{path: spec.name, notMatches: \"^X\"}", spec, true),
        .init("{path: spec.missing, notMatches: \"^X\"}", spec, false),
        // gt / gte / lt / lte on numbers and dates
        .init("{path: spec.level, gt: 2}", spec, true),
        .init("{path: spec.level, gt: 3}", spec, false),
        .init("{path: spec.level, gte: 3}", spec, true),
        .init("{path: spec.level, lt: 3.5}", spec, true),
        .init("{path: spec.ratio, lte: 2.5}", spec, true),
        .init("{path: spec.text, gt: 2}", spec, false),
        .init("{path: spec.missing, lt: 100}", spec, false),
        .init("{path: spec.since, gt: 2026-01-01}", spec, true),
        .init("{path: spec.since, lt: 2026-01-01}", spec, false),
        .init("{path: spec.since, gte: {path: spec.old}}", spec, true),
        .init("{path: spec.name, gt: 2026-01-01}", spec, false),
        // contains
        .init("{path: spec.tags, contains: web}", spec, true),
        .init("{path: spec.tags, contains: phone}", spec, false),
        .init("{path: spec.name, contains: kol}", spec, true),
        .init("{path: spec.level, contains: 3}", spec, false),
        .init("{path: spec.owners, contains: {name: c}}", spec, true),
        // A one-key mapping whose key is no near-miss of `path` is a literal, as `{date: x}`.
        .init("{path: spec.owners, contains: {date: x}}", spec, false),
        .init("{path: spec.owners, contains: {patch: 3}}", spec, false),
        .init("{path: spec.owners, contains: {math: A}}", spec, false),
        .init("{path: spec.owners, contains: {name: a}}", spec, false),
        .init("{path: spec.missing, contains: a}", spec, false),
        // minItems / maxItems
        .init("{path: spec.tags, minItems: 2}", spec, true),
        .init("{path: spec.tags, minItems: 3}", spec, false),
        .init("{path: spec.empty, maxItems: 0}", spec, true),
        .init("{path: spec.name, minItems: 0}", spec, false),
        .init("{path: spec.missing, maxItems: 5}", spec, false),
        // type
        .init("{path: spec.name, type: string}", spec, true),
        .init("{path: spec.level, type: integer}", spec, true),
        .init("{path: spec.level, type: number}", spec, true),
        .init("{path: spec.ratio, type: integer}", spec, false),
        .init("{path: spec.flag, type: boolean}", spec, true),
        .init("{path: spec.tags, type: list}", spec, true),
        .init("{path: spec.nested, type: map}", spec, true),
        .init("{path: spec.since, type: date}", spec, true),
        .init("{path: spec.since, type: string}", spec, true),
        .init("{path: spec.name, type: date}", spec, false),
        .init("{path: spec.nothing, type: null}", spec, true),
        .init("{path: spec.missing, type: null}", spec, false),
        // A null is a value not given: every operator but `exists: false` and `type: null` is false.
        .init("{path: spec.nothing, equals: null}", spec, false),
        .init("{path: spec.nothing, notEquals: none}", spec, false),
        .init("{path: spec.nothing, in: [none, null]}", spec, false),
        .init("{path: spec.nothing, notIn: [none]}", spec, false),
        .init("{path: spec.nothing, notMatches: '^none$'}", spec, false),
        .init("{path: spec.nothing, lt: 5}", spec, false),
        .init("{path: spec.nothing, maxItems: 3}", spec, false),
        .init("{path: spec.nothing, type: string}", spec, false),
        .init("{path: spec.nothing, before: today}", spec, false),
        .init("{path: spec.level, notEquals: {path: spec.nothing}}", spec, false),
        .init("{path: spec.level, equals: {path: spec.nothing}}", spec, false),
        // within / before / after (as-of 2026-11-26)
        .init("{path: spec.since, within: P12M}", spec, true),
        .init("{path: spec.old, within: P12M}", spec, false),
        .init("{path: spec.future, within: P12M}", spec, false),
        .init("{path: spec.since, within: P1Y}", spec, true),
        .init("{path: spec.since, within: P30D}", spec, false),
        .init("{path: spec.name, within: P12M}", spec, false),
        .init("{path: spec.missing, within: P12M}", spec, false),
        .init("{path: spec.old, before: today}", spec, true),
        .init("{path: spec.future, before: today}", spec, false),
        .init("{path: spec.future, after: today}", spec, true),
        .init("{path: spec.since, after: 2026-03-09}", spec, true),
        .init("{path: spec.since, after: {path: spec.old}}", spec, true),
        .init("{path: spec.missing, before: today}", spec, false),
        // $. paths and nested indexes
        .init("{path: $.metadata.id, equals: sys}", spec, true),
        .init("{path: spec.nested.a.b, equals: 1}", spec, true),
        .init("{path: \"spec.tags[1]\", equals: app}", spec, true),
        .init("{path: \"spec.tags[5]\", exists: false}", spec, true),
    ]

    @Test("operator table", arguments: cases)
    func operatorTable(_ row: OperatorCase) throws {
        #expect(try Fixtures.holds(row.condition, spec: row.spec) == row.holds)
    }
}

@Suite("Combinators: all, any, not, each, some, none")
struct CombinatorTests {
    static let spec = """
          items: [{n: 1, ok: true}, {n: 2, ok: false}, {n: 3}]
          words: [SE, EU]
          mixed: [SE, US]
          scalar: 5
        """

    static let cases: [OperatorCase] = [
        .init("{all: [{path: spec.scalar, equals: 5}, {path: spec.scalar, gt: 1}]}", spec, true),
        .init("{all: [{path: spec.scalar, equals: 5}, {path: spec.scalar, gt: 9}]}", spec, false),
        .init("{any: [{path: spec.scalar, equals: 4}, {path: spec.scalar, gt: 1}]}", spec, true),
        .init("{any: [{path: spec.scalar, equals: 4}, {path: spec.missing, exists: true}]}", spec, false),
        .init("{not: {path: spec.scalar, equals: 4}}", spec, true),
        .init("{not: {path: spec.missing, exists: true}}", spec, true),
        .init("{each: spec.words, assert: {in: [SE, EU]}}", spec, true),
        .init("{each: spec.mixed, assert: {in: [SE, EU]}}", spec, false),
        .init("{each: spec.missing, assert: {in: [SE]}}", spec, true),
        .init("{each: spec.scalar, assert: {in: [SE]}}", spec, false),
        .init("{each: spec.items, assert: {path: n, gte: 1}}", spec, true),
        .init("{each: spec.items, assert: {path: ok, equals: true}}", spec, false),
        .init("{some: spec.items, assert: {path: ok, equals: false}}", spec, true),
        .init("{some: spec.items, assert: {path: n, gt: 3}}", spec, false),
        .init("{some: spec.missing, assert: {path: n, gt: 0}}", spec, false),
        .init("{none: spec.items, assert: {path: n, gt: 3}}", spec, true),
        .init("{none: spec.items, assert: {path: n, equals: 2}}", spec, false),
        .init("{none: spec.missing, assert: {path: n, equals: 2}}", spec, true),
        .init("{each: spec.items, assert: {path: $.spec.scalar, equals: 5}}", spec, true),
    ]

    @Test("combinator table", arguments: cases)
    func combinatorTable(_ row: OperatorCase) throws {
        #expect(try Fixtures.holds(row.condition, spec: row.spec) == row.holds)
    }

    @Test("when that does not hold makes the rule not applicable; appliesTo filters kinds")
    func notApplicable() throws {
        #expect(try Fixtures.holds("{path: spec.x, exists: true}", spec: "  a: 1", when: "{path: spec.a, equals: 2}") == nil)
        #expect(try Fixtures.holds("{path: spec.x, exists: true}", spec: "  a: 1", when: "{path: spec.a, equals: 1}") == false)
        let rules = """
              - id: R-1
                title: T
                severity: error
                area: a
                principle: P-1
                appliesTo: [Service]
                assert: {path: spec.x, exists: true}

            """
        let report = try Fixtures.check(rules: rules, declarations: [("d.yaml", Fixtures.declarationText(spec: "  a: 1"))])
        guard case .notApplicable = report.results[0].outcomes[0].result else {
            Issue.record("expected not applicable")
            return
        }
    }
}
