/// The parsed form of a regular expression in the rule language.
///
/// The supported syntax is the common core of the regular expressions people write in rule
/// packs (as in RE2 and Go): literals and escapes, `.`, classes `[…]` and `[^…]`, `\d \w \s`
/// and their negations, `\b \B`, anchors `^ $`, groups `(…)` and `(?:…)`, alternation `|`,
/// quantifiers `* + ? {n} {n,} {n,m}` (lazy forms accepted), and a leading `(?i)`.
/// Backreferences and lookaround are rejected: they are what makes matching exponential.
indirect enum PatternSyntax: Equatable {
    case empty
    case scalar(Unicode.Scalar)
    case anyExceptNewline
    case set(ScalarSet)
    case concatenation([PatternSyntax])
    case alternation([PatternSyntax])
    case repetition(PatternSyntax, min: Int, max: Int?)
    case startAnchor
    case endAnchor
    case wordBoundary(negated: Bool)
}

/// A set of Unicode scalars: ranges and named classes, possibly negated.
struct ScalarSet: Equatable {
    /// The named classes `\d`, `\w`, `\s`.
    enum Named: Equatable {
        case digit, word, space
    }

    var ranges: [ClosedRange<UInt32>] = []
    var named: [(class: Named, negated: Bool)] = []
    var negated = false

    static func == (lhs: ScalarSet, rhs: ScalarSet) -> Bool {
        lhs.ranges == rhs.ranges && lhs.negated == rhs.negated
            && lhs.named.map { "\($0.class)\($0.negated)" } == rhs.named.map { "\($0.class)\($0.negated)" }
    }

    func contains(_ scalar: Unicode.Scalar, ignoringCase: Bool) -> Bool {
        var found = containsExactly(scalar)
        if !found, ignoringCase {
            found = PatternMatcher.caseVariants(of: scalar).contains { containsExactly($0) }
        }
        return found != negated
    }

    private func containsExactly(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if ranges.contains(where: { $0.contains(value) }) { return true }
        return named.contains { $0.negated != ScalarSet.matches($0.class, scalar) }
    }

    static func matches(_ named: Named, _ scalar: Unicode.Scalar) -> Bool {
        switch named {
        case .digit: return ("0"..."9").contains(scalar)
        case .word: return isWord(scalar)
        case .space: return scalar.properties.isWhitespace
        }
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}

/// Why a pattern cannot be used, with the 1-based character position in the pattern.
struct PatternError: Error, Equatable {
    var reason: String
    var position: Int

    var message: String { "\(reason) at character \(position)" }
}
