import PolicykollCore
import PolicykollTestSupport
import PolicykollYAML
import Testing

@Suite("Rule examples: asOf, inventory and the runner")
struct RuleExampleRunnerTests {
    static func rule(_ examples: String, when: String? = nil, assert: String = "{path: spec.owner, exists: true}") -> String {
        Fixtures.rule(when: when, assert: assert) + "    examples:\n" + examples
    }

    static func run(_ rules: String, asOf: CivilDate? = nil) throws -> [RuleTestResult] {
        let loaded = Fixtures.pack(rules: rules)
        let pack = try #require(loaded.pack, "\(loaded.diagnostics.map(\.message))")
        return RuleExampleRunner.run(pack, asOf: asOf, today: Fixtures.asOf)
    }

    @Test("examples.asOf is read as a date; a bad one is a located error")
    func asOf() throws {
        let good = Fixtures.pack(rules: Self.rule("      asOf: 2025-01-31\n      pass: [{spec: {owner: A}}]\n"))
        #expect(good.pack?.rules.first?.examples.asOf == CivilDate(year: 2025, month: 1, day: 31))
        let bad = Fixtures.pack(rules: Self.rule("      asOf: 2025-02-30\n"))
        #expect(bad.pack == nil)
        #expect(bad.diagnostics.map(\.message) == ["examples.asOf '2025-02-30' is not a date (YYYY-MM-DD)"])
        #expect(bad.diagnostics.first?.mark == Mark(line: 11, column: 13))
    }

    @Test("examples accept pass, fail, asOf and inventory only; inventory entries need metadata.id")
    func keys() {
        let unknown = Fixtures.pack(rules: Self.rule("      passes: []\n"))
        #expect(unknown.diagnostics.first?.message.contains("unknown key 'passes' in examples") == true)
        let noID = Fixtures.pack(rules: Self.rule("      inventory: [{metadata: {name: X}, spec: {}}]\n"))
        #expect(noID.diagnostics.map(\.message) == ["the metadata of an inventory declaration needs 'id'"])
        let noMetadata = Fixtures.pack(rules: Self.rule("      inventory: [{spec: {}}]\n"))
        #expect(noMetadata.diagnostics.map(\.message) == ["an inventory declaration needs 'metadata'"])
    }

    @Test("a passing example with no finding and a failing example with one succeed")
    func succeeds() throws {
        let results = try Self.run(Self.rule("      pass: [{spec: {owner: A}}]\n      fail: [{spec: {}}]\n"))
        #expect(results.count == 1)
        #expect(results[0].succeeded)
        #expect(results[0].passCount == 1 && results[0].failCount == 1)
        #expect(results[0].asOf == Fixtures.asOf)
    }

    @Test("each kind of misbehaviour is reported with its example index")
    func misbehaviour() throws {
        let results = try Self.run(
            Self.rule(
                "      pass: [{spec: {owner: A}}, {spec: {}}]\n      fail: [{spec: {owner: B}}, {spec: {status: planned}}]\n",
                when: "{not: {path: spec.status, equals: planned}}"))
        let problems = results[0].problems
        #expect(problems.count == 3)
        #expect(problems[0] == .unexpectedFinding(index: 1, findings: ["Rule R-1 (spec.owner is missing)"]))
        #expect(problems[1] == .noFinding(index: 0))
        #expect(problems[2] == .notApplicable(index: 1))
        #expect(problems[0].message == "examples.pass[1]: expected no finding but got one: “Rule R-1 (spec.owner is missing)”")
    }

    @Test("a rule without a pass or a fail example fails")
    func missingKinds() throws {
        let noExamples = try Self.run(Fixtures.rule(assert: "{path: spec.owner, exists: true}"))
        #expect(noExamples[0].problems == [.missingPassExample, .missingFailExample])
        #expect(!noExamples[0].succeeded)
    }

