public import PolicykollYAML

/// What a test saw at the place it looked.
public enum Observation: Sendable, Hashable {
    /// A value was there (and did not satisfy the rule).
    case value
    /// Nothing (or null) was there.
    case missing
    /// `each`/`some`/`none` found something other than a list.
    case notAList
    /// `ref` named an id that no declaration of the kind has.
    case unknownReference(id: String, kind: String)
    /// `ref` found a value that is not a string, so not an id at all.
    case notAnID(kind: String)
    /// `ref` found the declaration, but it does not satisfy the nested condition: where in it
    /// the condition failed, when it looked at a place.
    case failingReference(id: String, because: ReferencedPlace?)
    /// A value was there, but the `{path: P}` it is compared with is missing (or null).
    case missingOperand(path: String)
}

/// Where, in a declaration that a `ref` names, its condition failed: the path there, and the
/// value found (`nil` when it is missing).
public struct ReferencedPlace: Sendable, Hashable {
    /// The path in the referenced declaration.
    public var path: String
    /// The value found there, shortened and written so that its type shows; `nil` when missing.
    public var valueText: String?

    /// Creates a place.
    public init(path: String, valueText: String?) {
        self.path = path
        self.valueText = valueText
    }
}

/// The place a condition looked at, for locating findings.
public struct Evidence: Sendable, Hashable {
    /// The concrete path looked at, with indexes inside `each` (`spec.x.integrations[1].target`).
    public var path: String
    /// The value's mark, or the key of the nearest existing ancestor when it is missing.
    public var mark: Mark
    /// What was there.
    public var observation: Observation
    /// The value found there, shortened for messages (`nil` when missing).
    public var valueText: String?

    /// Creates evidence.
    public init(path: String, mark: Mark, observation: Observation, valueText: String? = nil) {
        self.path = path
        self.mark = mark
        self.observation = observation
        self.valueText = valueText
    }
}

/// The concrete path of a scope's base: a list's path and the element's index inside `each`,
/// kept apart so that entering each element of a list builds no array.
struct BasePath {
    var prefix: [RulePath.Component] = []
    var index: Int?

    /// The steps, index included.
    var components: [RulePath.Component] {
        guard let index else { return prefix }
        return prefix + [.index(index)]
    }
}

/// Where a test looked, kept cheap while evaluating: the path is rendered only for failures.
struct Trace {
    /// The concrete path of the scope's base (indexes inside `each`), empty for `$.` paths.
    var base: BasePath
    /// The rule's path from the base, or `nil` for the base itself.
    var path: RulePath?
    /// The value's mark, or the nearest existing ancestor's key.
    var mark: Mark
    var observation: Observation
    /// The node found, kept (a reference, no copy) so a failure can show its value.
    var node: YAMLNode?

    /// The public evidence, with its path and value rendered.
    func evidence() -> Evidence {
        Evidence(
            path: RulePath.render(base.components + (path?.components ?? [])), mark: mark, observation: observation,
            valueText: node.map { MessageRenderer.shorten(ValueSemantics.displayFound($0)) })
    }
}

/// The traces of a verdict, without an allocation for the common single one.
enum Traces {
    case none
    case one(Trace)
    case many([Trace])

    var all: [Trace] {
        switch self {
        case .none: []
        case .one(let trace): [trace]
        case .many(let traces): traces
        }
    }
}

/// The result of one condition on one declaration, with the places that decided it.
struct Verdict {
    var holds: Bool
    var traces: Traces
}
