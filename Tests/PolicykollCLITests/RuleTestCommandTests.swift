import Foundation
import Testing

@Suite("policykoll test: every rule's examples are its tests")
struct RuleTestCommandTests {
    static let broken = "Tests/Fixtures/rule-tests/broken-examples.yaml"
    static let dated = "Tests/Fixtures/rule-tests/dated.yaml"

    @Test("The shipped (embedded) pack passes its own examples")
    func embeddedPackPasses() async throws {
        let result = await CLI.run(["test"])
        #expect(result.status == 0, "\(result.summary)")
        let ruleLines = result.stdoutLines.filter { $0.hasPrefix("ok ") || $0.hasPrefix("FAIL ") }
        #expect(ruleLines.count >= 40 && ruleLines.count <= 60, "40–60 rules, got \(ruleLines.count)")
        #expect(ruleLines.allSatisfy { $0.hasPrefix("ok ") })
        #expect(result.stdoutLines.last == "\(ruleLines.count) rules: \(ruleLines.count) ok, 0 failed")
    }

    @Test("test takes the pack as --policy too, as check, rules and explain do")
    func policyOption() async throws {
        let positional = await CLI.run(["test", Self.broken])
        let option = await CLI.run(["test", "--policy", Self.broken])
        #expect(option.status == 1, "\(option.summary)")
        #expect(option.stdout == positional.stdout)
    }

    @Test("A broken example fails the run with exit 1, naming the rule, the example and what happened")
    func brokenExamplesFail() async throws {
        let result = await CLI.run(["test", Self.broken])
        #expect(result.status == 1, "\(result.summary)")
        let lines = result.stdoutLines
        #expect(lines.contains { $0.hasPrefix("ok ") && $0.contains("T-OK") })
        func failLine(_ id: String) -> String? { lines.first { $0.hasPrefix("FAIL") && $0.contains(" \(id) ") } }
        #expect(failLine("T-FAIL-PASSES")?.contains("examples.fail[0]: expected a finding but got none") == true)
        #expect(failLine("T-PASS-FAILS")?.contains("examples.pass[0]: expected no finding but got one") == true)
        #expect(failLine("T-PASS-FAILS")?.contains("spec.owner is missing") == true)
        #expect(
            failLine("T-NOT-APPLICABLE")?.contains("examples.fail[0]: expected a finding but the rule was not applicable") == true
        )
        #expect(failLine("T-NO-FAIL")?.contains("no failing example") == true)
        // A FAIL line points at the example that misbehaved; a missing example, at the rule's id.
        #expect(failLine("T-FAIL-PASSES")?.contains("\(Self.broken):28:14:") == true, "\(failLine("T-FAIL-PASSES") ?? "")")
        #expect(failLine("T-NO-FAIL")?.contains("\(Self.broken):48:9:") == true, "\(failLine("T-NO-FAIL") ?? "")")
        #expect(lines.last == "5 rules: 1 ok, 4 failed")
    }

    @Test("examples.asOf pins a rule's examples; --as-of overrides it")
    func asOfPinsAndOverrides() async throws {
        let pinned = await CLI.run(["test", Self.dated])
        #expect(pinned.status == 0, "\(pinned.summary)")
        #expect(pinned.stdoutLines.contains { $0.contains("T-DATED") && $0.contains("as of 2026-11-26") })

        let overridden = await CLI.run(["test", Self.dated, "--as-of", "2030-01-01"])
        #expect(overridden.status == 1, "\(overridden.summary)")
        #expect(overridden.stdoutLines.contains { $0.hasPrefix("FAIL") && $0.contains("T-DATED") })
        #expect(overridden.stdoutLines.contains { $0.hasPrefix("ok ") && $0.contains("T-REF") && $0.contains("2030-01-01") })
    }

    @Test("An invalid pack exits 2 with located errors; a bad --as-of is a usage error")
    func invalidPack() async throws {
        let result = await CLI.run(["test", Fixture.path("bad-packs/bad-regex.yaml")])
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("bad-regex.yaml:17:16: error: invalid regular expression"))
        #expect(result.stdout.isEmpty)

        let badDate = await CLI.run(["test", "--as-of", "2026-02-30"])
        #expect(badDate.status == 2, "\(badDate.summary)")
    }
}
