import Foundation
import InventoryGenerator
import PolicykollTestSupport
import PolicykollYAML
import Testing

@testable import PolicykollCore

/// The evaluator decides a rule on nodes alone and explains only a failure, by evaluating it
/// again with traces. The two must agree on every condition, or a rule would pass without
/// evidence or fail without findings.
@Suite("Deciding a rule and explaining it agree")
struct DecisionTests {
    /// Whether the fast decision and the explaining evaluation give the same answer.
    static func agree(_ evaluator: Evaluator, _ condition: Condition, on declaration: Declaration) -> Bool {
        let root = declaration.root
        let decided = evaluator.holds(condition, root: root)
        let explained = evaluator.evaluate(condition, in: Evaluator.Scope(declaration: declaration)).holds
        return decided == explained
    }

    static func declarations(_ files: [SourceFile]) -> [Declaration] {
        let validator = DeclarationValidator()
        return files.flatMap { DeclarationLoader.load($0, validator: validator).declarations }
    }

    @Test("on every rule of the default pack, the examples and 400 generated systems")
    func defaultPack() throws {
        let root = Golden.packageRoot.path
        let packFiles = InputCollector.readAll([root + "/policies"])
        let pack = try #require(RulePackLoader.load(packFiles.files).pack)
        let exampleFiles = InputCollector.readAll([root + "/examples"]).files.filter { $0.name.hasSuffix(".yaml") }
        let generated = InventoryGenerator(seed: 5).files(count: 400).map { SourceFile(name: $0.path, text: $0.text) }
        let declarations = Self.declarations(exampleFiles + generated)
        #expect(declarations.count >= 400)
        let evaluator = Evaluator(rules: pack.rules, index: DeclarationIndex(declarations), asOf: Fixtures.asOf)

        var checked = 0
        var failures = 0
        for declaration in declarations {
            for rule in pack.rules {
                for condition in [rule.when, rule.assertion].compactMap(\.self) {
                    checked += 1
                    if !Self.agree(evaluator, condition, on: declaration) {
                        failures += 1
                        if failures <= 5 { Issue.record("\(rule.id) disagrees on \(declaration.id)") }
                    }
                }
            }
        }
        #expect(failures == 0)
        #expect(checked > 20_000)

        // Deciding every rule on one declaration shares the places looked up (`PathMemo`): the
        // outcomes must be those of each rule explained on its own.
        var compared = 0
        for declaration in declarations {
            let outcomes = evaluator.evaluate(declaration)
            for (rule, outcome) in zip(pack.rules, outcomes) {
                compared += 1
                let expected = Self.explained(evaluator, rule, on: declaration)
                if Self.kind(of: outcome.result) != expected {
                    Issue.record("\(rule.id) on \(declaration.id): \(outcome.result), explained \(expected)")
                }
            }
        }
        #expect(compared == declarations.count * pack.rules.count)
    }

    /// A rule's result by the explaining evaluation alone, one rule at a time.
    static func explained(_ evaluator: Evaluator, _ rule: Rule, on declaration: Declaration) -> String {
        if let kinds = rule.appliesTo, !kinds.contains(declaration.kind) { return "notApplicable" }
        let scope = Evaluator.Scope(declaration: declaration)
        if let when = rule.when, !evaluator.evaluate(when, in: scope).holds { return "notApplicable" }
        return evaluator.evaluate(rule.assertion, in: scope).holds ? "pass" : "fail"
    }

    static func kind(of result: OutcomeResult) -> String {
        switch result {
        case .pass: "pass"
        case .notApplicable: "notApplicable"
        case .fail: "fail"
        }
    }

