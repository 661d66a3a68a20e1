/// A condition as deciding reads it: the same tree as ``Condition``, with every path that
/// starts a test, a quantifier or a reference numbered in the evaluator's ``PathNumbering``, so
/// that a place asked for by many rules is looked up once per declaration (``PathMemo``).
///
/// Operands (`equals: {path: …}`) keep their plain paths: they are few, and walked as before.
indirect enum Decision: Sendable {
    case all([Decision])
    case any([Decision])
    case not(Decision)
    case test(NumberedPath?, Test)
    case quantified(Quantifier, NumberedPath, assert: Decision)
    case ref(NumberedPath, kind: String, assert: Decision?)

    /// The decision of `condition`, numbering its paths in `numbering`.
    init(_ condition: Condition, numbering: inout PathNumbering) {
        switch condition {
        case .all(let conditions):
            self = .all(conditions.map { Decision($0, numbering: &numbering) })
        case .any(let conditions):
            self = .any(conditions.map { Decision($0, numbering: &numbering) })
        case .not(let inner):
            self = .not(Decision(inner, numbering: &numbering))
        case .test(let path, let test):
            self = .test(path.map { NumberedPath($0, numbering: &numbering) }, test)
        case .quantified(let quantifier, let path, let assertion):
            self = .quantified(
                quantifier, NumberedPath(path, numbering: &numbering), assert: Decision(assertion, numbering: &numbering))
        case .ref(let path, let kind, let assertion):
            self = .ref(
                NumberedPath(path, numbering: &numbering), kind: kind,
                assert: assertion.map { Decision($0, numbering: &numbering) })
        }
    }
}

/// A rule path with the number of the place it leads to from the root.
///
/// The number serves whenever the path is read from the root: always for a `$.` path, and for a
/// relative one when the condition is not inside a quantifier or a reference.
struct NumberedPath: Sendable {
    let path: RulePath
    let number: Int

    init(_ path: RulePath, numbering: inout PathNumbering) {
        self.path = path
        self.number = numbering.number(path.components)
    }
}
