/// One document of a YAML stream.
public struct YAMLDocument: Sendable, Equatable {
    /// The document's root node (the null scalar for an empty document).
    public var root: YAMLNode
    /// Where the document starts (its `---`, or its first node).
    public var mark: Mark
    /// Whether the loader found an error inside this document.
    public var hasErrors: Bool

    /// Creates a document.
    public init(root: YAMLNode, mark: Mark, hasErrors: Bool = false) {
        self.root = root
        self.mark = mark
        self.hasErrors = hasErrors
    }
}

/// The result of loading a file: the documents that could be read, and every diagnostic.
///
/// When libyaml stops on a syntax error the documents completed before it are still here, so
/// the rest of a multi-document file can still be checked.
public struct YAMLStream: Sendable, Equatable {
    /// The documents read, in order.
    public var documents: [YAMLDocument]
    /// Errors and warnings, in the order they were found.
    public var diagnostics: [YAMLDiagnostic]

    /// Creates a stream.
    public init(documents: [YAMLDocument] = [], diagnostics: [YAMLDiagnostic] = []) {
        self.documents = documents
        self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.isError } }

    /// The documents that hold something. An empty document (a trailing `---`, a `---` twice in
    /// a row, one of only comments, or an explicit null) says nothing and is left out; a document
    /// with an error is kept, for its error.
    public var nonEmptyDocuments: [YAMLDocument] {
        documents.filter { $0.hasErrors || !$0.root.isNull }
    }
}
