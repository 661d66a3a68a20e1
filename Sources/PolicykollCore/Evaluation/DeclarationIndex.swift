/// The declarations `ref` can resolve to: those of the run and of `--inventory`, by kind and id.
public struct DeclarationIndex: Sendable {
    private var byKindAndID: [String: [String: Declaration]] = [:]

    /// Creates an empty index.
    public init() {}

    /// Creates an index of declarations; the first of a kind and id wins.
    public init(_ declarations: some Collection<Declaration>) {
        // Sized up front: growing a table of 100,000 ids rehashes it again and again.
        var counts: [String: Int] = [:]
        for declaration in declarations { counts[declaration.kind, default: 0] += 1 }
        for (kind, count) in counts { byKindAndID[kind] = Dictionary(minimumCapacity: count) }
        for declaration in declarations { insert(declaration) }
    }

    /// Adds a declaration unless one of the same kind and id is already there.
    public mutating func insert(_ declaration: Declaration) {
        if byKindAndID[declaration.kind]?[declaration.id] == nil {
            byKindAndID[declaration.kind, default: [:]][declaration.id] = declaration
        }
    }

    /// The declaration of a kind with an id.
    public func lookup(kind: String, id: String) -> Declaration? {
        byKindAndID[kind]?[id]
    }

    /// Whether any declaration of any kind has the id.
    public func contains(id: String) -> Bool {
        byKindAndID.values.contains { $0[id] != nil }
    }
}