    @Test("examples.asOf pins the date; an override wins")
    func datePinning() throws {
        let rules = Self.rule(
            "      asOf: 2026-11-26\n      pass: [{spec: {d: 2026-06-01}}]\n      fail: [{spec: {d: 2025-06-01}}]\n",
            assert: "{path: spec.d, within: P12M}")
        let pinned = try Self.run(rules)
        #expect(pinned[0].succeeded)
        let loaded = try #require(Fixtures.pack(rules: rules).pack)
        let later = RuleExampleRunner.run(loaded, today: CivilDate(year: 2030, month: 1, day: 1)!)
        #expect(later[0].succeeded, "today does not matter when examples.asOf is set")
        let overridden = try Self.run(rules, asOf: CivilDate(year: 2030, month: 1, day: 1))
        #expect(overridden[0].problems == [.unexpectedFinding(index: 0, findings: ["Rule R-1 (spec.d: 2026-06-01)"])])
        #expect(overridden[0].asOf == CivilDate(year: 2030, month: 1, day: 1))
    }

    @Test("ref in the examples resolves against examples.inventory")
    func inventory() throws {
        let rules = Self.rule(
            """
                  inventory:
                    - {metadata: {id: high}, spec: {level: 3}}
                    - {metadata: {id: low}, spec: {level: 1}}
                  pass: [{spec: {target: high}}]
                  fail: [{spec: {target: low}}, {spec: {target: missing}}]

            """,
            assert: "{ref: spec.target, kind: System, assert: {path: spec.level, gte: 2}}")
        let results = try Self.run(rules)
        #expect(results[0].succeeded, "\(results[0].problems.map(\.message))")
    }

    @Test("two inventory examples with one id are a misbehaving example, not a silent first-wins")
    func duplicateInventoryID() throws {
        let rules = Self.rule(
            """
                  inventory:
                    - {metadata: {id: high}, spec: {level: 3}}
                    - {metadata: {id: high}, spec: {level: 1}}
                  pass: [{spec: {target: high}}]
                  fail: [{spec: {target: missing}}]

            """,
            assert: "{ref: spec.target, kind: System, assert: {path: spec.level, gte: 2}}")
        let results = try Self.run(rules)
        #expect(
            results[0].problems.map(\.message) == [
                "examples.inventory[1]: not a valid declaration: duplicate metadata.id 'high'; examples.inventory[0] has it too"
            ])
    }

    @Test("as in a check, ref in an example also resolves to the example itself, before the inventory")
    func selfReference() throws {
        let rules = Self.rule(
            """
                  inventory:
                    - {metadata: {id: twin}, spec: {level: 1}}
                  pass: [{spec: {target: example, level: 3}}, {metadata: {id: twin}, spec: {target: twin, level: 3}}]
                  fail: [{spec: {target: example, level: 1}}]

            """,
            assert: "{ref: spec.target, kind: System, assert: {path: spec.level, gte: 2}}")
        let results = try Self.run(rules)
        #expect(results[0].succeeded, "\(results[0].problems.map(\.message))")
    }

    @Test("defaults fill the envelope and merge into a partial metadata")
    func defaults() throws {
        let loaded = try #require(
            Fixtures.pack(rules: Self.rule("      pass: [{metadata: {name: Named}, spec: {owner: A}}]\n")).pack)
        let rule = loaded.rules[0]
        let declaration = try RuleExampleRunner.declaration(
            from: rule.examples.pass[0], for: rule, validator: DeclarationValidator()
        ).get()
        #expect(declaration.id == "example")
        #expect(declaration.name == "Named")
        #expect(declaration.organisation == "Example")
        #expect(declaration.kind == "System")
        #expect(declaration.apiVersion == "policykoll/v1")
    }

    @Test("an example that is not a valid declaration is reported, not crashed on")
    func invalidExample() throws {
        let results = try Self.run(
            Self.rule("      pass: [{metadata: {id: Not_Valid}, spec: {owner: A}}]\n      fail: [{spec: {}}]\n"))
        guard case .invalidExample(let list, let index, let message) = results[0].problems.first else {
            Issue.record("expected an invalid example, got \(results[0].problems)")
            return
        }
        #expect(list == "pass" && index == 0)
        #expect(message.contains("metadata.id 'Not_Valid'"))
    }
}
