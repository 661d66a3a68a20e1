import PolicykollCore
import PolicykollTestSupport
import PolicykollYAML
import Testing

@Suite("Findings: located at the failing value or the nearest existing ancestor, worded, fingerprinted")
struct FindingTests {
    static let declaration = Fixtures.declarationText(
        spec: """
              personalData:
                processed: true
              architecture:
                hosting: {dataLocation: [SE, US, EU, CN]}
                integrations:
                  - {name: a, target: other, personalData: true}
                  - {name: b, target: ghost, personalData: true}
                  - {name: c}
              security:
                classification: {confidentiality: 3}
            """)

    func findings(_ assert: String, inventory: [(name: String, text: String)] = [], language: Language = .en) throws -> [Finding]
    {
        try Fixtures.check(
            rules: Fixtures.rule(assert: assert), declarations: [("sys.yaml", Self.declaration)], inventory: inventory,
            language: language
        ).findings
    }

    @Test("a missing value points at the key of its nearest existing ancestor, with the full path")
    func missingValue() throws {
        let found = try findings("{path: spec.personalData.dpia.reference, exists: true}")
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.path == "spec.personalData.dpia.reference")
        #expect(finding.mark == Mark(line: 8, column: 3))  // `personalData:`
        #expect(finding.observation == .missing)
        #expect(finding.message == "Rule R-1 (spec.personalData.dpia.reference is missing)")
    }

    @Test("a missing top-level section points at the document")
    func missingSection() throws {
        let finding = try #require(try findings("{path: spec.procurement.reference, exists: true}").first)
        #expect(finding.mark == Mark(line: 7, column: 1))  // `spec:`
    }

    @Test("a failing value is pointed at itself")
    func failingValue() throws {
        let finding = try #require(try findings("{path: spec.security.classification.confidentiality, gte: 4}").first)
        #expect(finding.mark == Mark(line: 17, column: 39))
        #expect(finding.message == "Rule R-1 (spec.security.classification.confidentiality: 3)")
    }

    @Test(
        "a failing value is shown so that its type can be seen",
        arguments: [
            ("1", "1"), ("\"1\"", "\"1\""), ("\"true\"", "\"true\""), ("\"\"", "\"\""), ("\" padded\"", "\" padded\""),
            ("\"a \\\"q\\\" b\\n\"", "\"a \\\"q\\\" b\\n\""), ("text", "text"), ("2026-11-26", "2026-11-26"),
            ("[sys-b]", "[sys-b]"), ("[]", "[]"), ("[1, \"1\"]", "[1, \"1\"]"), ("{a: 1}", "{a: 1}"), ("true", "true"),
            ("\"[sys-b]\"", "\"[sys-b]\""), ("\"{k: v}\"", "\"{k: v}\""), ("\"a: b\"", "\"a: b\""), ("\"- x\"", "\"- x\""),
            ("\"*ref\"", "\"*ref\""), ("a-b:c", "a-b:c"), ("\"-\"", "\"-\""),
            // In a list or mapping, a comma or bracket in a string is quoted: it is not the list's own.
            ("[\"a, b\", c]", "[\"a, b\", c]"), ("[\"x]\", null]", "[\"x]\", null]"),
            ("[{name: a, v: 1}]", "[{name: a, v: 1}]"), ("\"x:\"", "\"x:\""), ("[\"x:\", y]", "[\"x:\", y]"),
            ("{\"k:\": v}", "{\"k:\": v}"),
            // C1 controls and direction overrides are shown escaped, not acted on.
            ("\"a\\u202Eb\"", "\"a\\u202Eb\""), ("\"a\\u009Bb\"", "\"a\\u009Bb\""), ("\"a\\x85b\"", "\"a\\u0085b\""),
            ("\"a\\u061Cb\"", "\"a\\u061Cb\""),
            ("{\"k,1\": [\"1\"]}", "{\"k,1\": [\"1\"]}"),
            // A line break or tab is shown escaped, in quotes, never as a raw control character.
            ("\"multi\\nline\"", "\"multi\\nline\""), ("\"a\\tb\"", "\"a\\tb\""),
        ])
    func typedValue(written: String, shown: String) throws {
        let report = try Fixtures.check(
            rules: Fixtures.rule(assert: "{path: spec.value, equals: 2}"),
            declarations: [("d.yaml", Fixtures.declarationText(spec: "  value: \(written)"))])
        #expect(report.findings.first?.message == "Rule R-1 (spec.value: \(shown))")
    }

    @Test("a comparison with a missing operand path says so, and the finding stays at the tested value")
    func missingOperand() throws {
        let report = try Fixtures.check(
            rules: Fixtures.rule(id: "R-1", assert: "{path: spec.big, gt: {path: spec.limits.nope}}")
                + Fixtures.rule(id: "R-2", assert: "{path: spec.when, after: {path: spec.gone}}")
                + Fixtures.rule(id: "R-3", assert: "{path: spec.big, gt: {path: spec.small}}")
                + Fixtures.rule(id: "R-4", assert: "{each: spec.items, assert: {path: p, equals: {path: $.spec.default}}}")
                + Fixtures.rule(id: "R-5", assert: "{each: spec.items, assert: {path: p, equals: {path: q}}}"),
            declarations: [
                (
                    "d.yaml",
                    Fixtures.declarationText(
                        spec: "  big: 10\n  small: 20\n  when: 2026-01-01\n  limits: {}\n  items: [{p: 1}, {p: 2, q: null}]"
                    )
                )
            ])
        #expect(
            report.findings.map { "\($0.ruleID) \($0.path) \($0.message)" } == [
                "R-1 spec.big Rule R-1 (spec.big: 10, compared with spec.limits.nope, which is missing)",
                "R-3 spec.big Rule R-3 (spec.big: 10)",
                "R-2 spec.when Rule R-2 (spec.when: 2026-01-01, compared with spec.gone, which is missing)",
                "R-4 spec.items[0].p Rule R-4 (spec.items[0].p: 1, compared with spec.default, which is missing)",
                "R-5 spec.items[0].p Rule R-5 (spec.items[0].p: 1, compared with spec.items[0].q, which is missing)",
                "R-4 spec.items[1].p Rule R-4 (spec.items[1].p: 2, compared with spec.default, which is missing)",
                "R-5 spec.items[1].p Rule R-5 (spec.items[1].p: 2, compared with spec.items[1].q, which is missing)",
            ])
        let swedish = try Fixtures.check(
            rules: Fixtures.rule(id: "R-1", assert: "{path: spec.big, gt: {path: spec.nope}}"),
            declarations: [("d.yaml", Fixtures.declarationText(spec: "  big: 10"))], language: .sv)
        #expect(swedish.findings.map(\.message) == ["Regel R-1 (spec.big: 10, jämfört med spec.nope som saknas)"])
    }

    @Test("a reference that is not a string is shown as what it is")
    func referenceOfAList() throws {
        let report = try Fixtures.check(
            rules: Fixtures.rule(assert: "{ref: spec.target, kind: System}"),
            declarations: [("d.yaml", Fixtures.declarationText(spec: "  target: [sys-b]"))])
        #expect(report.findings.first?.message == "Rule R-1 (spec.target: [sys-b], not the id of a declared System)")
        let string = try Fixtures.check(
            rules: Fixtures.rule(assert: "{ref: spec.target, kind: System}"),
            declarations: [("d.yaml", Fixtures.declarationText(spec: "  target: \"[sys-b]\""))])
        #expect(
            string.findings.first?.message
                == "Rule R-1 (spec.target: '[sys-b]' is not a declared System (among those checked or in --inventory))")
    }

    @Test("each gives one finding per failing element, with indexed paths")
    func eachPerElement() throws {
        let found = try findings("{each: spec.architecture.hosting.dataLocation, assert: {in: [SE, EU]}}")
        #expect(found.map(\.path) == ["spec.architecture.hosting.dataLocation[1]", "spec.architecture.hosting.dataLocation[3]"])
        #expect(found.map(\.mark) == [Mark(line: 11, column: 34), Mark(line: 11, column: 42)])
        #expect(Set(found.map(\.fingerprint)).count == 2)
    }

    @Test("none gives one finding, at the first element that satisfies what none may")
    func noneOnce() throws {
        let found = try findings("{none: spec.architecture.hosting.dataLocation, assert: {notIn: [SE, EU]}}")
        #expect(found.map(\.path) == ["spec.architecture.hosting.dataLocation[1]"])
        #expect(found.map(\.mark) == [Mark(line: 11, column: 34)])
    }

    @Test("each over mappings locates missing fields per element")
    func eachMissingField() throws {
        let found = try findings("{each: spec.architecture.integrations, assert: {path: target, exists: true}}")
        #expect(found.map(\.path) == ["spec.architecture.integrations[2].target"])
        #expect(found.first?.mark == Mark(line: 15, column: 9))
    }

    @Test("ref resolves across the files of the run and the inventory")
    func refAcrossFiles() throws {
        let other = Fixtures.declarationText(id: "other", spec: "  security: {classification: {confidentiality: 4}}")
        let condition = """
            {each: spec.architecture.integrations, assert: {any: [{path: personalData, notEquals: true}, \
            {ref: target, kind: System, assert: {path: spec.security.classification.confidentiality, \
            gte: {path: $.spec.security.classification.confidentiality}}}]}}
            """
        let withoutInventory = try findings(condition)
        // Integration c does not say whether it carries personal data: not shown compliant.
        let undeclared = "spec.architecture.integrations[2].personalData"
        #expect(
            withoutInventory.map(\.path) == [
                "spec.architecture.integrations[0].target", "spec.architecture.integrations[1].target", undeclared,
            ])
        #expect(withoutInventory.first?.message.contains("'other' is not a declared System") == true)

        let withInventory = try findings(condition, inventory: [("inventory/other.yaml", other)])
        #expect(withInventory.map(\.path) == ["spec.architecture.integrations[1].target", undeclared])

        let lower = Fixtures.declarationText(id: "other", spec: "  security: {classification: {confidentiality: 1}}")
        let withLower = try findings(condition, inventory: [("inventory/other.yaml", lower)])
        #expect(withLower.count == 3)
        // The finding says where the referenced declaration fails: its value, or that it is missing.
        #expect(
            withLower.first?.observation
                == .failingReference(
                    id: "other", because: ReferencedPlace(path: "spec.security.classification.confidentiality", valueText: "1")))
        #expect(
            withLower.first?.message.hasSuffix(
                "(spec.architecture.integrations[0].target: 'other' does not satisfy the condition; in 'other', "
                    + "spec.security.classification.confidentiality: 1)") == true, "\(withLower.first?.message ?? "")")
        // A `$.` path inside the ref reads the declaration under check: never shown as the other's.
        let absolute = try Fixtures.check(
            rules: Fixtures.rule(assert: "{ref: spec.dep, kind: System, assert: {path: $.spec.a, equals: 5}}"),
            declarations: [
                ("main.yaml", Fixtures.declarationText(id: "main", spec: "  dep: other\n  a: 7")),
                ("other.yaml", Fixtures.declarationText(id: "other", spec: "  a: 1")),
            ])
        let mainFinding = try #require(absolute.findings.first { $0.declarationID == "main" })
        #expect(mainFinding.message.hasSuffix("(spec.dep: 'other' does not satisfy the condition)"), "\(mainFinding.message)")
        let bare = Fixtures.declarationText(id: "other", spec: "  security: {}")
        let withBare = try findings(condition, inventory: [("inventory/other.yaml", bare)], language: .sv)
        #expect(
            withBare.first?.message.hasSuffix(
                "'other' uppfyller inte villkoret; i 'other' saknas spec.security.classification.confidentiality)") == true,
            "\(withBare.first?.message ?? "")")
    }

    @Test("two inventory declarations with one id: the first by file is used, whatever the order, with a warning")
    func duplicateInInventory() throws {
        let rules = Fixtures.rule(assert: "{ref: spec.dep, kind: System, assert: {path: spec.status, equals: production}}")
        let checked = ("x.yaml", Fixtures.declarationText(id: "x", spec: "  dep: b"))
        let first = ("inv/b1.yaml", Fixtures.declarationText(id: "b", spec: "  status: production"))
        let second = ("inv/b2.yaml", Fixtures.declarationText(id: "b", spec: "  status: retired"))
        for inventory in [[first, second], [second, first]] {
            let report = try Fixtures.check(rules: rules, declarations: [checked], inventory: inventory)
            #expect(report.findings.isEmpty, "b1 is used: \(report.findings.map(\.message))")
            #expect(
                report.warnings.map { "\($0.file) \($0.message)" } == [
                    "inv/b2.yaml duplicate metadata.id 'b' in the inventory; ref resolves to the one at inv/b1.yaml:4:7"
                ])
        }
        // A declaration of the run shadows the inventory's copy without a word.
        let shadowed = try Fixtures.check(
            rules: rules, declarations: [checked, ("b.yaml", Fixtures.declarationText(id: "b", spec: "  status: retired"))],
            inventory: [first])
        #expect(shadowed.findings.contains { $0.declarationID == "x" }, "x refers to the retired b of the run")
        #expect(shadowed.warnings.isEmpty)
        // Shadowed inventory copies are not compared with each other either: the run's is used.
        let twiceShadowed = try Fixtures.check(
            rules: rules, declarations: [checked, ("b.yaml", Fixtures.declarationText(id: "b", spec: "  status: retired"))],
            inventory: [second, first])
        #expect(twiceShadowed.warnings.isEmpty, "\(twiceShadowed.warnings.map(\.message))")
    }

    @Test("ref of a missing value fails; ref of the wrong kind fails")
    func refMissingAndKind() throws {
        #expect(try findings("{ref: spec.nothing, kind: System}").first?.observation == .missing)
        let report = try Fixtures.check(
            rules: Fixtures.rule(assert: "{ref: spec.peer, kind: Service}"),
            declarations: [
                ("a.yaml", Fixtures.declarationText(id: "a", spec: "  peer: b")),
                ("b.yaml", Fixtures.declarationText(id: "b", spec: "  peer: a")),
            ])
        #expect(report.findings.count == 2)
    }

    @Test("a {{path}} naming a mapping shows it as a finding shows a found one: {k: v}")
    func templateMapping() throws {
        let rules = """
              - id: R-1
                title: T
                severity: error
                area: a
                principle: P-1
                message: "m={{spec.m}}"
                assert: {path: spec.m, equals: 1}

            """
        let declaration = Fixtures.declarationText(spec: "  m: {a: 1, b: [x, \"y, z\"]}")
        let report = try Fixtures.check(rules: rules, declarations: [("s.yaml", declaration)], language: .en)
        #expect(report.findings.first?.message == "m={a: 1, b: [x, \"y, z\"]} (spec.m: {a: 1, b: [x, \"y, z\"]})")
    }

    @Test("messages fill {{path}} templates and come in the chosen language")
    func templatesAndLanguage() throws {
        let rules = """
              - id: R-1
                title: {sv: Titel, en: Title}
                severity: warning
                area: a
                principle: P-1
                message: {sv: "{{metadata.name}} saknar {{ spec.nothing }}", en: "{{metadata.name}} lacks {{spec.empty}}"}
                assert: {path: spec.security.classification.confidentiality, gte: 4}

            """
        let sv = try Fixtures.check(rules: rules, declarations: [("s.yaml", Self.declaration)], language: .sv)
        #expect(sv.findings.first?.message == "System sys saknar — (spec.security.classification.confidentiality: 3)")
        // A null is a value not given, so it is shown as a missing one is.
        let declaration = Self.declaration + "\n  empty:\n"
        let en = try Fixtures.check(rules: rules, declarations: [("s.yaml", declaration)], language: .en)
        #expect(en.findings.first?.message == "System sys lacks — (spec.security.classification.confidentiality: 3)")
        #expect(en.findings.first?.severity == .warning)
    }

    @Test("fingerprints depend on rule, declaration and path only")
    func fingerprints() throws {
        let rule = Fixtures.rule(assert: "{path: spec.x, exists: true}")
        let first = try Fixtures.check(rules: rule, declarations: [("a.yaml", Fixtures.declarationText(spec: "  y: 1"))])
        let moved = try Fixtures.check(
            rules: rule,
            declarations: [("elsewhere/b.yaml", "# comment\n\n\n" + Fixtures.declarationText(spec: "  z: 0\n  y: 1"))])
        #expect(first.findings.first?.fingerprint == moved.findings.first?.fingerprint)
        #expect(first.findings.first?.mark != moved.findings.first?.mark)
        #expect(
            first.findings.first?.fingerprint
                == Finding.fingerprint(ruleID: "R-1", declarationID: "sys", path: "spec.x"))
        #expect(Finding.fingerprint(ruleID: "R-1", declarationID: "sys", path: "spec.y") != first.findings.first?.fingerprint)
    }

    @Test("every (rule, declaration) pair has an outcome, passes included")
    func outcomesKept() throws {
        let rules =
            Fixtures.rule(id: "R-1", assert: "{path: spec.x, exists: true}")
            + Fixtures.rule(id: "R-2", when: "{path: spec.never, exists: true}", assert: "{path: spec.x, exists: true}")
            + Fixtures.rule(id: "R-3", assert: "{path: spec.y, exists: true}")
        let report = try Fixtures.check(rules: rules, declarations: [("a.yaml", Fixtures.declarationText(spec: "  y: 1"))])
        let results = report.results[0].outcomes.map { outcome -> String in
            switch outcome.result {
            case .pass: "pass"
            case .fail: "fail"
            case .notApplicable: "n/a"
            }
        }
        #expect(results == ["fail", "n/a", "pass"])
    }

    @Test("findings are ordered by file, line, column, rule id")
    func order() throws {
        let rules =
            Fixtures.rule(id: "R-2", assert: "{path: spec.x, exists: true}")
            + Fixtures.rule(id: "R-1", assert: "{path: spec.x, exists: true}")
            + Fixtures.rule(id: "R-0", assert: "{path: spec.y, equals: 2}")
        let report = try Fixtures.check(
            rules: rules,
            declarations: [
                ("b.yaml", Fixtures.declarationText(id: "b", spec: "  y: 1")),
                ("a.yaml", Fixtures.declarationText(id: "a", spec: "  y: 1")),
            ])
        #expect(
            report.findings.map { "\($0.file) \($0.mark) \($0.ruleID)" } == [
                "a.yaml 7:1 R-1", "a.yaml 7:1 R-2", "a.yaml 8:6 R-0", "b.yaml 7:1 R-1", "b.yaml 7:1 R-2", "b.yaml 8:6 R-0",
            ])
    }

    static func sample(_ file: String, line: Int, rule: String, path: String = "spec.x") -> Finding {
        Finding(
            ruleID: rule, severity: .error, status: .open, declarationID: "sys", kind: "System", file: file,
            mark: Mark(line: line, column: 1), path: path, observation: .missing, area: "a", principle: "p",
            message: "m \(file) \(line)", fingerprint: Finding.fingerprint(ruleID: rule, declarationID: "sys", path: path))
    }

    @Test("a finding is a value: changing a copy leaves the original as it was")
    func copyOnWrite() {
        let original = Self.sample("a.yaml", line: 3, rule: "R-1")
        var copy = original
        #expect(copy == original)
        #expect(copy.hashValue == original.hashValue)
        copy.status = .excepted
        copy.message = "changed"
        #expect(original.status == .open)
        #expect(original.message == "m a.yaml 3")
        #expect(copy.status == .excepted)
        #expect(copy != original)
        #expect(Set([original, copy, original]).count == 2)
    }

    @Test("report order: unsorted findings sorted stably, sorted ones kept as they are")
    func reportOrder() {
        let shuffled = [
            Self.sample("b.yaml", line: 1, rule: "R-1"), Self.sample("a.yaml", line: 9, rule: "R-2"),
            Self.sample("a.yaml", line: 2, rule: "R-3"), Self.sample("a.yaml", line: 2, rule: "R-1", path: "spec.z"),
            Self.sample("a.yaml", line: 2, rule: "R-1", path: "spec.y"), Self.sample("c.yaml", line: 1, rule: "R-0"),
            Self.sample("a.yaml", line: 9, rule: "R-2"),
        ]
        let sorted = Finding.sortedInReportOrder(shuffled)
        #expect(sorted == shuffled.sorted(by: Finding.ordered))
        #expect(sorted.map { "\($0.file):\($0.mark.line) \($0.ruleID) \($0.path)" }.first == "a.yaml:2 R-1 spec.y")
        #expect(Finding.sortedInReportOrder(sorted) == sorted)
        #expect(Finding.sortedInReportOrder([]) == [])
        // Larger, with long cycles in the permutation.
        let many = (0..<500).map { Self.sample("f\(($0 * 7919) % 500).yaml", line: $0 % 13 + 1, rule: "R-\($0 % 5)") }
        #expect(Finding.sortedInReportOrder(many) == many.sorted(by: Finding.ordered))
    }

    @Test("a fingerprint is the SHA-256 of rule id, declaration id and path joined by NUL")
    func fingerprintDefinition() {
        #expect(
            Finding.fingerprint(ruleID: "R-1", declarationID: "sys", path: "spec.x")
                == Hashing.sha256Hex(Array("R-1\u{0}sys\u{0}spec.x".utf8)))
        #expect(
            Hashing.sha256Hex(joiningWithNUL: "å", "", "ü")
                == Hashing.sha256Hex(Array("å\u{0}\u{0}ü".utf8)))
        // The well-known digest of the empty input.
        #expect(Hashing.sha256Hex(joiningWithNUL: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
