import PolicykollCore

/// Picks the Swedish or the English wording of a text written in both, and words the values
/// that reports show people (outcomes, severities, statuses).
struct Wording: Sendable {
    let language: Language

    func callAsFunction(_ sv: String, _ en: String) -> String {
        language == .sv ? sv : en
    }

    /// An outcome as a person reads it.
    func outcome(_ outcome: AuditOutcome) -> String {
        switch outcome {
        case .pass: self("uppfyllt", "pass")
        case .fail: self("ej uppfyllt", "fail")
        case .notApplicable: self("ej tillämpligt", "not applicable")
        case .excepted: self("undantag", "excepted")
        }
    }

    /// A severity as a person reads it.
    func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: self("fel", "error")
        case .warning: self("varning", "warning")
        case .info: self("info", "info")
        }
    }

    /// A finding's status as a person reads it.
    func status(_ status: FindingStatus) -> String {
        switch status {
        case .open: self("öppen", "open")
        case .excepted: self("undantagen", "excepted")
        case .baseline: self("i baslinjen", "baseline")
        }
    }

    /// An exception's state in the register.
    func exceptionState(_ use: ExceptionUse) -> String {
        switch use.state {
        case .expired: return self("utgånget", "expired")
        case .unused: return self("oanvänt", "unused")
        case .active:
            return AuditReport.isExpiringSoon(use)
                ? self("går ut inom 90 dagar", "expires within 90 days") : self("aktivt", "active")
        }
    }
}
