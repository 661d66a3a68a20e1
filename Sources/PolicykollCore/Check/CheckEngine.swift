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
        // Parsing is independent per file: every core parses, the results keep file order.
        let loadedFiles = Parallel.mapChunks(count: inputs.count, minimumChunk: 4) { range in
            range.map { DeclarationLoader.load(inputs[$0], validator: validator) }
        }
        for (file, loaded) in zip(inputs, loadedFiles) {
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
        let loadedInventory = Parallel.mapChunks(count: inventory.count, minimumChunk: 4) { range in
            range.map { DeclarationLoader.load(inventory[$0], validator: validator) }
        }
        for loaded in loadedInventory {
            diagnostics += loaded.diagnostics
            for declaration in loaded.declarations { index.insert(declaration) }
        }

        // Evaluation is independent per declaration once the index is complete.
        let evaluator = Evaluator(rules: pack.rules, index: index, asOf: options.asOf)
        let language = options.language
        let checked = declarations
        let evaluated = Parallel.mapChunks(count: checked.count) { range in
            let renderer = MessageRenderer(language: language)
            return range.map { position in
                evaluate(checked[position], evaluator: evaluator, renderer: renderer)
            }
        }
        var results: [DeclarationResult] = []
        var findings: [Finding] = []
        results.reserveCapacity(declarations.count)
        for (result, declarationFindings) in evaluated {
            results.append(result)
            findings += declarationFindings
        }
        // Files are read in order, so findings are usually in order already: sort only if not.
        if zip(findings, findings.dropFirst()).contains(where: { Finding.ordered($1, $0) }) {
            findings.sort(by: Finding.ordered)
        }

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
        // Diagnostics always get their excerpt; findings only when a text report will show them.
        var filesToShow = Set(diagnostics.compactMap { $0.mark == nil ? nil : $0.file })
        if options.keepsSourceLines { filesToShow.formUnion(findings.map(\.file)) }
        for file in inputs + inventory + exceptionFiles where filesToShow.contains(file.name) && sources[file.name] == nil {
            sources[file.name] = SourceLines(file.bytes)
        }
        return CheckReport(
            pack: pack, asOf: options.asOf, language: options.language, results: results, findings: findings,
            errors: diagnostics.filter { $0.severity == .error }, warnings: diagnostics.filter { $0.severity == .warning },
            sources: sources, exceptions: triage.uses, skippedFiles: skipped)
    }

    /// One declaration's outcomes and its findings, worded and in report order.
    private static func evaluate(
        _ declaration: Declaration, evaluator: Evaluator, renderer: MessageRenderer
    ) -> (DeclarationResult, [Finding]) {
        let outcomes = evaluator.evaluate(declaration)
        var findings: [Finding] = []
        for outcome in outcomes {
            guard case .fail(let evidence) = outcome.result else { continue }
            let rule = evaluator.rules[outcome.ruleIndex]
            findings.reserveCapacity(findings.count + evidence.count)
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
        findings.sort(by: Finding.ordered)
        return (DeclarationResult(declaration: declaration, outcomes: outcomes), findings)
    }
}
