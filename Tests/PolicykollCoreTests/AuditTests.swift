import Foundation
import PolicykollCore
import PolicykollTestSupport
import PolicykollYAML
import Testing

@Suite("Audit: outcomes and compliance computed by hand on a small inventory")
struct AuditTests {
    @Test("each (system, rule) outcome: pass, fail, not applicable, excepted")
    func outcomes() throws {
        let audit = try AuditFixtures.audit()
        #expect(audit.errors.isEmpty, "\(audit.errors.map(\.message))")
        let outcomes = Dictionary(uniqueKeysWithValues: audit.systems.map { ($0.id, $0.outcomes) })
        #expect(outcomes["alpha"] == [.pass, .fail, .notApplicable, .pass])
        // R-1 is excepted; R-4 fails on two elements and only one is excepted, so it still fails.
        #expect(outcomes["beta"] == [.excepted, .notApplicable, .notApplicable, .fail])
        #expect(outcomes["gamma"] == [.pass, .pass, .notApplicable, .pass])
        #expect(audit.systems.map(\.id) == ["alpha", "beta", "gamma"])
    }

    @Test("compliance = pass / (pass + fail), excepted beside it, per system, area, principle and organisation")
    func percentages() throws {
        let audit = try AuditFixtures.audit()
        #expect(audit.overall == AuditTally(pass: 5, fail: 2, excepted: 1, notApplicable: 4))
        #expect(audit.overall.displayPercent == 71.4)
        let systems = Dictionary(uniqueKeysWithValues: audit.systems.map { ($0.id, $0.tally) })
        #expect(systems["alpha"]?.displayPercent == 66.6)
        #expect(systems["beta"]?.displayPercent == 0)
        #expect(systems["beta"]?.excepted == 1)
        #expect(systems["gamma"]?.displayPercent == 100)

        #expect(audit.areas.map(\.id) == ["a", "b"])
        #expect(audit.areas[0].tally == AuditTally(pass: 5, fail: 2, excepted: 1, notApplicable: 1))
        #expect(audit.principles.map(\.id) == ["P-1", "P-2", "Q-1"])
        #expect(audit.principles[0].tally.displayPercent == 71.4)

        #expect(audit.organisations.map(\.name) == ["Org A", "Org B"])
        #expect(audit.organisations[0].tally == AuditTally(pass: 2, fail: 2, excepted: 1, notApplicable: 3))
        #expect(audit.organisations[0].tally.percent == 50)
        #expect(audit.organisations[0].systems == 2)
        #expect(audit.organisations[1].tally.percent == 100)
        #expect(audit.organisations[0].areas[0].percent == 50)
    }

    @Test("a group with nothing applicable has no percentage (null), not 100")
    func emptyGroups() throws {
        let audit = try AuditFixtures.audit()
        #expect(audit.areas[1].tally == AuditTally(notApplicable: 3))
        #expect(audit.areas[1].tally.percent == nil)
        #expect(audit.principles[1].tally.percent == nil)  // P-2 has no rules
        #expect(audit.principles[2].tally.percent == nil)  // Q-1's rule never applies
        #expect(audit.organisations[0].areas[1].percent == nil)
        #expect(AuditTally(excepted: 4).percent == nil)  // only exceptions: nothing judged
    }

    @Test("percentages are rounded down to one decimal, so 100 means no failure")
    func rounding() {
        #expect(AuditTally(pass: 999, fail: 1).displayPercent == 99.9)
        #expect(AuditTally(pass: 9999, fail: 1).displayPercent == 99.9)
        #expect(AuditTally(pass: 2, fail: 1).displayPercent == 66.6)
        #expect(AuditTally(pass: 1, fail: 0).displayPercent == 100)
        #expect(AuditTally(pass: 0, fail: 3).displayPercent == 0)
        #expect(AuditTally(pass: 1, fail: 6).displayPercent == 14.2)
    }

    @Test("rules failing most often, systems with the most open errors")
    func rankings() throws {
        let audit = try AuditFixtures.audit()
        #expect(audit.mostFailingRules.map(\.id) == ["R-2", "R-4"])
        #expect(audit.rules.map(\.tally.fail) == [0, 1, 0, 1])
        #expect(audit.rules[0].tally.excepted == 1)
        // alpha's failing rule is a warning, so only beta has an open error (R-4 on CN).
        #expect(audit.mostOpenErrors.map { audit.systems[$0].id } == ["beta"])
        #expect(audit.systems[1].openErrors == 1)
    }

