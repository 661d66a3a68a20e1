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
        let decided = evaluator.holds(condition, subject: root, base: root)
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
    }

    /// Conditions that reach every branch: missing values, null, wrong types, empty and mixed
    /// lists under each quantifier, references that are missing, unknown, failing or bare.
    static let conditions = [
        "{path: spec.owner, exists: true}",
        "{not: {path: spec.missing, exists: true}}",
        "{any: [{path: spec.count, gt: 3}, {path: spec.owner, equals: B}]}",
        "{all: [{path: spec.count, gte: 3}, {path: spec.tags, contains: x}]}",
        "{each: spec.tags, assert: {matches: '^[a-z]$'}}",
        "{some: spec.tags, assert: {equals: w}}",
        "{none: spec.tags, assert: {equals: z}}",
        "{each: spec.empty, assert: {equals: 1}}",
        "{some: spec.empty, assert: {equals: 1}}",
        "{none: spec.empty, assert: {equals: 1}}",
        "{none: spec.single, assert: {equals: q}}",
        "{each: spec.single, assert: {equals: z}}",
        "{each: spec.missing, assert: {equals: 1}}",
        "{some: spec.missing, assert: {equals: 1}}",
        "{none: spec.missing, assert: {equals: 1}}",
        "{each: spec.nothing, assert: {equals: 1}}",
        "{some: spec.owner, assert: {equals: A}}",
        "{none: spec.owner, assert: {equals: A}}",
        "{each: spec.items, assert: {path: name, in: [a, b]}}",
        "{each: spec.items, assert: {path: $.spec.owner, equals: A}}",
        "{some: spec.items, assert: {each: tags, assert: {equals: t}}}",
        "{each: spec.links, assert: {ref: target, kind: System}}",
        "{each: spec.links, assert: {ref: target, kind: System, assert: {path: spec.owner, equals: A}}}",
        "{ref: spec.missing, kind: System}",
        "{ref: spec.count, kind: System}",
        "{path: 'spec.items[1].name', equals: b}",
        "{path: 'spec.items[7].name', exists: false}",
        "{path: spec.owner, equals: {path: spec.alias}}",
        "{path: spec.count, lt: {path: spec.limit}}",
    ]

    @Test("on conditions that reach every branch of the language")
    func everyBranch() throws {
        let spec = """
              owner: A
              alias: A
              count: 3
              limit: 2
              nothing: null
              empty: []
              single: [z]
              tags: [x, w]
              items:
                - {name: a, tags: [t]}
                - {name: b, tags: [t, u]}
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
        let rules = Self.conditions.enumerated().map { Fixtures.rule(id: "R-\($0.offset)", assert: $0.element) }
        let loaded = Fixtures.pack(rules: rules.joined())
        let pack = try #require(loaded.pack, "\(loaded.diagnostics.map(\.message))")
        let evaluator = Evaluator(rules: pack.rules, index: DeclarationIndex(declarations), asOf: Fixtures.asOf)
        var outcomes: [Bool] = []
        for (rule, text) in zip(pack.rules, Self.conditions) {
            let agrees = Self.agree(evaluator, rule.assertion, on: declarations[0])
            #expect(agrees, "\(text)")
            outcomes.append(evaluator.holds(rule.assertion, subject: declarations[0].root, base: declarations[0].root))
        }
        // Both answers occur, so agreement is not agreement on a constant.
        #expect(outcomes.contains(true) && outcomes.contains(false))
    }
}
