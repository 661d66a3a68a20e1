public import PolicykollYAML

/// The outcomes of every rule on one checked declaration.
public struct DeclarationResult: Sendable {
    /// The declaration.
    public var declaration: Declaration
    /// One outcome per rule, in rule order. The places of a failure are in the report's
    /// ``CheckReport/findings`` (a `fail` here carries no evidence, so a large run keeps each
    /// place once).
    public var outcomes: [Outcome]
}

/// Everything a check run found: what reporters render and the exit code is decided from.
public struct CheckReport: Sendable {
    /// The rule pack used.
    public var pack: RulePack
    /// The as-of date used.
    public var asOf: CivilDate
    /// The language of the messages.
    public var language: Language
    /// Every checked declaration with its outcomes, in file order.
    public var results: [DeclarationResult]
    /// Findings (fail outcomes, one per failing place), in file, line, column, rule order.
    public var findings: [Finding]
    /// Input problems: they make the exit code 2.
    public var errors: [Diagnostic]
    /// Loader notes such as ambiguous booleans: they never change the exit code.
    public var warnings: [Diagnostic]
    /// The lines of files that have findings or diagnostics, to show them with a caret.
    public var sources: [String: SourceLines]
    /// Every exception of the run and what became of it (active, expired, unused).
    public var exceptions: [ExceptionUse] = []
    /// Files found in folders that hold no declarations (YAML of other tools, rule packs,
    /// exceptions files): skipped, and listed so nothing is skipped silently.
    public var skippedFiles: [String] = []
    /// Each input file read, in input order, with its SHA-256, when ``CheckOptions/digestsInputs``
    /// was set; otherwise empty.
    public var inputDigests: [(file: String, sha256: String)] = []
    /// The fingerprints of the `--baseline` report's findings (empty without one): a finding an
    /// exception covers has status `excepted`, yet may still be one the baseline already had.
    public var baselineFingerprints: Set<String> = []

    /// How many declarations were checked.
    public var declarationCount: Int { results.count }

    /// Counts for the summary: open findings per severity, excepted and baseline ones.
    public var summary: Summary {
        var summary = Summary()
        for finding in findings {
            switch finding.status {
            case .open:
                switch finding.severity {
                case .error: summary.error += 1
                case .warning: summary.warning += 1
                case .info: summary.info += 1
                }
            case .excepted: summary.excepted += 1
            case .baseline: summary.baseline += 1
            }
        }
        return summary
    }

    /// Counts of findings by status and severity.
    public struct Summary: Sendable, Equatable {
        /// Open findings of severity error.
        public var error = 0
        /// Open findings of severity warning.
        public var warning = 0
        /// Open findings of severity info.
        public var info = 0
        /// Findings covered by an exception.
        public var excepted = 0
        /// Findings already in the baseline.
        public var baseline = 0
    }

    /// Whether an open finding is at or above the threshold (`nil` means never fail).
    public func hasOpenFinding(atOrAbove threshold: Severity?) -> Bool {
        guard let threshold else { return false }
        return findings.contains { $0.status == .open && $0.severity >= threshold }
    }
}
