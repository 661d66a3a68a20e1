public import PolicykollCore
import PolicykollYAML

/// Builders for tests: packs, declarations and one-condition evaluations from YAML text.
public enum Fixtures {
    /// The as-of date the tests use.
    public static let asOf = CivilDate(year: 2026, month: 11, day: 26)!

    /// A RulePack document with one area `a` and principles `P-1` and `P-2`.
    public static let catalogue = """
        apiVersion: policykoll/v1
        kind: RulePack
        metadata: {name: test, version: "1.0"}
        areas:
          - id: a
            title: {sv: Område A, en: Area A}
            principles:
              - {id: P-1, title: {sv: Princip 1, en: Principle 1}}
              - {id: P-2, title: {sv: Princip 2, en: Principle 2}}
          - id: b
            title: B
            principles:
              - {id: Q-1, title: Q}
        """

    /// Loads a pack from named YAML texts (the catalogue is not added).
    public static func load(_ files: [(name: String, text: String)]) -> RulePackLoader.Result {
        RulePackLoader.load(files.map { SourceFile(name: $0.name, text: $0.text) })
    }

    /// A pack of the catalogue plus a Rules document with the given `rules:` items (YAML).
    public static func pack(rules: String) -> RulePackLoader.Result {
        load([("pack.yaml", catalogue), ("rules.yaml", "apiVersion: policykoll/v1\nkind: Rules\nrules:\n" + rules)])
    }

    /// A rule item with the given assert (and optional when), as YAML text for `pack(rules:)`.
    public static func rule(id: String = "R-1", when: String? = nil, assert: String, severity: String = "error") -> String {
        var text = """
              - id: \(id)
                title: {sv: Regel \(id), en: Rule \(id)}
                severity: \(severity)
                area: a
                principle: P-1
                assert: \(assert)

            """
        if let when { text += "    when: \(when)\n" }
        return text
    }

    /// A declaration from a `spec:` body (YAML, indented by two spaces) and an id.
    public static func declarationText(id: String = "sys", kind: String = "System", spec: String) -> String {
        """
        apiVersion: policykoll/v1
        kind: \(kind)
        metadata:
          id: \(id)
          name: System \(id)
          organisation: Testförvaltningen
        spec:
        \(spec)
        """
    }

    /// Runs a check of declaration texts against a pack built from rule items.
    public static func check(
        rules: String, declarations: [(name: String, text: String)], inventory: [(name: String, text: String)] = [],
        exceptions: [(name: String, text: String)] = [], baseline: String? = nil, language: Language = .en
    ) throws -> CheckReport {
        let loaded = pack(rules: rules)
        guard let pack = loaded.pack else {
            throw FixtureError(
                message:
                    "test pack is invalid: \(loaded.diagnostics.map { "\($0.file):\($0.mark?.description ?? "-"): \($0.message)" })"
            )
        }
        return CheckEngine.check(
            pack: pack, inputs: declarations.map { SourceFile(name: $0.name, text: $0.text) },
            inventory: inventory.map { SourceFile(name: $0.name, text: $0.text) },
            exceptionFiles: exceptions.map { SourceFile(name: $0.name, text: $0.text) },
            baseline: baseline.map { SourceFile(name: "baseline.json", text: $0) },
            options: CheckOptions(asOf: asOf, language: language))
    }

    /// Whether one condition (flow YAML) holds on a declaration with the given spec.
    ///
    /// - Returns: `true` for pass, `false` for fail, `nil` when the rule is not applicable.
    public static func holds(_ condition: String, spec: String, when: String? = nil) throws -> Bool? {
        let report = try check(
            rules: rule(when: when, assert: condition), declarations: [("d.yaml", declarationText(spec: spec))])
        guard report.errors.isEmpty else {
            throw FixtureError(message: "declaration is invalid: \(report.errors.map(\.message))")
        }
        switch report.results[0].outcomes[0].result {
        case .pass: return true
        case .fail: return false
        case .notApplicable: return nil
        }
    }
}

/// A fixture that could not be built: the test is wrong, not the product.
public struct FixtureError: Error, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    public var description: String { message }
}
