import PolicykollYAML

/// Why a document is not a valid declaration. One case per problem; one place for the text.
public enum DeclarationProblem: Sendable, Equatable {
    case notAMapping(found: String)
    case missingField(String)
    case missingFields([String])
    case wrongType(field: String, expected: String, found: String)
    case emptyField(String)
    case unsupportedAPIVersion(String)
    case unknownKind(String, known: [String])
    case invalidID(String)
    case duplicateID(String, firstFile: String, firstLine: Int, firstColumn: Int)
    case duplicateInInventory(String, firstFile: String, firstLine: Int, firstColumn: Int)
    case emptyDocument
    case notADeclaration(kind: String)

    /// The message shown to the user.
    public var message: String {
        switch self {
        case .notAMapping(let found):
            return
                "a declaration must be a mapping with apiVersion, kind, metadata and spec; found \(YAMLNode.withArticle(found))"
        case .missingField(let field):
            return "required field '\(field)' is missing"
        case .missingFields(let fields):
            let list = fields.map { "'\($0)'" }.joined(separator: ", ")
            return "not a policykoll declaration: required fields \(list) are missing"
        case .wrongType(let field, let expected, let found):
            return "'\(field)' must be a \(expected), found \(YAMLNode.withArticle(found))"
        case .emptyField(let field):
            return "'\(field)' must not be empty"
        case .unsupportedAPIVersion(let version):
            return "unsupported apiVersion '\(version)'; expected 'policykoll/v1'"
        case .unknownKind(let kind, let known):
            return "unknown kind '\(kind)'; known kinds: \(known.joined(separator: ", "))"
        case .invalidID(let id):
            return "metadata.id '\(id)' must be lowercase letters, digits and '-', starting with a letter or digit"
        case .duplicateID(let id, let file, let line, let column):
            return "duplicate metadata.id '\(id)'; it is already declared at \(file):\(line):\(column)"
        case .duplicateInInventory(let id, let file, let line, let column):
            return "duplicate metadata.id '\(id)' in the inventory; ref resolves to the one at \(file):\(line):\(column)"
        case .notADeclaration(let kind):
            return "this is a \(kind) document, not a declaration; pass rule packs with --policy and exceptions with --exceptions"
        case .emptyDocument:
            return "the document is empty; expected a declaration"
        }
    }
}
