public import PolicykollYAML

/// A validated system declaration: its envelope fields and the whole document for rules to read.
///
/// A value with copy-on-write storage: the index, the results and the evaluator pass
/// declarations around by the ten thousand, and each copy costs one reference count instead of
/// one per string.
public struct Declaration: Sendable {
    private var storage: CopyOnWrite<Fields>

    /// Creates a declaration.
    public init(
        apiVersion: String, kind: String, id: String, name: String, organisation: String,
        file: String, mark: Mark, idMark: Mark, root: YAMLNode
    ) {
        storage = CopyOnWrite(
            Fields(
                apiVersion: apiVersion, kind: kind, id: id, name: name, organisation: organisation, file: file, mark: mark,
                idMark: idMark, root: root))
    }

    /// `apiVersion` (always `policykoll/v1` once validated).
    public var apiVersion: String {
        get { storage.value.apiVersion }
        set { storage.value.apiVersion = newValue }
    }
    /// `kind`, such as `System`.
    public var kind: String {
        get { storage.value.kind }
        set { storage.value.kind = newValue }
    }
    /// `metadata.id`: unique in a run, `[a-z0-9][a-z0-9-]*`.
    public var id: String {
        get { storage.value.id }
        set { storage.value.id = newValue }
    }
    /// `metadata.name`.
    public var name: String {
        get { storage.value.name }
        set { storage.value.name = newValue }
    }
    /// `metadata.organisation`: the nämnd or bolag.
    public var organisation: String {
        get { storage.value.organisation }
        set { storage.value.organisation = newValue }
    }
    /// The file the declaration was read from, as the user named it.
    public var file: String {
        get { storage.value.file }
        set { storage.value.file = newValue }
    }
    /// Where the document starts.
    public var mark: Mark {
        get { storage.value.mark }
        set { storage.value.mark = newValue }
    }
    /// The mark of `metadata.id`'s value, for messages about the id.
    public var idMark: Mark {
        get { storage.value.idMark }
        set { storage.value.idMark = newValue }
    }
    /// The whole document; rule paths start here.
    public var root: YAMLNode {
        get { storage.value.root }
        set { storage.value.root = newValue }
    }

    private struct Fields: Sendable {
        var apiVersion: String
        var kind: String
        var id: String
        var name: String
        var organisation: String
        var file: String
        var mark: Mark
        var idMark: Mark
        var root: YAMLNode
    }
}
