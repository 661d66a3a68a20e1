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
        run(
            pack: pack, inputCount: inputs.count, fetch: { .success(inputs[$0]) }, inventory: inventory,
            inputProblems: inputProblems, exceptionFiles: exceptionFiles, baseline: baseline, options: options)
    }

    /// Checks the files behind `inputs`, reading each on a worker as it is parsed and keeping
    /// its bytes only when the report needs its lines: for a large inventory the files are never
    /// all in memory at once. The other parameters are as for the other `check`.
    public static func check(
        pack: RulePack, reading inputs: [InputCollector.Input], inventory: [SourceFile] = [],
        inputProblems: [Diagnostic] = [], exceptionFiles: [SourceFile] = [], baseline: SourceFile? = nil,
        options: CheckOptions
    ) -> CheckReport {
        run(
            pack: pack, inputCount: inputs.count, fetch: { InputCollector.read(inputs[$0]) }, inventory: inventory,
            inputProblems: inputProblems, exceptionFiles: exceptionFiles, baseline: baseline, options: options)
    }

    private static func run(
        pack: RulePack, inputCount: Int, fetch: @Sendable (Int) -> Result<SourceFile, Diagnostic>, inventory: [SourceFile],
        inputProblems: [Diagnostic], exceptionFiles: [SourceFile], baseline: SourceFile?, options: CheckOptions
    ) -> CheckReport {
        let validator = DeclarationValidator(extraKinds: pack.kindsNamed)
        let view = ReferenceView(rules: pack.rules)
        let localRules = pack.rules.indices.filter { !view.referenceRules.contains($0) }
        let referenceRules = pack.rules.indices.filter { view.referenceRules.contains($0) }
        let language = options.language
        let heads = pack.rules.map(FindingHead.init)
        let templates = MessageRenderer.templates(of: pack.rules, language: language)
        let asOf = options.asOf
        var diagnostics = inputProblems
        var firstByID: [String: Declaration] = Dictionary(minimumCapacity: inputCount)
        var skipped: [String] = []

        // Pass 1, on every core, file by file: parse, run every rule that needs no other
        // declaration, and keep only the parts of the document that `ref` rules read. The full
        // document is dropped as soon as its file is done.
        let local = Evaluator(rules: pack.rules, index: DeclarationIndex(), asOf: asOf)
        let keepsLines = options.keepsSourceLines
        let digestsInputs = options.digestsInputs
        // Small chunks, so that the cores finish together: a chunk of files takes milliseconds.
        var firstPass = Parallel.mapChunks(count: inputCount, minimumChunk: 4, chunksPerWorker: 64) { range in
            let renderer = MessageRenderer(language: language, ruleTemplates: templates)
            return range.map { position -> PassOneFile in
                let file: SourceFile
                switch fetch(position) {
                case .success(let read): file = read
                case .failure(let problem):
                    return PassOneFile(name: nil, diagnostics: [problem], skipped: false, lines: nil, sha256: nil, items: [])
                }
                let loaded = DeclarationLoader.load(file, validator: validator)
                let items = loaded.declarations.map { declaration in
                    let outcomes = local.evaluate(declaration, rules: localRules)
                    let findings = findingsOf(outcomes, declaration: declaration, heads: heads, renderer: renderer)
                    return PassOneItem(declaration: view.prune(declaration), outcomes: placesMoved(outcomes), findings: findings)
                }
                // The file's lines stay only if the report will show them.
                let needsLines = keepsLines || loaded.diagnostics.contains { $0.mark != nil }
                return PassOneFile(
                    name: file.name, diagnostics: loaded.diagnostics, skipped: loaded.skipped,
                    lines: needsLines ? SourceLines(file.bytes) : nil,
                    sha256: digestsInputs ? Hashing.sha256Hex(file.bytes) : nil, items: items)
            }
        }
        var items: [PassOneItem] = []
        var inputLines: [String: SourceLines] = [:]
        var inputDigests: [(file: String, sha256: String)] = []
        // Files whose lines were dropped in pass 1 but that now have an error to show (a duplicate
        // id is only known here): read again below, which is rare and only on this error path.
        var rereadForLines: [Int] = []
        // Of declarations sharing an id, the one first by file and line is checked and the others
        // are errors, whatever order the paths were given in.
        for pass in firstPass {
            for item in pass.items {
                let declaration = item.declaration
                if let first = firstByID[declaration.id], !Self.precedes(declaration, first) { continue }
                firstByID[declaration.id] = declaration
            }
        }
        for (position, pass) in firstPass.enumerated() {
            if pass.skipped, let name = pass.name { skipped.append(name) }
            if let name = pass.name, let lines = pass.lines { inputLines[name] = lines }
            if let name = pass.name, let sha256 = pass.sha256 { inputDigests.append((name, sha256)) }
            diagnostics += pass.diagnostics
            for item in pass.items {
                let declaration = item.declaration
                if let first = firstByID[declaration.id], first.file != declaration.file || first.idMark != declaration.idMark {
                    let problem = DeclarationProblem.duplicateID(
                        declaration.id, firstFile: first.file, firstLine: first.idMark.line, firstColumn: first.idMark.column)
                    diagnostics.append(.error(problem.message, file: declaration.file, at: declaration.idMark))
                    if pass.lines == nil, rereadForLines.last != position { rereadForLines.append(position) }
                    continue
                }
                items.append(item)
            }
        }

        // Every file found was something else (a rule pack, another tool's YAML): a gate that
        // checked nothing must not pass, as one given a folder without YAML does not.
        if items.isEmpty, !skipped.isEmpty, !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(
                .error(InputProblem.noDeclarations(skipped: skipped.count).message, file: commonFolder(of: skipped), at: nil))
        }

        // Drop pass 1's copies now, so that pass 2 extends the findings in place.
        firstPass = []
        for position in rereadForLines {
            if case .success(let file) = fetch(position) { inputLines[file.name] = SourceLines(file.bytes) }
        }

        var index = DeclarationIndex(items.map(\.declaration))
        let loadedInventory = Parallel.mapChunks(count: inventory.count, minimumChunk: 4) { range in
            range.map { position in
                let loaded = DeclarationLoader.load(inventory[position], validator: validator, checksSchema: false)
                return (loaded.declarations.map(view.prune), loaded.diagnostics)
            }
        }
        // A declaration of the run shadows the inventory's copy (the inventory is the rest of the
        // city's). Two inventory declarations with one id: the first by file and line is used,
        // whatever order the paths were given in, and the other is named.
        var inventoryDeclarations: [Declaration] = []
        for (declarations, problems) in loadedInventory {
            diagnostics += problems
            inventoryDeclarations += declarations
        }
        inventoryDeclarations.sort(by: precedes)
        var fromInventory: [String: Declaration] = [:]
        for declaration in inventoryDeclarations {
            let key = declaration.kind + "\u{0}" + declaration.id
            // The run's own declaration with this id is the one `ref` uses: nothing to warn about.
            if fromInventory[key] == nil, index.lookup(kind: declaration.kind, id: declaration.id) != nil { continue }
            if let first = fromInventory[key] {
                let problem = DeclarationProblem.duplicateInInventory(
                    declaration.id, firstFile: first.file, firstLine: first.idMark.line, firstColumn: first.idMark.column)
                diagnostics.append(
                    Diagnostic(.warning, file: declaration.file, mark: declaration.idMark, message: problem.message))
                continue
            }
            fromInventory[key] = declaration
            index.insert(declaration)
        }

        // Pass 2, on every core: the rules with `ref`, now that every declaration is indexed.
        let evaluator = Evaluator(rules: pack.rules, index: index, asOf: asOf)
        // Each item is taken out as it is evaluated, so pass 1's findings are extended in place
        // and nothing is held twice.
        let pending = TakeOnce(items)
        items = []
        var evaluated = Parallel.mapChunks(count: pending.count) { range in
            let renderer = MessageRenderer(language: language, ruleTemplates: templates)
            return range.map { position -> (DeclarationResult, [Finding]) in
                let item = pending.take(position)
                var outcomes = item.outcomes
                var findings = item.findings
                if !referenceRules.isEmpty {
                    let more = evaluator.evaluate(item.declaration, rules: referenceRules)
                    findings += findingsOf(more, declaration: item.declaration, heads: heads, renderer: renderer)
                    outcomes = (outcomes + placesMoved(more)).sorted { $0.ruleIndex < $1.ruleIndex }
                    findings = Finding.sortedInReportOrder(consume findings)
                }
                return (DeclarationResult(declaration: item.declaration, outcomes: outcomes), findings)
            }
        }
        var results: [DeclarationResult] = []
        var findings: [Finding] = []
        results.reserveCapacity(evaluated.count)
        findings.reserveCapacity(evaluated.reduce(0) { $0 + $1.1.count })
        for (result, declarationFindings) in evaluated {
            results.append(result)
            findings += declarationFindings
        }
        evaluated = []
        // Files are read in the order the paths were given: the results and the findings are put
        // in file and line order (design §5), sorted only when they are not in it already.
        if !results.indices.dropFirst().allSatisfy({ !precedes(results[$0].declaration, results[$0 - 1].declaration) }) {
            results.sort { precedes($0.declaration, $1.declaration) }
        }
        findings = Finding.sortedInReportOrder(consume findings)

        // Exceptions and a baseline name rules: without a valid pack they cannot be judged (every
        // rule would be unknown), so they are not read, and the report says so.
        var exceptions: [PolicyException] = []
        var baselineFingerprints: Set<String> = []
        if pack.isInvalid {
            for file in exceptionFiles.map(\.name) + [baseline?.name].compactMap({ $0 }) {
                diagnostics.append(Diagnostic(.warning, file: file, mark: nil, message: Self.notAppliedMessage))
            }
        } else {
            let loaded =
                exceptionFiles.map { ExceptionLoader.load($0) } + results.map { ExceptionLoader.inline($0.declaration) }
            for read in loaded {
                exceptions += read.exceptions
                diagnostics += read.diagnostics
            }
            if let baseline {
                let read = Baseline.load(baseline)
                baselineFingerprints = read.baseline?.fingerprints ?? []
                diagnostics += read.diagnostics
            }
        }
        let triage = FindingTriage.apply(
            exceptions: exceptions, baseline: baselineFingerprints, to: consume findings, asOf: options.asOf,
            knownRules: Set(pack.rules.map(\.id)))
        findings = triage.findings
        diagnostics += triage.warnings
        diagnostics.sort(by: Diagnostic.ordered)

        // Diagnostics always get their excerpt; findings only when a text report will show them.
        var filesToShow = Set(diagnostics.compactMap { $0.mark == nil ? nil : $0.file })
        if options.keepsSourceLines { filesToShow.formUnion(findings.map(\.file)) }
        var sources = inputLines.filter { filesToShow.contains($0.key) }
        for file in inventory + exceptionFiles where filesToShow.contains(file.name) && sources[file.name] == nil {
            sources[file.name] = SourceLines(file.bytes)
        }
        return CheckReport(
            pack: pack, asOf: options.asOf, language: options.language, results: results, findings: findings,
            errors: diagnostics.filter { $0.severity == .error }, warnings: diagnostics.filter { $0.severity == .warning },
            sources: sources, exceptions: triage.uses, skippedFiles: skipped, inputDigests: inputDigests,
            baselineFingerprints: baselineFingerprints)
    }

    /// The folder that holds all the files (the file itself when there is one).
    static func commonFolder(of files: [String]) -> String {
        guard files.count > 1 else { return files.first ?? "." }
        var common = files[0].split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for file in files.dropFirst() {
            let parts = file.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            common = common.prefix(zip(common, parts).prefix { $0 == $1 }.count)
        }
        let folder = common.joined(separator: "/")
        return folder.isEmpty ? (files[0].hasPrefix("/") ? "/" : ".") : folder
    }

    /// Why an exceptions file or a baseline was not read.
    static let notAppliedMessage = "not applied: the rule pack is invalid, so no rule was evaluated"

    /// Whether a declaration comes before another by file, then by the line of its id.
    private static func precedes(_ lhs: Declaration, _ rhs: Declaration) -> Bool {
        lhs.file != rhs.file ? lhs.file < rhs.file : lhs.idMark < rhs.idMark
    }

    /// What pass 1 keeps of a file: its problems, its lines if needed, and its declarations.
    struct PassOneFile: Sendable {
        var name: String?
        var diagnostics: [Diagnostic]
        var skipped: Bool
        var lines: SourceLines?
        var sha256: String?
        var items: [PassOneItem]
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
        _ outcomes: [Outcome], declaration: Declaration, heads: [FindingHead], renderer: MessageRenderer
    ) -> [Finding] {
        var findings: [Finding] = []
        for outcome in outcomes {
            guard case .fail(let evidence) = outcome.result else { continue }
            let rule = heads[outcome.ruleIndex]
            findings.reserveCapacity(findings.count + evidence.count)
            for place in evidence {
                findings.append(
                    Finding(
                        ruleID: rule.id, severity: rule.severity, status: .open, declarationID: declaration.id,
                        kind: declaration.kind, file: declaration.file, mark: place.mark, path: place.path,
                        observation: place.observation, area: rule.area, principle: rule.principle,
                        message: renderer.message(forRuleAt: outcome.ruleIndex, declaration: declaration, evidence: place),
                        fingerprint: Finding.fingerprint(ruleID: rule.id, declarationID: declaration.id, path: place.path)))
            }
        }
        return Finding.sortedInReportOrder(findings)
    }

    /// What every finding of a rule repeats, held by reference so that wording a finding does
    /// not copy the whole rule.
    final class FindingHead: Sendable {
        let id: String
        let severity: Severity
        let area: String
        let principle: String

        init(_ rule: Rule) {
            id = rule.id
            severity = rule.severity
            area = rule.area
            principle = rule.principle
        }
    }
}
