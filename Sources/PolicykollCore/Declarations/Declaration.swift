public import PolicykollYAML

/// A validated system declaration: its envelope fields and the whole document for rules to read.
///
/// A value with copy-on-write storage: the index, the results and the evaluator pass
/// declarations around by the ten thousand, and each copy costs one reference count instead of
/// one per string.
public struct Declaration: Sendable {
    private var record: Record

    /// Creates a declaration.
    public init(
        apiVersion: String, kind: String, id: String, name: String, organisation: String,
        file: String, mark: Mark, idMark: Mark, root: YAMLNode
    ) {
        record = Record(
            apiVersion: apiVersion, kind: kind, id: id, name: name, organisation: organisation, file: file, mark: mark,
            idMark: idMark, root: root)
    }

    /// `apiVersion` (always `policykoll/v1` once validated).
    public var apiVersion: String {
        get { record.apiVersion }
        set { uniqueRecord().apiVersion = newValue }
    }
    /// `kind`, such as `System`.
    public var kind: String {
        get { record.kind }
        set { uniqueRecord().kind = newValue }
    }
    /// `metadata.id`: unique in a run, `[a-z0-9][a-z0-9-]*`.
    public var id: String {
        get { record.id }
        set { uniqueRecord().id = newValue }
    }
    /// `metadata.name`.
    public var name: String {
        get { record.name }
        set { uniqueRecord().name = newValue }
    }
    /// `metadata.organisation`: the nämnd or bolag.
    public var organisation: String {
        get { record.organisation }
        set { uniqueRecord().organisation = newValue }
    }
    /// The file the declaration was read from, as the user named it.
    public var file: String {
        get { record.file }
        set { uniqueRecord().file = newValue }
    }
    /// Where the document starts.
    public var mark: Mark {
        get { record.mark }
        set { uniqueRecord().mark = newValue }
    }
    /// The mark of `metadata.id`'s value, for messages about the id.
    public var idMark: Mark {
        get { record.idMark }
        set { uniqueRecord().idMark = newValue }
    }
    /// The whole document; rule paths start here.
    public var root: YAMLNode {
        get { record.root }
        set { uniqueRecord().root = newValue }
    }

    /// The storage, copied first if it is shared (copy on write).
    private mutating func uniqueRecord() -> Record {
        if !isKnownUniquelyReferenced(&record) { record = record.copy() }
        return record
    }

    /// The fields. Mutated only through a uniquely referenced ``Declaration``, so it is never
    /// written while shared between threads.
    private final class Record: @unchecked Sendable {
        var apiVersion: String
        var kind: String
        var id: String
        var name: String
        var organisation: String
        var file: String
        var mark: Mark
        var idMark: Mark
        var root: YAMLNode

        init(
            apiVersion: String, kind: String, id: String, name: String, organisation: String, file: String, mark: Mark,
            idMark: Mark, root: YAMLNode
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

        func copy() -> Record {
            Record(
                apiVersion: apiVersion,
                kind: kind,
                id: id,
                name: name,
                organisation: organisation,
                file: file,
                mark: mark,
                idMark: idMark,
                root: root)
        }
    }
}
