import PolicykollCore
import PolicykollReporters
import PolicykollYAML

/// One fuzz input as a rules file of a pack: loaded beside a fixed, valid catalogue (the areas
/// and principles of the test pack and of the Göteborg pack), and when the pack is valid, its
/// rules evaluated against a fixed declaration and the report rendered as text and JSON.
///
/// A crash, a hang or a valid pack whose check reports an error about the fixed declaration is
/// a finding.
enum RulePackFuzzer {
    static let catalogue = SourceFile(name: "catalogue.yaml", text: catalogueText)
    static let declaration = SourceFile(name: "declaration.yaml", text: declarationText)
    static let options = CheckOptions(asOf: CivilDate(year: 2026, month: 11, day: 26)!, language: .en)
    static let style = CompilerStyle(useColor: false)

    static func run(_ bytes: [UInt8]) {
        let rules = SourceFile(name: "rules.yaml", bytes: bytes)
        let loaded = RulePackLoader.load([catalogue, rules])
        let lines = SourceLines(bytes)
        for diagnostic in loaded.diagnostics {
            if diagnostic.file == rules.name, let mark = diagnostic.mark {
                precondition(
                    mark.line >= 1 && mark.line <= lines.count && mark.column >= 1,
                    "a diagnostic points outside the file: \(mark) (\(lines.count) lines): \(diagnostic.message)")
            }
            _ = style.render(diagnostic, lines: diagnostic.file == rules.name ? lines : nil)
        }
        guard let pack = loaded.pack else { return }
        let report = CheckEngine.check(pack: pack, inputs: [declaration], inventory: [declaration], options: options)
        _ = TextReporter(useColor: false).render(report)
        _ = JSONReporter().render(report)
    }

    static let catalogueText = """
        apiVersion: policykoll/v1
        kind: RulePack
        metadata: {name: fuzz, version: "1.0", title: {sv: Fuzz, en: Fuzz}}
        areas:
          - id: testomrade
            title: {sv: Testområde, en: Test area}
            principles:
              - {id: TST-1, title: Ett}
              - {id: TST-2, title: Två}
              - {id: TST-3, title: Tre}
          - id: styrning-och-uppfoljning
            title: Styrning
            principles: [{id: STY-1, title: a}, {id: STY-2, title: b}, {id: STY-3, title: c}]
          - id: sammanhallen-digital-service
            title: Service
            principles: [{id: SDS-1, title: a}, {id: SDS-2, title: b}, {id: SDS-3, title: c}]
          - id: informationsforsorjning-och-digital-miljo
            title: Information
            principles: [{id: INF-1, title: a}, {id: INF-2, title: b}, {id: INF-3, title: c}, {id: INF-4, title: d}]
          - id: arkitektur-och-informationssakerhet
            title: Arkitektur
            principles:
              - {id: ARK-1, title: a}
              - {id: ARK-2, title: b}
              - {id: ARK-3, title: c}
              - {id: ARK-4, title: d}
              - {id: ARK-5, title: e}

        """

    static let declarationText = """
        apiVersion: policykoll/v1
        kind: System
        metadata:
          id: fuzz-system
          name: fuzz system
          organisation: Testförvaltningen
        spec:
          lifecycle: {status: production, since: 2024-08-01}
          service:
            languages: [sv]
            identification: {methods: [BankID], assuranceLevel: 3}
          architecture:
            hosting: {model: saas, dataLocation: [SE, US]}
            integrations:
              - {name: A, target: fuzz-system, protocol: REST}
              - {name: B, target: nowhere, protocol: FTP}
          security:
            classification: {confidentiality: 3, integrity: 2, availability: 2, traceability: 1}
            riskAssessment: {date: 2024-01-01, reference: RA-2}
          personalData:
            processed: true
            ropa: Registerförteckning 1
          procurement:
            contractEnd: 2028-01-01

        """
}
