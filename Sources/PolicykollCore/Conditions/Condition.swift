public import PolicykollYAML

/// A compiled condition of the rule language (design §4): the rule's `when` and `assert`.
public indirect enum Condition: Sendable {
    /// Every condition holds.
    case all([Condition])
    /// At least one condition holds.
    case any([Condition])
    /// The condition does not hold.
    case not(Condition)
    /// One operator applied to the value at a path (or the current node when `path` is `nil`).
    case test(path: RulePath?, Test)
    /// `each`, `some` or `none` of the list at a path satisfies the condition.
    case quantified(Quantifier, path: RulePath, assert: Condition)
    /// The value at a path is the id of a declaration of a kind, which satisfies `assert`.
    case ref(path: RulePath, kind: String, assert: Condition?)
}

/// How many elements of a list must satisfy a condition.
public enum Quantifier: String, Sendable {
    case each
    case some
    case none
}

/// A value to compare with: a literal from the rule, or another value of the declaration.
public enum Operand: Sendable {
    case literal(YAMLNode)
    case path(RulePath)
}

/// A date to compare with: a literal date, the as-of date, or a date in the declaration.
public enum DateOperand: Sendable {
    case date(CivilDate)
    case today
    case path(RulePath)
}

/// The types the `type` operator knows.
public enum ValueType: String, Sendable, CaseIterable {
    case string, number, integer, boolean, list, map, date, null

    /// The type's name in Swedish, as `explain` says it.
    public var swedishName: String {
        switch self {
        case .string: "text"
        case .number: "tal"
        case .integer: "heltal"
        case .boolean: "sanningsvärde (true eller false)"
        case .list: "lista"
        case .map: "mappning"
        case .date: "datum"
        case .null: "null"
        }
    }
}

/// The ordering operators on numbers and dates.
public enum Ordering: String, Sendable {
    case gt, gte, lt, lte
}

/// A regular expression compiled once per run, matched in linear time (see ``PatternMatcher``).
public final class CompiledPattern: Sendable {
    /// The pattern as written.
    public let pattern: String
    private let matcher: PatternMatcher

    /// Compiles a pattern, or throws when it is invalid or uses what is not supported
    /// (backreferences, lookaround); the error's `message` says what and where.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        self.matcher = try PatternMatcher(pattern)
    }

    /// Whether the pattern matches anywhere in the text (unanchored).
    func matches(_ text: String) -> Bool {
        matcher.matches(text)
    }
}

/// A leaf operator with its operand.
public enum Test: Sendable {
    case exists(Bool)
    case equals(Operand)
    case notEquals(Operand)
    case isIn(Operand)
    case notIn(Operand)
    case matches(CompiledPattern)
    case notMatches(CompiledPattern)
    case order(Ordering, Operand)
    case contains(Operand)
    case minItems(Int)
    case maxItems(Int)
    case type(ValueType)
    case within(ISODuration)
    case before(DateOperand)
    case after(DateOperand)
}
