public import PolicykollYAML

/// A validated system declaration: its envelope fields and the whole document for rules to read.
public struct Declaration: Sendable {
    /// `apiVersion` (always `policykoll/v1` once validated).
    public var apiVersion: String
    /// `kind`, such as `System`.
    public var kind: String
    /// `metadata.id`: unique in a run, `[a-z0-9][a-z0-9-]*`.
    public var id: String
    /// `metadata.name`.
    public var name: String
    /// `metadata.organisation`: the nämnd or bolag.
    public var organisation: String
    /// The file the declaration was read from, as the user named it.
    public var file: String
    /// Where the document starts.
    public var mark: Mark
    /// The mark of `metadata.id`'s value, for messages about the id.
    public var idMark: Mark
    /// The whole document; rule paths start here.
    public var root: YAMLNode

    /// Creates a declaration.
    public init(
        apiVersion: String, kind: String, id: String, name: String, organisation: String,
        file: String, mark: Mark, idMark: Mark, root: YAMLNode
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.id = id
        self.name = name
        self.organisation = organisation
        self.file = file
        self.mark = mark
        self.idMark = idMark
        self.root = root
    }
}
