import PolicykollYAML

/// Reads exceptions from `--exceptions` files and from declarations' `metadata.exceptions`,
/// validating every entry (design §6): required fields, types and dates. An exception for a rule
/// the pack does not have matches no finding, and is reported as unused (``FindingTriage``).
public enum ExceptionLoader {
    static let keys = ["rule", "declaration", "path", "reason", "approvedBy", "decision", "expires"]

    /// The exceptions of one file, and every problem with it.
    public static func load(_ file: SourceFile) -> (
        exceptions: [PolicyException], diagnostics: [Diagnostic]
    ) {
        let stream = YAMLLoader.load(file.bytes)
        var diagnostics = stream.diagnostics.map { Diagnostic($0, file: file.name) }
        if let empty = InputProblem.emptiness(of: stream, file: file.name) { diagnostics.append(empty) }
        var exceptions: [PolicyException] = []
        for document in stream.nonEmptyDocuments where !document.hasErrors {
            let root = document.root
            // An Exceptions document of another (or no) apiVersion says so at its apiVersion.
            if root["kind"]?.string == "Exceptions", root["apiVersion"]?.string != DeclarationValidator.apiVersion {
                let problem: RulePackProblem =
                    root["apiVersion"]?.string.map { .unsupportedAPIVersion($0) }
                    ?? .missingKey("apiVersion", in: "an Exceptions document")
                diagnostics.append(
                    .error(problem.message, file: file.name, at: root.entry("apiVersion")?.value.mark ?? root.mark))
                continue
            }
            guard root.entries != nil, root["kind"]?.string == "Exceptions",
                root["apiVersion"]?.string == DeclarationValidator.apiVersion
            else {
                let found = root["kind"]?.string.map { "kind '\($0)'" } ?? YAMLNode.withArticle(root.typeName)
                diagnostics.append(
                    .error(ExceptionProblem.notAnExceptionsDocument(found: found).message, file: file.name, at: root.mark))
                continue
            }
            for entry in root.entries! where !["apiVersion", "kind", "metadata", "exceptions"].contains(entry.key) {
                diagnostics.append(
                    .error(
                        RulePackProblem.unknownKey(entry.key, in: "an Exceptions document", suggestion: nil).message,
                        file: file.name, at: entry.keyMark))
            }
            guard let list = root["exceptions"] else {
                diagnostics.append(.error(ExceptionProblem.missingField("exceptions").message, file: file.name, at: root.mark))
                continue
            }
            let read = entries(list, file: file.name, implied: nil)
            exceptions += read.exceptions
            diagnostics += read.diagnostics
        }
        return (exceptions, diagnostics)
    }

    /// The inline exceptions of a declaration (`metadata.exceptions`), which name it implicitly.
    public static func inline(_ declaration: Declaration) -> (
        exceptions: [PolicyException], diagnostics: [Diagnostic]
    ) {
        guard let list = declaration.root["metadata"]?["exceptions"], !list.isNull else { return ([], []) }
        return entries(list, file: declaration.file, implied: declaration.id)
    }

    private static func entries(
        _ list: YAMLNode, file: String, implied: String?
    ) -> (exceptions: [PolicyException], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let items = list.items else {
            let problem = ExceptionProblem.wrongType(field: "exceptions", expected: "a list", found: list.typeName)
            return ([], [.error(problem.message, file: file, at: list.mark)])
        }
        var exceptions: [PolicyException] = []
        for item in items {
            var problems: [(ExceptionProblem, Mark)] = []
            guard let entries = item.entries else {
                let problem = ExceptionProblem.wrongType(field: "exception", expected: "a mapping", found: item.typeName)
                diagnostics.append(.error(problem.message, file: file, at: item.mark))
                continue
            }
            for entry in entries where !keys.contains(entry.key) {
                problems.append(
                    (.unknownKey(entry.key, suggestion: Suggestion.closest(to: entry.key, among: keys)), entry.keyMark))
            }
            func text(_ key: String, required: Bool) -> String? {
                guard let node = item[key], !node.isNull else {
                    if required { problems.append((.missingField(key), item.mark)) }
                    return nil
                }
                guard let value = node.string, !value.allSatisfy(\.isWhitespace) else {
                    let problem: ExceptionProblem =
                        key == "expires"
                        ? .invalidDate(ValueSemantics.display(node))
                        : node.string != nil
                            ? .blankField(key) : .wrongType(field: key, expected: "a string", found: node.typeName)
                    problems.append((problem, node.mark))
                    return nil
                }
                return value
            }
            let rule = text("rule", required: true)
            let named = text("declaration", required: implied == nil)
            let path = text("path", required: false)
            let reason = text("reason", required: true)
            let approvedBy = text("approvedBy", required: true)
            let decision = text("decision", required: false)
            let expiresText = text("expires", required: true)
            var expires: CivilDate?
            if let expiresText {
                expires = CivilDate(iso: expiresText)
                if expires == nil || expiresText.utf8.count != 10 {
                    expires = nil
                    problems.append((.invalidDate(expiresText), item["expires"]!.mark))
                }
            }
            if let path, RulePath(parsing: path) == nil {
                problems.append((.invalidPath(path), item["path"]!.mark))
            }
            if let implied, let named, named != implied {
                problems.append((.otherDeclaration(named, declaration: implied), item["declaration"]!.mark))
            }
            diagnostics += problems.map { .error($0.0.message, file: file, at: $0.1) }
            guard problems.isEmpty, let rule, let declaration = named ?? implied, let reason, let approvedBy, let expires else {
                continue
            }
            exceptions.append(
                PolicyException(
                    rule: rule, declaration: declaration, path: path, reason: reason, approvedBy: approvedBy, decision: decision,
                    expires: expires, file: file, mark: item.mark, isInline: implied != nil))
        }
        return (exceptions, diagnostics)
    }
}