    /// Conditions that reach every branch, each with the answer it must give on `sys` below:
    /// missing values, null, wrong types, empty and mixed lists under each quantifier, operands
    /// that are relative or `$.` paths inside `each`, references that are missing, null, not a
    /// text, unknown, of another kind, to the declaration itself, failing or bare.
    static let conditions: [(condition: String, holds: Bool)] = [
        ("{path: spec.owner, exists: true}", true),
        ("{not: {path: spec.missing, exists: true}}", true),
        ("{any: [{path: spec.count, gt: 3}, {path: spec.owner, equals: B}]}", false),
        ("{all: [{path: spec.count, gte: 3}, {path: spec.tags, contains: x}]}", true),
        ("{each: spec.tags, assert: {matches: '^[a-z]$'}}", true),
        ("{some: spec.tags, assert: {equals: w}}", true),
        ("{none: spec.tags, assert: {equals: z}}", true),
        ("{each: spec.empty, assert: {equals: 1}}", true),
        ("{some: spec.empty, assert: {equals: 1}}", false),
        ("{none: spec.empty, assert: {equals: 1}}", true),
        ("{none: spec.single, assert: {equals: q}}", true),
        ("{each: spec.single, assert: {equals: z}}", true),
        ("{each: spec.missing, assert: {equals: 1}}", true),
        ("{some: spec.missing, assert: {equals: 1}}", false),
        ("{none: spec.missing, assert: {equals: 1}}", true),
        ("{each: spec.nothing, assert: {equals: 1}}", true),
        ("{some: spec.nothing, assert: {equals: 1}}", false),
        ("{none: spec.nothing, assert: {equals: 1}}", true),
        ("{each: spec.owner, assert: {equals: A}}", false),
        ("{some: spec.owner, assert: {equals: A}}", false),
        ("{none: spec.owner, assert: {equals: A}}", false),
        ("{each: spec.items, assert: {path: name, in: [a, b]}}", true),
        ("{each: spec.items, assert: {path: $.spec.owner, equals: A}}", true),
        ("{some: spec.items, assert: {each: tags, assert: {equals: t}}}", true),
        ("{each: spec.items, assert: {path: name, equals: {path: alias}}}", false),
        ("{some: spec.items, assert: {path: name, equals: {path: alias}}}", true),
        ("{some: spec.items, assert: {path: name, equals: {path: $.spec.pick}}}", true),
        ("{each: spec.items, assert: {path: name, equals: {path: $.spec.pick}}}", false),
        ("{each: spec.items, assert: {path: when, before: {path: $.spec.date}}}", false),
        ("{some: spec.items, assert: {path: when, before: {path: $.spec.date}}}", true),
        ("{some: spec.items, assert: {path: when, before: {path: until}}}", true),
        ("{each: spec.items, assert: {path: when, before: {path: until}}}", false),
        ("{each: spec.links, assert: {ref: target, kind: System}}", false),
        ("{each: spec.links, assert: {ref: target, kind: System, assert: {path: spec.owner, equals: A}}}", false),
        ("{ref: spec.ref, kind: System, assert: {path: spec.owner, equals: {path: $.spec.other}}}", true),
        ("{ref: spec.ref, kind: System, assert: {path: spec.owner, equals: B}}", true),
        ("{ref: spec.ref, kind: Service}", false),
        ("{ref: spec.self, kind: System, assert: {path: spec.owner, equals: A}}", true),
        ("{ref: spec.missing, kind: System}", false),
        ("{ref: spec.nothing, kind: System}", false),
        ("{ref: spec.count, kind: System}", false),
        ("{ref: spec.tags, kind: System}", false),
        ("{path: 'spec.items[1].name', equals: b}", true),
        ("{path: 'spec.items[7].name', exists: false}", true),
        ("{path: spec.owner, equals: {path: spec.alias}}", true),
        ("{path: spec.count, lt: {path: spec.limit}}", false),
        // A rule path in NFC finds a key written as e + combining acute.
        ("{path: spec.caf\u{e9}, equals: x}", true),
    ]

    /// `when` conditions, checked for agreement like the assertions.
    static let whens = ["{path: spec.count, gt: 1}", "{some: spec.tags, assert: {equals: nope}}"]

