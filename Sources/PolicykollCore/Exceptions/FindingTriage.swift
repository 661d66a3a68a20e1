/// Gives each finding its status: `excepted` when an unexpired exception covers it, `baseline`
/// when an earlier report had it, otherwise `open`; and says what became of every exception.
public enum FindingTriage {
    /// Exceptions that expire within this many days get a warning.
    public static let expiryWarningDays = 30

    /// The findings with their statuses, the exceptions' uses, and warnings about exceptions
    /// that expired, expire soon or match nothing (naming, with `knownRules`, a rule the pack
    /// does not have).
    public static func apply(
        exceptions: [PolicyException], baseline: Set<String>, to findings: consuming [Finding], asOf: CivilDate,
        knownRules: Set<String>?
    ) -> (findings: [Finding], uses: [ExceptionUse], warnings: [Diagnostic]) {
        // Nothing to match: the findings stay open, untouched.
        guard !exceptions.isEmpty || !baseline.isEmpty else { return (findings, [], []) }
        var matched = Array(repeating: 0, count: exceptions.count)
        // Of an expired exception's findings, those that nothing else covers: open again.
        var reopened = Array(repeating: 0, count: exceptions.count)
        // An exception covers only findings of its rule and declaration: look those up instead of
        // trying every exception on every finding (thousands of each would be quadratic).
        var byRuleAndDeclaration: [PairKey: [Int]] = [:]
        for (position, exception) in exceptions.enumerated() {
            byRuleAndDeclaration[PairKey(rule: exception.rule, declaration: exception.declaration), default: []].append(position)
        }
        var triaged = findings
        for index in triaged.indices {
            var covering: Int?
            let candidates =
                byRuleAndDeclaration.isEmpty
                ? [] : byRuleAndDeclaration[PairKey(rule: triaged[index].ruleID, declaration: triaged[index].declarationID)] ?? []
            var expiredMatches: [Int] = []
            for position in candidates
            where exceptions[position].covers(
                ruleID: triaged[index].ruleID, declarationID: triaged[index].declarationID, path: triaged[index].path)
            {
                let exception = exceptions[position]
                matched[position] += 1
                if !exception.isActive(on: asOf) {
                    expiredMatches.append(position)
                } else if covering == nil {
                    covering = position
                }
            }
            if let covering {
                triaged[index].status = .excepted
                triaged[index].exception = exceptions[covering]
            } else if baseline.contains(triaged[index].fingerprint) {
                triaged[index].status = .baseline
            } else {
                // Open again: neither another exception nor the baseline covers it.
                for position in expiredMatches { reopened[position] += 1 }
            }
        }

        var uses: [ExceptionUse] = []
        var warnings: [Diagnostic] = []
        for (position, exception) in exceptions.enumerated() {
            let daysLeft = exception.expires.dayNumber - asOf.dayNumber
            let state: ExceptionUse.State =
                !exception.isActive(on: asOf) ? .expired : (matched[position] > 0 ? .active : .unused)
            uses.append(ExceptionUse(exception: exception, state: state, matched: matched[position], daysLeft: daysLeft))
            let problem: ExceptionProblem?
            switch state {
            case .expired:
                problem = .expired(
                    rule: exception.rule, declaration: exception.declaration, expires: exception.expires.description,
                    matched: matched[position], reopened: reopened[position])
            case .unused:
                // A rule the pack does not have is most often a typo: say so, with the likely rule.
                if let knownRules, !knownRules.contains(exception.rule) {
                    problem = .unusedUnknownRule(
                        rule: exception.rule, declaration: exception.declaration,
                        suggestion: Suggestion.closest(to: exception.rule, among: knownRules.sorted()))
                } else {
                    problem = .unused(rule: exception.rule, declaration: exception.declaration)
                }
            case .active:
                problem =
                    daysLeft <= expiryWarningDays
                    ? .expiringSoon(
                        rule: exception.rule, declaration: exception.declaration, expires: exception.expires.description,
                        days: daysLeft)
                    : nil
            }
            if let problem {
                warnings.append(Diagnostic(.warning, file: exception.file, mark: exception.mark, message: problem.message))
            }
        }
        return (triaged, uses, warnings)
    }

    /// A rule id and a declaration id, together.
    private struct PairKey: Hashable {
        var rule: String
        var declaration: String
    }
}
