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
        let view = ReferenceView(rules: pack.rules)
        let localRules = pack.rules.indices.filter { !view.referenceRules.contains($0) }
        let referenceRules = pack.rules.indices.filter { view.referenceRules.contains($0) }
        let language = options.language
        let asOf = options.asOf
        var diagnostics = inputProblems
        var firstByID: [String: Declaration] = [:]
        var skipped: [String] = []

        // Pass 1, on every core, file by file: parse, run every rule that needs no other
        // declaration, and keep only the parts of the document that `ref` rules read. The full
        // document is dropped as soon as its file is done.
        let local = Evaluator(rules: pack.rules, index: DeclarationIndex(), asOf: asOf)
        let firstPass = Parallel.mapChunks(count: inputs.count, minimumChunk: 4) { range in
            let renderer = MessageRenderer(language: language)
            return range.map { position -> (loaded: DeclarationLoader.Loaded, items: [PassOneItem]) in
                let loaded = DeclarationLoader.load(inputs[position], validator: validator)
                let items = loaded.declarations.map { declaration in
                    let outcomes = local.evaluate(declaration, rules: localRules)
                    let findings = findingsOf(outcomes, declaration: declaration, evaluator: local, renderer: renderer)
                    return PassOneItem(declaration: view.prune(declaration), outcomes: placesMoved(outcomes), findings: findings)
                }
                return (
                    DeclarationLoader.Loaded(declarations: [], diagnostics: loaded.diagnostics, skipped: loaded.skipped), items
                )
            }
        }
        var items: [PassOneItem] = []
        for (file, pass) in zip(inputs, firstPass) {
            if pass.loaded.skipped { skipped.append(file.name) }
            diagnostics += pass.loaded.diagnostics
            for item in pass.items {
                let declaration = item.declaration
                if let first = firstByID[declaration.id] {
                    let problem = DeclarationProblem.duplicateID(
                        declaration.id, firstFile: first.file, firstLine: first.idMark.line, firstColumn: first.idMark.column)
                    diagnostics.append(.error(problem.message, file: declaration.file, at: declaration.idMark))
                    continue
                }
                firstByID[declaration.id] = declaration
                items.append(item)
            }
        }

        var index = DeclarationIndex(items.map(\.declaration))
        let loadedInventory = Parallel.mapChunks(count: inventory.count, minimumChunk: 4) { range in
            range.map { position in
                let loaded = DeclarationLoader.load(inventory[position], validator: validator)
                return (loaded.declarations.map(view.prune), loaded.diagnostics)
            }
        }
        for (declarations, problems) in loadedInventory {
            diagnostics += problems
            for declaration in declarations { index.insert(declaration) }
        }

        // Pass 2, on every core: the rules with `ref`, now that every declaration is indexed.
        let evaluator = Evaluator(rules: pack.rules, index: index, asOf: asOf)
        let firstItems = items
        let evaluated = Parallel.mapChunks(count: firstItems.count) { range in
            let renderer = MessageRenderer(language: language)
            return range.map { position -> (DeclarationResult, [Finding]) in
                let item = firstItems[position]
                var outcomes = item.outcomes
                var findings = item.findings
                if !referenceRules.isEmpty {
                    let more = evaluator.evaluate(item.declaration, rules: referenceRules)
                    findings += findingsOf(more, declaration: item.declaration, evaluator: evaluator, renderer: renderer)
                    outcomes = (outcomes + placesMoved(more)).sorted { $0.ruleIndex < $1.ruleIndex }
                    findings.sort(by: Finding.ordered)
                }
                return (DeclarationResult(declaration: item.declaration, outcomes: outcomes), findings)
            }
        }
        items = []
        var results: [DeclarationResult] = []
        var findings: [Finding] = []
        results.reserveCapacity(evaluated.count)
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

    /// What pass 1 keeps of a declaration: its pruned document, outcomes and findings so far.
    struct PassOneItem: Sendable {
        var declaration: Declaration
        var outcomes: [Outcome]
        var findings: [Finding]
    }

    /// The outcomes without their failing places, which now live in the findings: a report
    /// keeps each place once.
    private static func placesMoved(_ outcomes: [Outcome]) -> [Outcome] {
        outcomes.map { outcome in
            guard case .fail = outcome.result else { return outcome }
            return Outcome(ruleIndex: outcome.ruleIndex, result: .fail([]))
        }
    }

    /// The findings of some outcomes of one declaration, worded and in report order.
    private static func findingsOf(
        _ outcomes: [Outcome], declaration: Declaration, evaluator: Evaluator, renderer: MessageRenderer
    ) -> [Finding] {
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
        return findings
    }
}
