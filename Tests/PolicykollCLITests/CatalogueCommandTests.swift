import Foundation
import Testing

@Suite("policykoll rules and explain")
struct CatalogueCommandTests {
    @Test("rules --format json has the fixed shape, texts always {sv, en}")
    func rulesJSON() async throws {
        let result = await CLI.run(["rules", "--format", "json"])
        #expect(result.status == 0, "\(result.summary)")
        let json = try #require(result.json())
        #expect(Set(json.keys) == ["policy", "areas", "rules"])
        let policy = try #require(json["policy"] as? [String: Any])
        #expect(policy["name"] as? String == "goteborg")
        #expect(policy["version"] as? String == "2026.3")
        let areas = try #require(json["areas"] as? [[String: Any]])
        #expect(
            areas.compactMap { $0["id"] as? String } == [
                "styrning-och-uppfoljning", "sammanhallen-digital-service", "informationsforsorjning-och-digital-miljo",
                "arkitektur-och-informationssakerhet",
            ])
        for area in areas {
            #expect(Set(area.keys) == ["id", "title", "principles"])
            #expect(Set((area["title"] as? [String: Any])?.keys ?? [:].keys) == ["sv", "en"])
            for principle in area["principles"] as? [[String: Any]] ?? [] {
                #expect(Set(principle.keys) == ["id", "title"])
                #expect(Set((principle["title"] as? [String: String])?.keys ?? [:].keys) == ["sv", "en"])
            }
        }
        let rules = try #require(json["rules"] as? [[String: Any]])
        #expect(rules.count >= 40 && rules.count <= 60)
        for rule in rules {
            #expect(Set(rule.keys) == ["id", "title", "severity", "area", "principle", "references"], "\(rule["id"] ?? "?")")
            #expect(Set((rule["title"] as? [String: String])?.keys ?? [:].keys) == ["sv", "en"])
            #expect(["error", "warning", "info"].contains(rule["severity"] as? String ?? ""))
            let references = rule["references"] as? [[String: Any]] ?? []
            #expect(!references.isEmpty)
            #expect(references.allSatisfy { Set($0.keys) == ["title", "url"] })
        }
    }

    @Test("rules as text lists every rule under its area and principle, in the chosen language")
    func rulesText() async throws {
        let english = await CLI.run(["rules", "--lang", "en"])
        #expect(english.status == 0, "\(english.summary)")
        #expect(
            english.stdoutLines.dropFirst().first?.hasPrefix("The principles' wording is derived from the sources, not quoted")
                == true)
        #expect(english.stdout.contains("Architecture and information security [arkitektur-och-informationssakerhet]"))
        #expect(english.stdout.contains("  ARK-1  All information is security-classified"))
        #expect(english.stdoutLines.contains { $0.contains("GBG-ARK-001") && $0.contains("error") })
        #expect(english.stdoutLines.last?.hasSuffix("principles, 4 areas") == true)
        let swedish = await CLI.run(["rules"])
        #expect(swedish.stdout.contains("Arkitektur och informationssäkerhet [arkitektur-och-informationssakerhet]"))
        // Severities in the chosen language too.
        #expect(swedish.stdoutLines.contains { $0.contains("GBG-ARK-001") && $0.contains(" fel ") })
        #expect(!swedish.stdoutLines.contains { $0.contains("GBG-") && ($0.contains(" error ") || $0.contains(" warning ")) })
        // The locale decides without --lang: LC_ALL before LANG, unless it is C.
        let fromLocale = await CLI.run(["rules"], environment: ["LC_ALL": "en_GB.UTF-8", "LANG": "sv_SE.UTF-8"])
        #expect(fromLocale.stdout.contains("Architecture and information security"))
        let underC = await CLI.run(["rules"], environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"])
        #expect(underC.stdout.contains("Architecture and information security"))
    }

    @Test("docs/coverage.md is the Markdown coverage matrix of the embedded pack")
    func coverageInSync() async throws {
        let result = await CLI.run(["rules", "--format", "markdown", "--lang", "en"])
        #expect(result.status == 0, "\(result.summary)")
        let committed = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/coverage.md"), encoding: .utf8)
        #expect(
            committed == result.stdout,
            "docs/coverage.md is out of date; regenerate it with: swift run policykoll rules --format markdown --lang en > docs/coverage.md"
        )
        #expect(result.stdout.contains("| area | principle | rules |"))
        #expect(result.stdout.contains("GBG-STY-001 (error)"))
    }

    @Test(
        "explain shows the rule, its principle with a derived-wording note, the condition, remediation, references and examples")
    func explainRule() async throws {
        let result = await CLI.run(["explain", "GBG-ARK-005", "--lang", "en"])
        #expect(result.status == 0, "\(result.summary)")
        let text = result.stdout
        for expected in [
            "GBG-ARK-005: Personal data flow only to declared, active systems", "Severity: error",
            "Area: Architecture and information security (arkitektur-och-informationssakerhet)",
            "Principle: ARK-5 – Integrations are open, described and protect the information",
            "Sources: European Interoperability Framework",
            "it is not a quotation of the policy", "\nWhy\n", "\nCondition\n", "every element of spec.architecture.integrations:",
            "target is the id of a declared System where:", "\nRemediation\n", "\nReferences\n",
            "<https://eur-lex.europa.eu/eli/reg/2016/679/oj>", "\nExamples\n", "pass 1:", "fail 1:",
            "inventory that ref resolves against 1:", "inventory that ref resolves against 2:", "target: elevregister",
        ] {
            #expect(text.contains(expected), "missing \(expected.debugDescription) in:\n\(text)")
        }
        let swedish = await CLI.run(["explain", "GBG-ARK-001"])
        #expect(swedish.stdout.contains("Allvarlighet: fel"))
        #expect(swedish.stdout.contains("Kräver (annars en avvikelse):"))
        #expect(swedish.stdout.contains("inte ett citat ur policyn"))
        #expect(swedish.stdout.contains("(utvärderade per 2026-11-26)"))
    }

    @Test("explain of an unknown rule exits 2 with a 'did you mean'")
    func explainUnknown() async throws {
        let result = await CLI.run(["explain", "GBG-ARK-01"])
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("unknown rule 'GBG-ARK-01'; did you mean 'GBG-ARK-001'?"))
        #expect(result.stdout.isEmpty)
        let far = await CLI.run(["explain", "nonsense-rule-id-xyz"])
        #expect(far.status == 2)
        #expect(far.stderr.contains("policykoll rules"))
    }

    @Test("explain and the Markdown catalogue speak Swedish under --lang sv: types, durations, severities")
    func swedishWording() async throws {
        let catalogue = await CLI.run(["rules", "--format", "markdown", "--lang", "sv"])
        #expect(catalogue.stdout.contains("| område | regler | fel | varning | info |"), "\(catalogue.summary)")
        let explained = await CLI.run(["explain", "GBG-ARK-020", "--lang", "sv"])
        #expect(
            explained.stdout.contains("spec.security.nis2InScope är av typen sanningsvärde (true eller false)"),
            "\(explained.stdout)")
        #expect(!explained.stdout.contains("boolean"))
    }

    @Test("explain of a principle's id, as findings show it, explains the principle and lists its rules")
    func explainPrinciple() async throws {
        let result = await CLI.run(["explain", "ark-5", "--lang", "en"])
        #expect(result.status == 0, "\(result.summary)")
        #expect(
            result.stdout.hasPrefix("ARK-5: Integrations are open, described and protect the information"), "\(result.stdout)")
        #expect(result.stdout.contains("it is not a quotation of the policy"))
        #expect(result.stdout.contains("  GBG-ARK-005  error    Personal data flow only to declared"))
        #expect(result.stdout.contains("  GBG-ARK-016  warning  Integrations have an open specification"))
        let rule = await CLI.run(["explain", "GBG-ARK-005", "--lang", "en"])
        #expect(rule.stdout.hasPrefix("GBG-ARK-005: "), "a rule id is still a rule")
    }

    @Test("explain and rules read another pack with --policy")
    func otherPack() async throws {
        let result = await CLI.run(["explain", "T-DATED", "--policy", "Tests/Fixtures/rule-tests/dated.yaml", "--lang", "en"])
        #expect(result.status == 0, "\(result.summary)")
        #expect(result.stdout.contains("spec.reviewed is a date within 12 months before the as-of date"))
        let swedish = await CLI.run(["explain", "T-DATED", "--policy", "Tests/Fixtures/rule-tests/dated.yaml", "--lang", "sv"])
        #expect(swedish.stdout.contains("spec.reviewed är ett datum inom 12 månader före kontrolldatumet"), "\(swedish.stdout)")
        let rules = await CLI.run(["rules", "--policy", Fixture.path("bad-packs/unknown-key.yaml")])
        #expect(rules.status == 2)
    }

    @Test("rules, explain, test and check never send a pack's control characters or direction overrides on")
    func controlCharactersInPack() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data(
            """
            apiVersion: policykoll/v1
            kind: RulePack
            metadata: {name: "t\\e[1m", version: "1\\a"}
            areas:
              - id: a
                title: A
                principles:
                  - {id: P-1, title: P}
            rules:
              - id: R-1
                title: "Bara \\e[31mRED\\e[0m \\u202Eevil"
                severity: error
                area: a
                principle: P-1
                remediation: "fix\\e]0;pwned\\a it"
                assert: {path: spec.y, equals: ok}
                examples:
                  pass: [{spec: {y: "evil\\e]0;pwned\\a"}}]
                  fail: [{spec: {y: no}}]

            """.utf8
        ).write(to: folder.file("pack.yaml"))
        let pack = folder.file("pack.yaml").path
        let declaration = folder.file("d.yaml").path
        try Data("apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a, name: A, organisation: O}\nspec: {y: no}\n".utf8)
            .write(to: folder.file("d.yaml"))
        for arguments in [
            ["rules", "--policy", pack], ["rules", "--format", "markdown", "--policy", pack],
            ["explain", "R-1", "--policy", pack],
            ["test", pack],
            ["check", "--no-config", "--policy", pack, declaration],
            ["check", "--no-config", "--policy", pack, "--format", "github", declaration],
            ["check", "--no-config", "--policy", pack, "--format", "markdown", declaration],
        ] {
            let result = await CLI.run(arguments)
            #expect(
                !result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{07}") && !result.stdout.contains("\u{202E}"),
                "\(arguments): \(result.summary)")
            #expect(
                result.stdout.contains("\\u{1b}") || result.stdout.contains("\\u001b") || arguments.contains("markdown"),
                "\(arguments): \(result.summary)")
        }
    }
}
