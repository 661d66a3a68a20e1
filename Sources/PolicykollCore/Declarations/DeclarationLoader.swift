import PolicykollYAML

/// Reads the declarations of one file: YAML loading, then envelope validation per document,
/// and warnings where a `System`'s `spec` departs from the published schema.
public enum DeclarationLoader {
    /// The valid declarations of a file, and every error and warning found on the way.
    ///
    /// A document with an error is skipped; the file's other documents are still returned. An
    /// empty document is passed over; a file of none but empty documents is an error, as an empty
    /// file is.
    /// A file found by walking a folder whose documents are not declarations — YAML of another
    /// tool, or a policykoll rule pack, exceptions or configuration file — is skipped (`skipped`).
    /// - Parameter checksSchema: Whether to warn where a `spec` departs from the schema (not for
    ///   declarations loaded only for `ref` to resolve against).
    public static func load(
        _ file: SourceFile, validator: DeclarationValidator, checksSchema: Bool = true
    ) -> (declarations: [Declaration], diagnostics: [Diagnostic], skipped: Bool) {
        let stream = YAMLLoader.load(file.bytes)
        // An empty document (a trailing `---`) declares nothing and is passed over.
        let documents = stream.nonEmptyDocuments
        if file.discovered, !stream.hasErrors, !documents.isEmpty, documents.allSatisfy({ !isDeclarationLike($0.root) }) {
            return ([], [], true)
        }
        var diagnostics = stream.diagnostics.map { Diagnostic($0, file: file.name) }
        if let empty = InputProblem.emptiness(of: stream, file: file.name) { diagnostics.append(empty) }
        var declarations: [Declaration] = []
        var loaderMarks: Set<Mark>?
        for document in documents where !document.hasErrors {
            let (declaration, problems) = validator.validate(document, file: file.name)
            diagnostics += problems
            if let declaration {
                let departures = checksSchema ? SpecConformance.warnings(for: declaration) : []
                if !departures.isEmpty {
                    // A value the loader already warned about (`yes` read as a string) is not
                    // warned about twice. The loader's places are gathered once per file.
                    let warned = loaderMarks ?? Set(stream.diagnostics.map(\.mark))
                    loaderMarks = warned
                    diagnostics += departures.filter { $0.mark.map { !warned.contains($0) } ?? true }
                }
                declarations.append(declaration)
            }
        }
        return (declarations, diagnostics, false)
    }

    /// Whether a document looks like it means to be a declaration: it has some of the envelope,
    /// an apiVersion (if any) of policykoll's, and is not one of policykoll's other documents.
    static func isDeclarationLike(_ root: YAMLNode) -> Bool {
        guard root.entries != nil else { return false }
        let envelope = ["apiVersion", "kind", "metadata", "spec"]
        guard envelope.contains(where: { root[$0] != nil }) else { return false }
        if let version = root["apiVersion"]?.string, !version.hasPrefix("policykoll/") { return false }
        if let kind = root["kind"]?.string, DeclarationValidator.nonDeclarationKinds.union(["Config"]).contains(kind) {
            return false
        }
        return true
    }
}
