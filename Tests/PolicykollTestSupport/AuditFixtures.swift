public import PolicykollCore

/// A small inventory whose audit is computed by hand in the tests: three systems in two
/// organisations, four rules (one never applicable), exceptions that are active, expiring,
/// expired and unused, and an integration to a system that is not declared.
public enum AuditFixtures {
    /// The rules: R-1, R-2 and R-4 in area `a` (principle P-1), R-3 in area `b` (Q-1, never applies).
    public static let rules = """
          - id: R-1
            title: {sv: DPIA finns, en: A DPIA exists}
            severity: error
            area: a
            principle: P-1
            assert: {path: spec.personalData.dpia, exists: true}
            remediation: {sv: Gör en konsekvensbedömning., en: Carry out a DPIA.}
          - id: R-2
            title: {sv: Registerförteckning, en: Record of processing}
            severity: warning
            area: a
            principle: P-1
            when: {path: spec.personalData.processed, equals: true}
            assert: {path: spec.personalData.ropa, exists: true}
          - id: R-3
            title: {sv: Aldrig tillämplig, en: Never applicable}
            severity: info
            area: b
            principle: Q-1
            when: {path: spec.never, exists: true}
            assert: {path: spec.never, equals: 1}
          - id: R-4
            title: {sv: Data i EU, en: Data in the EU}
            severity: error
            area: a
            principle: P-1
            assert: {each: spec.locations, assert: {in: [SE, EU]}}
            message: {sv: "{{metadata.name}} lagrar data utanför EU", en: "{{metadata.name}} stores data outside the EU"}

        """

    /// A declaration.
    public static func declaration(id: String, name: String? = nil, organisation: String, spec: String) -> String {
        """
        apiVersion: policykoll/v1
        kind: System
        metadata:
          id: \(id)
          name: \(name ?? "System \(id)")
          organisation: \(organisation)
        spec:
        \(spec)
        """
    }

    /// The three declarations.
    public static let declarations: [(name: String, text: String)] = [
        (
            "org-a/alpha.yaml",
            declaration(
                id: "alpha", organisation: "Org A",
                spec: "  personalData: {processed: true, dpia: {reference: D-1}}\n  locations: [SE]")
        ),
        (
            "org-a/beta.yaml",
            declaration(id: "beta", organisation: "Org A", spec: "  personalData: {processed: false}\n  locations: [US, CN]")
        ),
        (
            "org-b/gamma.yaml",
            declaration(
                id: "gamma", organisation: "Org B",
                spec: """
                      personalData: {processed: true, dpia: {reference: D-2}, ropa: R-9}
                      locations: [EU]
                      architecture:
                        integrations:
                          - {name: To alpha, target: alpha}
                          - {name: To a ghost, target: ghost}
                    """)
        ),
    ]

    /// Exceptions: R-1/beta active and expiring within 90 days, R-4/beta on one element only,
    /// R-2/alpha expired, R-3/gamma unused.
    public static let exceptions = """
        apiVersion: policykoll/v1
        kind: Exceptions
        exceptions:
          - {rule: R-1, declaration: beta, reason: DPIA pågår, approvedBy: CISO, decision: Dnr 1/26, expires: 2027-01-31}
          - {rule: R-4, declaration: beta, path: "spec.locations[0]", reason: Avtal med SCC, approvedBy: DPO, expires: 2028-01-01}
          - {rule: R-2, declaration: alpha, reason: Gammalt, approvedBy: CISO, expires: 2026-01-01}
          - {rule: R-3, declaration: gamma, reason: Ingen brist, approvedBy: CISO, expires: 2028-01-01}
        """

    /// The check of the inventory.
    public static func check(language: Language = .en, extra: [(name: String, text: String)] = []) throws -> CheckReport {
        try Fixtures.check(
            rules: rules, declarations: declarations + extra, exceptions: [("exceptions.yaml", exceptions)], language: language)
    }

    /// The audit of the inventory.
    public static func audit(language: Language = .en, extra: [(name: String, text: String)] = []) throws -> AuditReport {
        let check = try check(language: language, extra: extra)
        return AuditReport(
            check: check,
            inputs: (declarations + extra).map { AuditInput(SourceFile(name: $0.name, text: $0.text)) })
    }
}