    @Test("on conditions that reach every branch of the language, with the answers they must give")
    func everyBranch() throws {
        let spec = """
              owner: A
              alias: A
              other: B
              pick: b
              count: 3
              limit: 2
              date: 2026-01-01
              nothing: null
              empty: []
              single: [z]
              tags: [x, w]
              ref: other
              self: sys
              cafe\u{301}: x
              items:
                - {name: a, alias: a, tags: [t], when: 2025-06-01}
                - {name: b, alias: c, tags: [t, u], when: 2026-06-01, until: 2026-07-01}
              links:
                - {target: other}
                - {target: unknown}
                - {}
            """
        let files = [
            SourceFile(name: "d.yaml", text: Fixtures.declarationText(id: "sys", spec: spec)),
            SourceFile(name: "o.yaml", text: Fixtures.declarationText(id: "other", spec: "  owner: B")),
        ]
        let declarations = Self.declarations(files)
        try #require(declarations.count == 2)
        var rules = Self.conditions.enumerated().map { Fixtures.rule(id: "R-\($0.offset)", assert: $0.element.condition) }
        rules += Self.whens.enumerated().map {
            Fixtures.rule(id: "W-\($0.offset)", when: $0.element, assert: "{path: spec.owner, exists: true}")
        }
        let loaded = Fixtures.pack(rules: rules.joined())
        let pack = try #require(loaded.pack, "\(loaded.diagnostics.map(\.message))")
        let evaluator = Evaluator(rules: pack.rules, index: DeclarationIndex(declarations), asOf: Fixtures.asOf)
        let sys = declarations[0]
        for (rule, expected) in zip(pack.rules, Self.conditions) {
            let decided = evaluator.holds(rule.assertion, root: sys.root)
            #expect(decided == expected.holds, "\(expected.condition)")
        }
        // All rules decided together on `sys`, sharing the places they look up, give the same
        // answers: a relative path inside a reference or a quantifier is not read from the memo.
        let together = evaluator.evaluate(sys)
        for (rule, outcome) in zip(pack.rules, together) {
            #expect(Self.kind(of: outcome.result) == Self.explained(evaluator, rule, on: sys), "\(rule.id)")
        }
        for (outcome, expected) in zip(together, Self.conditions) {
            #expect(Self.kind(of: outcome.result) == (expected.holds ? "pass" : "fail"), "\(expected.condition)")
        }
        for rule in pack.rules {
            for condition in [rule.when, rule.assertion].compactMap(\.self) {
                for declaration in declarations {
                    let agrees = Self.agree(evaluator, condition, on: declaration)
                    #expect(agrees, "\(rule.id) on \(declaration.id)")
                }
            }
        }
    }

    /// Rules that read the same places from the root and from list elements or referenced
    /// declarations, through indexes, nulls and canonically equivalent keys.
    static let sharedPlaces = [
        "{each: spec.items, assert: {path: spec.owner, equals: x}}",
        "{path: spec.owner, equals: A}",
        "{some: spec.items, assert: {path: 'spec.owner', equals: A}}",
        "{ref: spec.ref, kind: System, assert: {path: spec.owner, equals: B}}",
        "{ref: spec.ref, kind: System, assert: {path: $.spec.owner, equals: A}}",
        "{path: 'spec.items[0].spec.owner', equals: x}",
        "{path: 'spec.items[0]', exists: true}",
        "{each: 'spec.items', assert: {path: 'spec.items[0]', exists: false}}",
        "{path: spec.nul.deeper, exists: false}",
        "{path: spec.nul, exists: false}",
        "{none: spec.items, assert: {path: spec.owner, equals: A}}",
        "{path: 'spec.items[5]', exists: false}",
        "{path: spec.caf\u{e9}, equals: x}",
        "{path: spec.cafe\u{301}, equals: x}",
        "{each: spec.items, assert: {ref: spec.owner, kind: System}}",
        "{path: $.spec.owner, equals: A}",
        "{each: spec.items, assert: {path: $.spec.owner, equals: A}}",
        "{path: spec.items.spec, exists: false}",
    ]

    @Test("rules that share places between the root, list elements and references agree in any order")
    func sharedPlacesInAnyOrder() throws {
        let spec = """
              owner: A
              ref: other
              nul: ~
              cafe\u{301}: x
              items:
                - {spec: {owner: x}}
                - {spec: {owner: x}, extra: 1}
            """
        let files = [
            SourceFile(name: "d.yaml", text: Fixtures.declarationText(id: "sys", spec: spec)),
            SourceFile(name: "o.yaml", text: Fixtures.declarationText(id: "other", spec: "  owner: B")),
            SourceFile(name: "x.yaml", text: Fixtures.declarationText(id: "x", spec: "  owner: Q")),
        ]
        let declarations = Self.declarations(files)
        try #require(declarations.count == 3)
        let rules = Self.sharedPlaces.enumerated().map { Fixtures.rule(id: "R-\($0.offset)", assert: $0.element) }
        let loaded = Fixtures.pack(rules: rules.joined())
        let pack = try #require(loaded.pack, "\(loaded.diagnostics.map(\.message))")
        let evaluator = Evaluator(rules: pack.rules, index: DeclarationIndex(declarations), asOf: Fixtures.asOf)
        for declaration in declarations {
            for order in [Array(pack.rules.indices), pack.rules.indices.reversed()] {
                for outcome in evaluator.evaluate(declaration, rules: order) {
                    let rule = pack.rules[outcome.ruleIndex]
                    let alone = Self.explained(evaluator, rule, on: declaration)
                    #expect(Self.kind(of: outcome.result) == alone, "\(rule.id) on \(declaration.id)")
                    #expect(Self.kind(of: evaluator.evaluate(rule, on: declaration)) == alone, "\(rule.id) on \(declaration.id)")
                }
            }
        }
    }
}
