import PolicykollYAML

/// Reads the declarations of one file: YAML loading, then envelope validation per document.
public enum DeclarationLoader {
    /// The valid declarations of a file, and every error and warning found on the way.
    ///
    /// A document with an error is skipped; the file's other documents are still returned.
    public static func load(_ file: SourceFile, validator: DeclarationValidator) -> (
        declarations: [Declaration], diagnostics: [Diagnostic]
    ) {
        let stream = YAMLLoader.load(file.bytes)
        var diagnostics = stream.diagnostics.map { Diagnostic($0, file: file.name) }
        if stream.documents.isEmpty, !stream.hasErrors {
            diagnostics.append(.error(InputProblem.emptyFile.message, file: file.name, at: .start))
        }
        var declarations: [Declaration] = []
        for document in stream.documents where !document.hasErrors {
            let (declaration, problems) = validator.validate(document, file: file.name)
            diagnostics += problems
            if let declaration { declarations.append(declaration) }
        }
        return (declarations, diagnostics)
    }
}
