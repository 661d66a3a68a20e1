import PolicykollTestSupport
import PolicykollYAML
import Testing

@testable import PolicykollCore

@Suite("Spec conformance: located warnings where a System's spec departs from the published schema")
struct SpecConformanceTests {
    /// The diagnostics of loading one file, as `severity line:column message`.
    static func warnings(_ text: String, validator: DeclarationValidator = DeclarationValidator()) -> [String] {
        let loaded = DeclarationLoader.load(SourceFile(name: "d.yaml", text: text), validator: validator)
        return loaded.diagnostics.map { "\($0.severity.rawValue) \($0.mark?.description ?? "-") \($0.message)" }
    }

    @Test("types, enumerations, ranges, patterns and dates, each at its value")
    func deviations() {
        let text = """
            apiVersion: policykoll/v1
            kind: System
            metadata: {id: bad-spec, name: Bad, organisation: Org}
            spec:
              lifecycle: {status: prod, since: 2026-02-30}
              security: {classification: {confidentiality: 7, integrity: "1", availability: -1}}
              architecture:
                hosting: {model: cloud}
                integrations:
                  - {target: Sys B, personalData: maybe}
                  - target: ok-target
              service: {audience: [residents, aliens], identification: {assuranceLevel: 5}}
              personalData: [processed]

            """
        #expect(
            Self.warnings(text) == [
                "warning 5:23 spec.lifecycle.status: 'prod' is not one of planned, procurement, development, production, "
                    + "retiring, retired (policykoll schema)",
                "warning 5:36 spec.lifecycle.since: '2026-02-30' is not a date (YYYY-MM-DD)",
                "warning 6:48 spec.security.classification.confidentiality: 7 is above the schema's maximum 4",
                "warning 6:62 spec.security.classification.integrity should be an integer (policykoll schema), found a string",
                "warning 6:81 spec.security.classification.availability: -1 is below the schema's minimum 0",
                "warning 8:22 spec.architecture.hosting.model: 'cloud' is not one of city-datacenter, on-premises, saas, paas, "
                    + "iaas (policykoll schema)",
                "warning 10:18 spec.architecture.integrations[0].target: 'Sys B' does not match ^[a-z0-9][a-z0-9-]*$ "
                    + "(policykoll schema)",
                "warning 10:39 spec.architecture.integrations[0].personalData should be a boolean (policykoll schema), found "
                    + "a string",
                "warning 12:35 spec.service.audience[1]: 'aliens' is not one of residents, visitors, business, employees "
                    + "(policykoll schema)",
                "warning 12:77 spec.service.identification.assuranceLevel: 5 is not one of 2, 3, 4 (policykoll schema)",
                "warning 13:17 spec.personalData should be a mapping (policykoll schema), found a list",
            ])
    }

    @Test("a field a letter or two from one the schema names, which the mapping lacks, is called a likely slip")
    func misspeltFields() {
        let text = """
            apiVersion: policykoll/v1
            kind: System
            metadata: {id: slips, name: Slips, organisation: Org}
            spec:
              role: {systemOwner: {name: A}}
              security: {clasification: {confidentiality: 2}, riskAssesment: {date: 2026-01-01}}
              lifecycle: {status: production, statuses: [a], since: 2024-01-01}
              costCentre: 4711
              notes: fields of one's own are free
              personalData: {processed: true, processd: true, dpo: Anna}

            """
        #expect(
            Self.warnings(text) == [
                "warning 5:3 spec.role is not a field of the policykoll schema; did you mean 'roles'? (rules read 'roles')",
                "warning 6:14 spec.security.clasification is not a field of the policykoll schema; did you mean "
                    + "'classification'? (rules read 'classification')",
                "warning 6:51 spec.security.riskAssesment is not a field of the policykoll schema; did you mean "
                    + "'riskAssessment'? (rules read 'riskAssessment')",
            ])
    }

    @Test("a likely slip is one edit from a field of the same first letter (two for longer names)")
    func likelySlips() {
        let names = ["roles", "security", "classification", "dpia", "riskAssessment"]
        #expect(SpecConformance.likelySlip("role", among: names) == "roles")
        #expect(SpecConformance.likelySlip("Roles", among: names) == "roles")
        #expect(SpecConformance.likelySlip("clasificaton", among: names) == "classification")
        #expect(SpecConformance.likelySlip("notes", among: names) == nil)
        #expect(SpecConformance.likelySlip("dpo", among: names) == nil)
        #expect(SpecConformance.likelySlip("rolex", among: names) == "roles")
        #expect(SpecConformance.likelySlip("poles", among: names) == nil)
    }

    @Test("a departing value is quoted shortened, as in a finding, however long it is")
    func longValueShortened() {
        let long = String(repeating: "2026-", count: 40_000)
        let text = """
            apiVersion: policykoll/v1
            kind: System
            metadata: {id: long, name: Long, organisation: Org}
            spec:
              lifecycle: {since: \(long)}
              security: {classification: {confidentiality: [\(Array(repeating: "12345", count: 100).joined(separator: ", "))]}}

            """
        let warnings = Self.warnings(text)
        #expect(warnings.count == 2)
        #expect(warnings.first == "warning 5:22 spec.lifecycle.since: '\(long.prefix(117))…' is not a date (YYYY-MM-DD)")
        #expect(warnings.allSatisfy { $0.count < 300 }, "\(warnings.map(\.count))")
    }

    @Test("fields the schema does not name, nulls, and conforming values give no warning")
    func quietWhenConforming() {
        let text = """
            apiVersion: policykoll/v1
            kind: System
            metadata: {id: fine, name: Fine, organisation: Org}
            spec:
              lifecycle: {status: production, since: 2024-02-29, endOfLife: null, ownField: [1, 2]}
              security: {classification: {confidentiality: 0, integrity: 4}, logging: {enabled: true, retentionDays: 90}}
              governance: {benefits: {plan: "ja"}, portfolioRegistered: false}
              personalData: {processed: true, ropa: R-12, dpia: {reference: D-1, date: 2026-01-15}}
              customSection: {anything: goes}

            """
        #expect(Self.warnings(text) == [])
    }

    @Test("other kinds are not held to the System schema")
    func otherKinds() throws {
        let text = """
            apiVersion: policykoll/v1
            kind: Service
            metadata: {id: svc, name: Svc, organisation: Org}
            spec: {lifecycle: {status: prod}}

            """
        #expect(Self.warnings(text, validator: DeclarationValidator(extraKinds: ["Service"])) == [])
    }

    @Test("the warnings do not change the gate: a conforming check still passes")
    func gateUnchanged() throws {
        let declaration = Fixtures.declarationText(spec: "  lifecycle: {status: prod}\n  x: 1")
        let report = try Fixtures.check(
            rules: Fixtures.rule(assert: "{path: spec.x, equals: 1}"), declarations: [("d.yaml", declaration)])
        #expect(report.errors.isEmpty)
        #expect(report.warnings.map(\.message).contains { $0.contains("'prod' is not one of") })
        #expect(!report.hasOpenFinding(atOrAbove: .info))
    }

    @Test("a value the loader already warned about gets no second warning")
    func oneWarningPerValue() {
        let text = """
            apiVersion: policykoll/v1
            kind: System
            metadata: {id: yes-value, name: Why, organisation: Org}
            spec:
              personalData: {processed: yes}

            """
        let warnings = Self.warnings(text)
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.hasPrefix("warning 5:29 ambiguous boolean 'yes'") == true, "\(warnings)")
    }

    @Test("at most 20 warnings per declaration, then one that counts the rest")
    func capped() {
        let items = (0..<30).map { _ in "aliens" }.joined(separator: ", ")
        let text = """
            apiVersion: policykoll/v1
            kind: System
            metadata: {id: many, name: Many, organisation: Org}
            spec:
              service: {audience: [\(items)]}

            """
        let warnings = Self.warnings(text)
        #expect(warnings.count == 21)
        #expect(warnings.last?.hasSuffix("10 more values depart from the policykoll schema in this declaration") == true)
    }

    @Test("declarations loaded only for ref to resolve against are not held to the schema")
    func inventoryNotJudged() throws {
        let report = try Fixtures.check(
            rules: Fixtures.rule(assert: "{ref: spec.peer, kind: System}"),
            declarations: [("d.yaml", Fixtures.declarationText(id: "sys", spec: "  peer: other"))],
            inventory: [("i.yaml", Fixtures.declarationText(id: "other", spec: "  lifecycle: {status: prod}"))])
        #expect(report.warnings.isEmpty, "\(report.warnings.map(\.message))")
        #expect(report.findings.isEmpty)
    }
}
