import PolicykollYAML

/// Why an exceptions file or entry is invalid, and what a run says about its exceptions.
public enum ExceptionProblem: Sendable, Equatable {
    case notAnExceptionsDocument(found: String)
    case missingField(String)
    case wrongType(field: String, expected: String, found: String)
    case unknownKey(String, suggestion: String?)
    case invalidDate(String)
    case blankField(String)
    case invalidPath(String)
    case otherDeclaration(String, declaration: String)
    case expired(rule: String, declaration: String, expires: String, matched: Int, reopened: Int)
    case expiringSoon(rule: String, declaration: String, expires: String, days: Int)
    case unused(rule: String, declaration: String)
    /// An exception for a rule the pack does not have, so it can match nothing.
    case unusedUnknownRule(rule: String, declaration: String, suggestion: String?)

    /// The message shown to the user.
    public var message: String {
        switch self {
        case .notAnExceptionsDocument(let found):
            return
                "an exceptions file holds 'apiVersion: policykoll/v1', 'kind: Exceptions' and 'exceptions: […]'; found \(found)"
        case .missingField(let field):
            return "an exception needs '\(field)'"
        case .wrongType(let field, let expected, let found):
            return "'\(field)' must be \(expected), found \(YAMLNode.withArticle(found))"
        case .unknownKey(let key, let suggestion):
            return "unknown key '\(key)' in an exception" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .invalidDate(let text):
            return "'expires' must be a date (YYYY-MM-DD), found '\(text)'"
        case .blankField(let field):
            return "'\(field)' is empty; an exception must say it"
        case .invalidPath(let path):
            return
                "'path' must be a path such as spec.architecture.hosting (dotted keys with optional [n] indexes), found '\(path)'"
        case .otherDeclaration(let named, let declaration):
            return "an inline exception of '\(declaration)' names another declaration, '\(named)'"
        case .expired(let rule, let declaration, let expires, let matched, let reopened):
            // Findings another, active exception or the baseline still covers are not open again.
            let effect =
                switch (matched, reopened) {
                case (_, 0): ""
                case (1, _): "; its finding is open again"
                case _ where reopened == matched: "; its \(matched) findings are open again"
                default: "; \(reopened) of its \(matched) findings are open again"
                }
            return "the exception for \(rule) on \(declaration) expired on \(expires)\(effect)"
        case .expiringSoon(let rule, let declaration, let expires, let days):
            return "the exception for \(rule) on \(declaration) expires on \(expires), in \(days) \(days == 1 ? "day" : "days")"
        case .unused(let rule, let declaration):
            return
                "the exception for \(rule) on \(declaration) matches no finding (unused); remove it or check its rule, declaration and path"
        case .unusedUnknownRule(let rule, let declaration, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return
                "the exception for \(rule) on \(declaration) matches no finding (unused): the rule pack has no rule '\(rule)'\(hint)"
        }
    }
}
