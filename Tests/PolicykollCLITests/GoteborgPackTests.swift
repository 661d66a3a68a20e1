import Foundation
import PolicykollCore
import Testing

/// What the issue asks of every rule of the Göteborg pack, checked on the files in `policies/`.
@Suite("The Göteborg rule pack")
struct GoteborgPackTests {
    static func pack() throws -> RulePack {
        let (files, problems) = InputCollector.readAll([CLI.packageRoot.appendingPathComponent("policies/goteborg").path])
        #expect(problems.isEmpty)
        let result = RulePackLoader.load(files)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        return try #require(result.pack)
    }

    @Test("40–60 rules, at least 6 per area, one Rules file per area, ids by area")
    func counts() throws {
        let pack = try Self.pack()
        #expect((40...60).contains(pack.rules.count))
        let prefixes = [
            "styrning-och-uppfoljning": "GBG-STY-", "sammanhallen-digital-service": "GBG-SDS-",
            "informationsforsorjning-och-digital-miljo": "GBG-INF-", "arkitektur-och-informationssakerhet": "GBG-ARK-",
        ]
        #expect(Set(pack.areas.map(\.id)) == Set(prefixes.keys))
        for area in pack.areas {
            let rules = pack.rules.filter { $0.area == area.id }
            #expect(rules.count >= 6, "\(area.id) has \(rules.count) rules")
            for rule in rules {
                #expect(rule.id.wholeMatch(of: /GBG-(STY|SDS|INF|ARK)-\d{3}/) != nil && rule.id.hasPrefix(prefixes[area.id]!))
                #expect(rule.file.hasSuffix("rules/\(area.id).yaml"), "\(rule.id) is in \(rule.file)")
            }
        }
    }

    @Test("every principle has a source and is marked as derived wording")
    func principlesDerived() throws {
        for principle in try Self.pack().areas.flatMap(\.principles) {
            #expect(principle.derived, "\(principle.id)")
            #expect(!(principle.source ?? "").isEmpty, "\(principle.id)")
            #expect(principle.title.sv != principle.title.en, "\(principle.id) has a Swedish and an English title")
        }
    }

    @Test("every rule has texts in both languages, a reference with a URL, and pass and fail examples")
    func rulesComplete() throws {
        for rule in try Self.pack().rules {
            for (name, text) in [
                ("title", rule.title), ("message", rule.message), ("remediation", rule.remediation),
                ("rationale", rule.rationale),
            ] {
                let text = try #require(text, "\(rule.id) has a \(name)")
                #expect(!text.sv.isEmpty && !text.en.isEmpty && text.sv != text.en, "\(rule.id) \(name) in sv and en")
            }
            #expect(rule.appliesTo == ["System"], "\(rule.id)")
            #expect(
                !rule.references.isEmpty && rule.references.allSatisfy { $0.url?.hasPrefix("https://") == true }, "\(rule.id)")
            #expect(!rule.examples.pass.isEmpty && !rule.examples.fail.isEmpty, "\(rule.id)")
        }
    }

    @Test("rules that compare dates pin their examples with examples.asOf")
    func dateRulesPinned() throws {
        for rule in try Self.pack().rules where [rule.when, rule.assertion].compactMap({ $0 }).contains(where: \.usesToday) {
            #expect(rule.examples.asOf == CivilDate(year: 2026, month: 11, day: 26), "\(rule.id) compares with the as-of date")
        }
    }

    @Test("the pack has cross-system ref rules with examples that resolve")
    func refRules() throws {
        let refRules = try Self.pack().rules.filter { $0.assertion.usesRef }
        #expect(refRules.count >= 2)
        #expect(refRules.allSatisfy { !$0.examples.inventory.isEmpty })
    }
}

extension Condition {
    /// Whether the condition compares with the as-of date (`within`, `before/after: today`).
    var usesToday: Bool {
        switch self {
        case .all(let conditions), .any(let conditions): return conditions.contains(where: \.usesToday)
        case .not(let condition), .quantified(_, _, let condition): return condition.usesToday
        case .ref(_, _, let condition): return condition?.usesToday ?? false
        case .test(_, let test):
            switch test {
            case .within, .before(.today), .after(.today): return true
            default: return false
            }
        }
    }

    /// Whether the condition contains a `ref`.
    var usesRef: Bool {
        switch self {
        case .all(let conditions), .any(let conditions): return conditions.contains(where: \.usesRef)
        case .not(let condition), .quantified(_, _, let condition): return condition.usesRef
        case .ref: return true
        case .test: return false
        }
    }
}
