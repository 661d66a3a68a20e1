import Foundation
import PolicykollYAML

/// Runs a check: loads declarations, evaluates every rule on each, and words the findings.
public enum CheckEngine {
    /// Checks the declarations in `inputs` against `pack`.
    ///
    /// - Parameters:
    ///   - pack: A validated rule pack.
    ///   - inputs: The files to check.
    ///   - inventory: Files whose declarations `ref` may resolve to; they are not checked.
    ///   - inputProblems: Problems already found while collecting the inputs, reported as given.
    ///   - exceptionFiles: `--exceptions` files; inline exceptions are read from the declarations.
    ///   - baseline: An earlier JSON report whose findings do not fail the gate.
    ///   - options: The as-of date and language.
    /// - Returns: The report; it never throws, every problem is a diagnostic in it.
    public static func check(
        pack: RulePack, inputs: [SourceFile], inventory: [SourceFile] = [], inputProblems: [Diagnostic] = [],
        exceptionFiles: [SourceFile] = [], baseline: SourceFile? = nil, options: CheckOptions
    ) -> CheckReport {
        let validator = DeclarationValidator(extraKinds: pack.kindsNamed)
        var diagnostics = inputProblems
        var declarations: [Declaration] = []
        var firstByID: [String: Declaration] = [:]
        var skipped: [String] = []
        for file in inputs {
            let loaded = DeclarationLoader.load(file, validator: validator)
            if loaded.skipped { skipped.append(file.name) }
            diagnostics += loaded.diagnostics
            for declaration in loaded.declarations {
                if let first = firstByID[declaration.id] {
                    let problem = DeclarationProblem.duplicateID(
                        declaration.id, firstFile: first.file, firstLine: first.idMark.line, firstColumn: first.idMark.column)
                    diagnostics.append(.error(problem.message, file: declaration.file, at: declaration.idMark))
                    continue
                }
                firstByID[declaration.id] = declaration
                declarations.append(declaration)
            }
        }

        var index = DeclarationIndex(declarations)
        for file in inventory {
            let loaded = DeclarationLoader.load(file, validator: validator)
            diagnostics += loaded.diagnostics
            for declaration in loaded.declarations { index.insert(declaration) }
        }

        let evaluator = Evaluator(rules: pack.rules, index: index, asOf: options.asOf)
        let renderer = MessageRenderer(language: options.language)
        var results: [DeclarationResult] = []
        var findings: [Finding] = []
        results.reserveCapacity(declarations.count)
        for declaration in declarations {
            let outcomes = evaluator.evaluate(declaration)
            for outcome in outcomes {
                guard case .fail(let evidence) = outcome.result else { continue }
                let rule = pack.rules[outcome.ruleIndex]
                for place in evidence {
                    findings.append(
                        Finding(
                            ruleID: rule.id, severity: rule.severity, status: .open, declarationID: declaration.id,
                            kind: declaration.kind, file: declaration.file, mark: place.mark, path: place.path,
                            observation: place.observation, area: rule.area, principle: rule.principle,
                            message: renderer.message(for: rule, declaration: declaration, evidence: place),
                            fingerprint: Finding.fingerprint(ruleID: rule.id, declarationID: declaration.id, path: place.path)))
                }
            }
            results.append(DeclarationResult(declaration: declaration, outcomes: outcomes))
        }
        findings.sort(by: Finding.ordered)

        var exceptions: [PolicyException] = []
        let knownRules = Set(pack.rules.map(\.id))
        for file in exceptionFiles {
            let loaded = ExceptionLoader.load(file, knownRules: knownRules)
            exceptions += loaded.exceptions
            diagnostics += loaded.diagnostics
        }
        for result in results {
            let loaded = ExceptionLoader.inline(result.declaration, knownRules: knownRules)
            exceptions += loaded.exceptions
            diagnostics += loaded.diagnostics
        }
        var baselineFingerprints: Set<String> = []
        if let baseline {
            let loaded = Baseline.load(baseline)
            baselineFingerprints = loaded.baseline?.fingerprints ?? []
            diagnostics += loaded.diagnostics
        }
        let triage = FindingTriage.apply(
            exceptions: exceptions, baseline: baselineFingerprints, to: findings, asOf: options.asOf)
        findings = triage.findings
        diagnostics += triage.warnings
        diagnostics.sort(by: Diagnostic.ordered)

        var sources: [String: SourceLines] = [:]
        let filesToShow = Set(findings.map(\.file)).union(diagnostics.compactMap { $0.mark == nil ? nil : $0.file })
        for file in inputs + inventory + exceptionFiles where filesToShow.contains(file.name) && sources[file.name] == nil {
            sources[file.name] = SourceLines(file.bytes)
        }
        return CheckReport(
            pack: pack, asOf: options.asOf, language: options.language, results: results, findings: findings,
            errors: diagnostics.filter { $0.severity == .error }, warnings: diagnostics.filter { $0.severity == .warning },
            sources: sources, exceptions: triage.uses, skippedFiles: skipped)
    }
}
