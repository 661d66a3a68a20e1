/// Everything the loader can say about a YAML file: one case per problem, one place for its text.
public enum YAMLProblem: Sendable, Equatable {
    /// libyaml rejected the text: its own problem statement, and the construct it was reading.
    case syntax(problem: String, context: String?)
    /// The bytes are not valid UTF-8 (or UTF-16 with a byte-order mark).
    case invalidEncoding(String)
    /// The file holds NUL bytes: it is binary, not YAML text.
    case binaryFile
    /// A tab character where YAML expects indentation or a token.
    case tabIndentation
    /// A control character that YAML does not allow in a document.
    case controlCharacter(UInt32)
    /// The same key twice in one mapping.
    case duplicateKey(String, first: Mark)
    /// Collections nested deeper than the limit.
    case depthLimitExceeded(limit: Int)
    /// Aliases expand to more nodes than the limit ("billion laughs").
    case aliasExpansionLimitExceeded(limit: Int)
    /// Aliases expand to more bytes of scalar text than the limit.
    case aliasExpandedBytesExceeded(limit: Int)
    /// An alias names an anchor that was never defined.
    case unknownAnchor(String)
    /// An alias points into the node that defines its own anchor.
    case recursiveAlias(String)
    /// A `<<` merge key whose value is not a mapping or a list of mappings.
    case invalidMerge(found: String)
    /// A mapping key that is itself a mapping or a list.
    case complexKey
    /// An integer that does not fit in 64 bits.
    case integerOutOfRange(String)
    /// A scalar whose explicit tag (`!!int`, `!!bool`, …) does not fit its text.
    case invalidTaggedValue(tag: String, text: String)
    /// A plain `yes`/`no`/`on`/`off`/`y`/`n`: a boolean in YAML 1.1, a string in YAML 1.2.
    case ambiguousBoolean(String)

    /// Whether the problem makes the document invalid (an error) or is only a warning.
    public var isError: Bool {
        if case .ambiguousBoolean = self { return false }
        return true
    }

    /// The message shown to the user, in the compiler style of `file:line:col: error: message`.
    public var message: String {
        switch self {
        case .syntax(let problem, let context):
            if let context, !context.isEmpty { return "invalid YAML: \(problem) (\(context))" }
            return "invalid YAML: \(problem)"
        case .invalidEncoding(let detail):
            return "the file is not valid UTF-8 text: \(detail)"
        case .binaryFile:
            return "the file is binary (it contains NUL bytes), not YAML text"
        case .tabIndentation:
            return "a tab character is used for indentation; YAML allows spaces only"
        case .controlCharacter(let scalar):
            let hex = String(scalar, radix: 16, uppercase: true)
            return "control character U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex) is not allowed in YAML"
        case .duplicateKey(let key, let first):
            return "duplicate key '\(key)' in this mapping (first defined at \(first))"
        case .depthLimitExceeded(let limit):
            return "collections are nested more than \(limit) levels deep; parsing stopped"
        case .aliasExpansionLimitExceeded(let limit):
            return "aliases expand to more than \(limit) nodes (an alias bomb?); parsing stopped"
        case .aliasExpandedBytesExceeded(let limit):
            let amount = limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
            return "aliases expand to more than \(amount) of text (an alias bomb?); parsing stopped"
        case .unknownAnchor(let name):
            return "alias *\(name) refers to an anchor &\(name) that is not defined before it"
        case .recursiveAlias(let name):
            return "alias *\(name) refers to the node that defines &\(name) (a recursive alias)"
        case .invalidMerge(let found):
            return "the merge key '<<' needs a mapping or a list of mappings, found \(found)"
        case .complexKey:
            return "a mapping key must be a scalar, not a mapping or a list"
        case .integerOutOfRange(let text):
            return "integer \(text) is out of range (at most 64 bits)"
        case .invalidTaggedValue(let tag, let text):
            return "'\(text)' is not a valid value for tag \(tag)"
        case .ambiguousBoolean(let text):
            return "ambiguous boolean '\(text)' in YAML 1.1; read as the string \"\(text)\": quote it or use true/false"
        }
    }
}

/// A problem found while loading, with where it was found.
public struct YAMLDiagnostic: Sendable, Equatable {
    /// What is wrong.
    public var problem: YAMLProblem
    /// Where.
    public var mark: Mark
    /// The 0-based index of the document it belongs to, or `nil` when it stopped the stream.
    public var documentIndex: Int?

    /// Creates a diagnostic.
    public init(_ problem: YAMLProblem, at mark: Mark, documentIndex: Int?) {
        self.problem = problem
        self.mark = mark
        self.documentIndex = documentIndex
    }

    /// Whether it is an error (and not a warning).
    public var isError: Bool { problem.isError }
}
