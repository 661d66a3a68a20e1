import PolicykollYAML

extension Condition {
    /// The condition as readable, indented lines (two spaces per level), for `policykoll explain`.
    public func describe(_ language: Language) -> [String] {
        var lines: [String] = []
        describe(into: &lines, level: 0, language: language)
        return lines
    }

    private func describe(into lines: inout [String], level: Int, language: Language) {
        let indent = String(repeating: "  ", count: level)
        func say(_ sv: String, _ en: String) { lines.append(indent + (language == .sv ? sv : en)) }
        switch self {
        case .all(let conditions):
            say("alla dessa gäller:", "all of:")
            for condition in conditions { condition.describe(into: &lines, level: level + 1, language: language) }
        case .any(let conditions):
            say("minst en av dessa gäller:", "at least one of:")
            for condition in conditions { condition.describe(into: &lines, level: level + 1, language: language) }
        case .not(let condition):
            if case .test(let path, let test) = condition {
                lines.append(indent + Self.describe(path: path, test, negated: true, language: language))
            } else {
                say("detta gäller inte:", "not:")
                condition.describe(into: &lines, level: level + 1, language: language)
            }
        case .test(let path, let test):
            lines.append(indent + Self.describe(path: path, test, negated: false, language: language))
        case .quantified(let quantifier, let path, let assertion):
            switch quantifier {
            case .each: say("varje element i \(path):", "every element of \(path):")
            case .some: say("minst ett element i \(path):", "at least one element of \(path):")
            case .none: say("inget element i \(path):", "no element of \(path):")
            }
            assertion.describe(into: &lines, level: level + 1, language: language)
        case .ref(let path, let kind, let assertion):
            say(
                "\(path) är id för ett deklarerat \(kind)\(assertion == nil ? "" : " där:")",
                "\(path) is the id of a declared \(kind)\(assertion == nil ? "" : " where:")")
            assertion?.describe(into: &lines, level: level + 1, language: language)
        }
    }

    private static func describe(path: RulePath?, _ test: Test, negated: Bool, language: Language) -> String {
        let subject = path.map(\.description) ?? (language == .sv ? "värdet" : "the value")
        let sv = language == .sv
        let (phrase, negatedPhrase): (String, String)
        switch test {
        case .exists(let expected):
            let present = sv ? "finns" : "is present"
            let absent = sv ? "saknas" : "is absent"
            (phrase, negatedPhrase) = expected ? (present, absent) : (absent, present)
        case .equals(let operand):
            (phrase, negatedPhrase) =
                sv
                ? ("är \(show(operand))", "är inte \(show(operand))") : ("is \(show(operand))", "is not \(show(operand))")
        case .notEquals(let operand):
            // Every operator but `exists` is false on a missing value: a negative one says so.
            (phrase, negatedPhrase) =
                sv
                ? ("finns och är inte \(show(operand))", "är \(show(operand))")
                : ("is present and not \(show(operand))", "is \(show(operand))")
        case .isIn(let operand):
            (phrase, negatedPhrase) =
                sv
                ? ("är en av \(show(operand))", "är inte en av \(show(operand))")
                : ("is one of \(show(operand))", "is not one of \(show(operand))")
        case .notIn(let operand):
            (phrase, negatedPhrase) =
                sv
                ? ("finns och är inte en av \(show(operand))", "är en av \(show(operand))")
                : ("is present and not one of \(show(operand))", "is one of \(show(operand))")
        case .matches(let pattern):
            (phrase, negatedPhrase) =
                sv
                ? ("matchar /\(pattern.pattern)/", "matchar inte /\(pattern.pattern)/")
                : ("matches /\(pattern.pattern)/", "does not match /\(pattern.pattern)/")
        case .notMatches(let pattern):
            (phrase, negatedPhrase) =
                sv
                ? ("finns och matchar inte /\(pattern.pattern)/", "matchar /\(pattern.pattern)/")
                : ("is present and does not match /\(pattern.pattern)/", "matches /\(pattern.pattern)/")
        case .order(let ordering, let operand):
            let symbol: String
            switch ordering {
            case .gt: symbol = ">"
            case .gte: symbol = "≥"
            case .lt: symbol = "<"
            case .lte: symbol = "≤"
            }
            (phrase, negatedPhrase) =
                sv
                ? ("\(symbol) \(show(operand))", "är inte \(symbol) \(show(operand))")
                : ("\(symbol) \(show(operand))", "is not \(symbol) \(show(operand))")
        case .contains(let operand):
            (phrase, negatedPhrase) =
                sv
                ? ("innehåller \(show(operand))", "innehåller inte \(show(operand))")
                : ("contains \(show(operand))", "does not contain \(show(operand))")
        case .minItems(let count):
            (phrase, negatedPhrase) =
                sv
                ? ("har minst \(count) element", "har färre än \(count) element")
                : ("has at least \(count) items", "has fewer than \(count) items")
        case .maxItems(let count):
            (phrase, negatedPhrase) =
                sv
                ? ("har högst \(count) element", "har fler än \(count) element")
                : ("has at most \(count) items", "has more than \(count) items")
        case .type(let type):
            (phrase, negatedPhrase) =
                sv
                ? ("är av typen \(type.swedishName)", "är inte av typen \(type.swedishName)")
                : ("is of type \(type.rawValue)", "is not of type \(type.rawValue)")
        case .within(let duration):
            let span = duration.words(sv ? .sv : .en)
            (phrase, negatedPhrase) =
                sv
                ? ("är ett datum inom \(span) före kontrolldatumet", "är inte ett datum inom \(span) före kontrolldatumet")
                : ("is a date within \(span) before the as-of date", "is not a date within \(span) before the as-of date")
        case .before(let operand):
            (phrase, negatedPhrase) =
                sv
                ? ("är före \(show(operand, sv: sv))", "är inte före \(show(operand, sv: sv))")
                : ("is before \(show(operand, sv: sv))", "is not before \(show(operand, sv: sv))")
        case .after(let operand):
            (phrase, negatedPhrase) =
                sv
                ? ("är efter \(show(operand, sv: sv))", "är inte efter \(show(operand, sv: sv))")
                : ("is after \(show(operand, sv: sv))", "is not after \(show(operand, sv: sv))")
        }
        // Under `not`, a missing value makes the test false and so the condition true: say so
        // (not of the value itself, an element inside `each`, which is always there).
        if case .exists = test { return "\(subject) \(negated ? negatedPhrase : phrase)" }
        guard negated, path != nil else { return "\(subject) \(negated ? negatedPhrase : phrase)" }
        return "\(subject) " + (sv ? "saknas eller " : "is absent or ") + negatedPhrase
    }

    private static func show(_ operand: Operand) -> String {
        switch operand {
        case .literal(let node):
            if let items = node.items { return "[" + items.map { show(.literal($0)) }.joined(separator: ", ") + "]" }
            return node.string != nil ? "'\(node.string!)'" : ValueSemantics.display(node)
        case .path(let path): return "\(path)"
        }
    }

    private static func show(_ operand: DateOperand, sv: Bool) -> String {
        switch operand {
        case .date(let date): "\(date)"
        case .today: sv ? "dagens datum" : "the as-of date"
        case .path(let path): "\(path)"
        }
    }
}
