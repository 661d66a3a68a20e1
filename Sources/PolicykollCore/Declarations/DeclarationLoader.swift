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
        if file.discovered, !stream.hasErrors, !documents.isEmpty,
            documents.allSatisfy({ !isDeclarationLike($0.root, kinds: validator.knownKinds) })
        {
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
    /// is not one of policykoll's other documents, and its apiVersion (if any) is policykoll's or
    /// a slip of it. A slip must not let a declaration pass a gate unchecked: `policykol/v1`,
    /// `PolicyKoll/v1` or `policykoll.io/v1`, and a bare version such as `v1` on a declaration's
    /// kind, are declarations with a wrong apiVersion (an error), while another tool's document
    /// (`backstage.io/v1alpha1`, even of kind `System`) is skipped.
    static func isDeclarationLike(_ root: YAMLNode, kinds: Set<String>) -> Bool {
        guard root.entries != nil else { return false }
        let envelope = ["apiVersion", "kind", "metadata", "spec"]
        guard envelope.contains(where: { root[$0] != nil }) else { return false }
        let kind = root["kind"]?.string
        if let kind, DeclarationValidator.nonDeclarationKinds.union(["Config"]).contains(kind) { return false }
        guard let version = root["apiVersion"]?.string, !version.hasPrefix("policykoll/") else { return true }
        guard let slash = version.firstIndex(of: "/") else {
            // No group: `policykoll-v1` is a slip; a bare `v1` only with a declaration's kind and
            // a sign of its metadata: an id or an organisation, however spelt (a Kubernetes `v1`
            // Service has a name and a namespace, none of these).
            let metadata = root["metadata"]
            let declarationMetadata = ["id", "organisation", "organization"].contains { metadata?[$0] != nil }
            return isSlipOfPolicykoll(version.lowercased()) || (kind.map(kinds.contains) ?? false) && declarationMetadata
        }
        return isSlipOfPolicykoll(version[..<slash].lowercased())
    }

    /// Whether an apiVersion's group (or a whole apiVersion without one) is policykoll's
    /// misspelt, differently cased or qualified.
    private static func isSlipOfPolicykoll(_ group: String) -> Bool {
        // `policykol` is in `policykoll` as well as in its commonest slip.
        group.contains("policykol") || Suggestion.editDistance(group, "policykoll") <= 2
    }
}
