/// Parses the supported regular-expression syntax (see ``PatternSyntax``) by recursive descent.
struct PatternParser {
    /// The largest count in `{n,m}`; larger repetitions are rejected.
    static let maxRepetition = 1000

    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var depth = 0
    private(set) var ignoresCase = false

    init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    /// Parses the whole pattern.
    mutating func parse() throws -> PatternSyntax {
        if scalars.starts(with: Array("(?i)".unicodeScalars)) {
            ignoresCase = true
            position = 4
        }
        let syntax = try parseAlternation()
        if position < scalars.count {
            throw error(scalars[position] == ")" ? "unbalanced ')'" : "unexpected '\(scalars[position])'")
        }
        return syntax
    }

    private func error(_ reason: String, at offset: Int? = nil) -> PatternError {
        PatternError(reason: reason, position: (offset ?? position) + 1)
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func parseAlternation() throws -> PatternSyntax {
        var branches = [try parseConcatenation()]
        while current == "|" {
            position += 1
            branches.append(try parseConcatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcatenation() throws -> PatternSyntax {
        var items: [PatternSyntax] = []
        while let scalar = current, scalar != "|", scalar != ")" {
            var atom = try parseAtom()
            atom = try parseQuantifiers(atom)
            items.append(atom)
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    private mutating func parseQuantifiers(_ atom: PatternSyntax) throws -> PatternSyntax {
        var result = atom
        while let scalar = current {
            let start = position
            var bounds: (Int, Int?)
            switch scalar {
            case "*": bounds = (0, nil); position += 1
            case "+": bounds = (1, nil); position += 1
            case "?": bounds = (0, 1); position += 1
            case "{":
                guard let parsed = try parseBraces() else { return result }
                bounds = parsed
            default:
                return result
            }
            switch result {
            case .startAnchor, .endAnchor, .wordBoundary, .empty:
                throw error("nothing to repeat", at: start)
            case .repetition:
                if current != "?" && scalar != "?" { throw error("a quantifier cannot follow another quantifier", at: start) }
            default: break
            }
            // A lazy quantifier matches the same strings; `rule.matches` only asks whether one does.
            if current == "?" { position += 1 }
            if current == "+" { throw error("possessive quantifiers are not supported") }
            result = .repetition(result, min: bounds.0, max: bounds.1)
        }
        return result
    }

    /// `{n}`, `{n,}` or `{n,m}`; `nil` (and no input consumed) when the brace is a literal.
    private mutating func parseBraces() throws -> (Int, Int?)? {
        let start = position
        var index = position + 1
        func number() -> Int? {
            var digits = ""
            while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                digits.unicodeScalars.append(scalars[index])
                index += 1
            }
            return digits.isEmpty ? nil : Int(digits.prefix(7))
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if index < scalars.count, scalars[index] == "," {
            index += 1
            high = number()
        }
        guard index < scalars.count, scalars[index] == "}" else { return nil }
        position = index + 1
        if let high, high < low { throw error("the repetition {\(low),\(high)} has its bounds the wrong way round", at: start) }
        if low > Self.maxRepetition || (high ?? 0) > Self.maxRepetition {
            throw error("repetition counts above \(Self.maxRepetition) are not supported", at: start)
        }
        return (low, high)
    }

    private mutating func parseAtom() throws -> PatternSyntax {
        let start = position
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case ".": return .anyExceptNewline
        case "^": return .startAnchor
        case "$": return .endAnchor
        case "*", "+", "?": throw error("nothing to repeat", at: start)
        case "[": return .set(try parseSet(start: start))
        case "\\": return try parseEscape(inSet: false).syntax
        case "(":
            if current == "?" {
                let next = position + 1 < scalars.count ? scalars[position + 1] : nil
                switch next {
                case ":":
                    position += 2
                case "=", "!":
                    throw error("lookahead is not supported (it can make matching slow)", at: start)
                case "<":
                    let after = position + 2 < scalars.count ? scalars[position + 2] : nil
                    if after == "=" || after == "!" { throw error("lookbehind is not supported", at: start) }
                    // A named group: skip the name.
                    guard let close = scalars[position...].firstIndex(of: ">") else {
                        throw error("unterminated group name", at: start)
                    }
                    position = close + 1
                case "P":
                    guard position + 2 < scalars.count, scalars[position + 2] == "<",
                        let close = scalars[position...].firstIndex(of: ">")
                    else { throw error("unsupported group", at: start) }
                    position = close + 1
                default:
                    throw error("unsupported group '(?'; use (?:…) for a group, or (?i) at the start", at: start)
                }
            }
            depth += 1
            guard depth <= 200 else { throw error("groups are nested too deeply", at: start) }
            let inner = try parseAlternation()
            depth -= 1
            guard current == ")" else { throw error("unbalanced '('", at: start) }
            position += 1
            // Kept as a group so that `(a*)*` is a repetition of a group, not a doubled quantifier.
            return .concatenation([inner])
        case ")":
            throw error("unbalanced ')'", at: start)
        default:
            return .scalar(scalar)
        }
    }

    /// An escape after `\`: a literal scalar, a class, or (outside sets) an assertion.
    private mutating func parseEscape(inSet: Bool) throws -> (syntax: PatternSyntax, scalar: Unicode.Scalar?) {
        guard let scalar = current else { throw error("a pattern cannot end with '\\'") }
        let start = position - 1
        position += 1
        func named(_ named: ScalarSet.Named, negated: Bool) -> (PatternSyntax, Unicode.Scalar?) {
            (.set(ScalarSet(named: [(named, negated)])), nil)
        }
        switch scalar {
        case "d": return named(.digit, negated: false)
        case "D": return named(.digit, negated: true)
        case "w": return named(.word, negated: false)
        case "W": return named(.word, negated: true)
        case "s": return named(.space, negated: false)
        case "S": return named(.space, negated: true)
        case "b" where !inSet: return (.wordBoundary(negated: false), nil)
        case "B" where !inSet: return (.wordBoundary(negated: true), nil)
        case "A" where !inSet: return (.startAnchor, nil)
        case "z" where !inSet: return (.endAnchor, nil)
        case "n": return (.scalar("\n"), "\n")
        case "t": return (.scalar("\t"), "\t")
        case "r": return (.scalar("\r"), "\r")
        case "f": return (.scalar("\u{0C}"), "\u{0C}")
        case "v": return (.scalar("\u{0B}"), "\u{0B}")
        case "0": return (.scalar("\0"), "\0")
        case "u", "x":
            let value = try parseHex(braced: current == "{", fixed: scalar == "u" ? 4 : 2, start: start)
            return (.scalar(value), value)
        case "1"..."9":
            throw error("backreferences are not supported (they can make matching slow)", at: start)
        default:
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                throw error("unknown escape '\\\(scalar)'", at: start)
            }
            return (.scalar(scalar), scalar)
        }
    }

    private mutating func parseHex(braced: Bool, fixed: Int, start: Int) throws -> Unicode.Scalar {
        var digits = ""
        if braced {
            position += 1
            while let scalar = current, scalar != "}" {
                digits.unicodeScalars.append(scalar)
                position += 1
            }
            guard current == "}" else { throw error("unterminated '\\x{…}'", at: start) }
            position += 1
        } else {
            for _ in 0..<fixed {
                guard let scalar = current else { break }
                digits.unicodeScalars.append(scalar)
                position += 1
            }
        }
        guard digits.count <= 8, let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw error("invalid hexadecimal escape", at: start)
        }
        return scalar
    }

    private mutating func parseSet(start: Int) throws -> ScalarSet {
        var set = ScalarSet()
        if current == "^" {
            set.negated = true
            position += 1
        }
        var first = true
        while true {
            guard let scalar = current else { throw error("unterminated '['", at: start) }
            if scalar == "]", !first {
                position += 1
                return set
            }
            first = false
            position += 1
            var low: Unicode.Scalar
            if scalar == "\\" {
                let escape = try parseEscape(inSet: true)
                guard let literal = escape.scalar else {
                    if case .set(let inner) = escape.syntax { set.named += inner.named }
                    continue
                }
                low = literal
            } else if scalar == "[", current == ":" {
                throw error("POSIX classes like [:alpha:] are not supported; use \\w, \\d or \\s")
            } else {
                low = scalar
            }
            // A range `a-z`, unless the '-' is last.
            if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                position += 1
                var high = scalars[position]
                position += 1
                if high == "\\" {
                    guard let literal = try parseEscape(inSet: true).scalar else {
                        throw error("a class cannot end a range", at: position - 2)
                    }
                    high = literal
                }
                guard low.value <= high.value else { throw error("the range '\(low)-\(high)' is out of order", at: position - 3) }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
    }
}
