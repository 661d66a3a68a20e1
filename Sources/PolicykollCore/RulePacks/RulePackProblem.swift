import PolicykollYAML

/// Why a rule pack is invalid. One case per problem; one place for the text.
public enum RulePackProblem: Sendable, Equatable {
    case notAMapping(what: String, found: String)
    case missingKey(String, in: String)
    case unknownKey(String, in: String, suggestion: String?)
    case wrongType(key: String, expected: String, found: String)
    case invalidValue(key: String, expected: String, found: String)
    case unsupportedAPIVersion(String)
    case unexpectedKind(String)
    case noRulePack
    case duplicateRulePackName(String)
    case duplicateID(what: String, id: String, first: String)
    case unknownArea(String)
    case unknownPrinciple(String)
    case principleInOtherArea(principle: String, area: String, ruleArea: String)
    case invalidSeverity(String)
    case invalidPath(String)
    case unknownOperator(String, suggestion: String?)
    case twoOperators([String])
    case noOperator
    case mixedCondition(String)
    case emptyConditionList(String)
    case invalidOperand(operator: String, expected: String)
    case misspeltPathOperand(String)
    case pathOperandNotTaken(operator: String, takenBy: [String])
    case pathOperandWithOtherKeys([String])
    case invalidRegex(String, reason: String)
    case invalidDuration(String)
    case invalidDate(String)
    case invalidExampleDate(String)
    case invalidType(String)
    case emptyText(String)
    case invalidID(String)
    case misspeltKind(String, suggestion: String)
    case invalidTemplate(String)

    /// The message shown to the user.
    public var message: String {
        switch self {
        case .notAMapping(let what, let found):
            return "\(what) must be a mapping, found \(YAMLNode.withArticle(found))"
        case .missingKey(let key, let context):
            return "\(context) needs '\(key)'"
        case .unknownKey(let key, let context, let suggestion):
            return "unknown key '\(key)' in \(context)" + Self.hint(suggestion)
        case .wrongType(let key, let expected, let found):
            return "'\(key)' must be \(expected), found \(YAMLNode.withArticle(found))"
        case .invalidValue(let key, let expected, let found):
            return "'\(key)' must be \(expected), found '\(found)'"
        case .unsupportedAPIVersion(let version):
            return "unsupported apiVersion '\(version)'; expected 'policykoll/v1'"
        case .unexpectedKind(let kind):
            return "a rule pack holds RulePack and Rules documents, not '\(kind)'"
        case .noRulePack:
            return "no RulePack document found: a pack needs one, with its metadata and principle catalogue"
        case .duplicateRulePackName(let name):
            return "rule pack '\(name)' is given twice"
        case .duplicateID(let what, let id, let first):
            return "duplicate \(what) id '\(id)' (first defined at \(first))"
        case .unknownArea(let area):
            return "unknown area '\(area)': it is not in the pack's catalogue"
        case .unknownPrinciple(let principle):
            return "unknown principle '\(principle)': it is not in the pack's catalogue"
        case .principleInOtherArea(let principle, let area, let ruleArea):
            return "principle '\(principle)' belongs to area '\(area)', not '\(ruleArea)'"
        case .invalidSeverity(let severity):
            return "severity '\(severity)' is not one of error, warning, info"
        case .invalidPath(let path):
            return "'\(path)' is not a valid path (dotted keys with optional [n] indexes, '$.' for the declaration root)"
        case .unknownOperator(let name, let suggestion):
            return "unknown operator '\(name)'" + Self.hint(suggestion)
        case .invalidTemplate(let detail):
            return "in the message template, \(detail)"
        case .misspeltKind(let kind, let suggestion):
            return "unknown kind '\(kind)'; did you mean '\(suggestion)'? (kinds are case-sensitive)"
        case .twoOperators(let names):
            return
                "a condition has exactly one operator; found \(names.map { "'\($0)'" }.joined(separator: " and ")); combine them with 'all'"
        case .noOperator:
            return
                "a condition needs an operator (exists, equals, in, matches, gte, within, …), or all/any/not/each/some/none/ref"
        case .mixedCondition(let key):
            return "'\(key)' cannot be combined with other keys in one condition"
        case .emptyConditionList(let key):
            return "'\(key)' needs a non-empty list of conditions"
        case .invalidOperand(let name, let expected):
            return "'\(name)' needs \(expected)"
        case .pathOperandNotTaken(let name, let takenBy):
            return "'\(name)' takes no {path: …} operand; only \(takenBy.joined(separator: ", ")) compare with another value"
        case .pathOperandWithOtherKeys(let keys):
            return "a {path: …} operand has no other keys (found \(keys.map { "'\($0)'" }.joined(separator: ", ")))"
        case .misspeltPathOperand(let key):
            return "'{\(key): …}' would be compared as a literal mapping; did you mean '{path: …}'?"
        case .invalidRegex(let pattern, let reason):
            return "invalid regular expression '\(pattern)': \(reason)"
        case .invalidDuration(let text):
            return "'\(text)' is not an ISO 8601 duration such as P12M, P1Y, P2W or P90D"
        case .invalidDate(let text):
            return "'\(text)' is not a date (YYYY-MM-DD) or 'today'"
        case .invalidExampleDate(let text):
            return "examples.asOf '\(text)' is not a date (YYYY-MM-DD)"
        case .invalidType(let text):
            return "'\(text)' is not a type; use one of \(ValueType.allCases.map(\.rawValue).joined(separator: ", "))"
        case .emptyText(let key):
            return "'\(key)' must not be empty"
        case .invalidID(let id):
            return "'\(id)' is not a valid id (letters, digits, '-', '_' and '.')"
        }
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
}