    @Test("the exception register: active, expiring within 90 days, expired, unused")
    func exceptionRegister() throws {
        let audit = try AuditFixtures.audit()
        let register = audit.exceptions.map { "\($0.exception.rule)/\($0.exception.declaration) \($0.state.rawValue)" }
        #expect(register == ["R-2/alpha expired", "R-1/beta active", "R-4/beta active", "R-3/gamma unused"])
        #expect(audit.exceptions.map(AuditReport.isExpiringSoon) == [false, true, false, false])
        #expect(audit.exceptions[1].daysLeft == 66)
    }

    @Test("inventory problems: integrations to undeclared systems, duplicate ids as input errors")
    func inventoryProblems() throws {
        let duplicate = ("org-b/alpha-again.yaml", AuditFixtures.declaration(id: "alpha", organisation: "Org B", spec: "  x: 1"))
        let audit = try AuditFixtures.audit(extra: [duplicate])
        #expect(audit.unknownIntegrationTargets.map(\.target) == ["ghost"])
        #expect(audit.unknownIntegrationTargets.first?.system == "gamma")
        #expect(audit.unknownIntegrationTargets.first?.integration == "To a ghost")
        #expect(audit.unknownIntegrationTargets.first?.mark.line == 13)
        #expect(audit.errors.count == 1)
        #expect(audit.errors.first?.file == "org-b/alpha-again.yaml")
        #expect(audit.systems.count == 3)
    }

    @Test("the inputs' hashes, and one digest over them")
    func inputs() throws {
        let audit = try AuditFixtures.audit()
        #expect(audit.inputs.map(\.file) == ["org-a/alpha.yaml", "org-a/beta.yaml", "org-b/gamma.yaml"])
        #expect(audit.inputs.allSatisfy { $0.sha256.count == 64 })
        #expect(audit.inputsDigest == (try AuditFixtures.audit()).inputsDigest)
    }

    @Test("a check that reads its files can digest them as it goes: every file read, in order, none twice")
    func digestsWhileReading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("policykoll-digests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let texts = [
            "b.yaml": Fixtures.declarationText(id: "b", spec: "  x: 1"),
            "a.yaml": Fixtures.declarationText(id: "a", spec: "  x: 2"),
            "notes.yaml": "just: other yaml\n",
        ]
        for (name, text) in texts { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let pack = try #require(Fixtures.pack(rules: Fixtures.rule(assert: "{path: spec.x, exists: true}")).pack)
        let collected = InputCollector.collect([folder.path, folder.path + "/missing.yaml"])
        let (inputs, problems) = (collected.inputs, collected.problems)
        #expect(problems.count == 1)
        for digests in [true, false] {
            let report = CheckEngine.check(
                pack: pack, reading: inputs,
                options: CheckOptions(asOf: Fixtures.asOf, language: .en, keepsSourceLines: false, digestsInputs: digests))
            if digests {
                #expect(
                    report.inputDigests.map { URL(fileURLWithPath: $0.file).lastPathComponent } == [
                        "a.yaml", "b.yaml", "notes.yaml",
                    ])
                for digest in report.inputDigests {
                    let name = URL(fileURLWithPath: digest.file).lastPathComponent
                    #expect(digest.sha256 == Hashing.sha256Hex(Array(texts[name]!.utf8)))
                }
            } else {
                #expect(report.inputDigests.isEmpty)
            }
            #expect(report.declarationCount == 2)
        }
    }

    @Test("the trend compares per area and organisation, in percentage points")
    func trend() throws {
        let audit = try AuditFixtures.audit()
        var earlier = AuditSnapshot(audit, label: "2025")
        earlier.areas[0].tally = AuditTally(pass: 1, fail: 1)
        earlier.overall = AuditTally(pass: 1, fail: 3)
        earlier.organisations = [("Org A", AuditTally(pass: 1, fail: 1)), ("Org C", AuditTally(pass: 1))]
        let trend = AuditTrend(from: earlier, to: AuditSnapshot(audit, label: "2026"))
        #expect(trend.previousLabel == "2025")
        #expect(trend.overall.change.map { ($0 * 10).rounded() / 10 } == 46.4)
        #expect(trend.areas.map(\.key) == ["a", "b"])
        #expect(trend.areas[0].change.map { ($0 * 10).rounded() / 10 } == 21.4)
        #expect(trend.areas[1].change == nil)
        #expect(trend.organisations.map(\.key) == ["Org A", "Org B", "Org C"])
        #expect(trend.organisations[0].change == 0)
        #expect(trend.organisations[1].previous == nil && trend.organisations[1].change == nil)
        #expect(trend.organisations[2].current == nil)
    }
}
