import Foundation
public import PolicykollYAML

/// Checks a document's envelope (design §3) and turns it into a ``Declaration``.
public struct DeclarationValidator: Sendable {
    /// The kinds accepted as declarations: `System` plus every kind the rule packs name.
    public var knownKinds: Set<String>

    /// The `apiVersion` every document must carry.
    public static let apiVersion = "policykoll/v1"
    /// The kinds every run accepts; a rule pack may name more in `appliesTo` and `ref`.
    public static let builtInKinds: Set<String> = ["System"]
    /// Kinds that are policykoll documents but not declarations.
    public static let nonDeclarationKinds: Set<String> = ["RulePack", "Rules", "Exceptions"]

    /// Creates a validator accepting `System` and `extraKinds`.
    public init(extraKinds: some Sequence<String> = []) {
        knownKinds = Self.builtInKinds.union(extraKinds)
    }

    /// Validates one document.
    ///
    /// - Returns: The declaration when valid, and every problem found (each located).
    public func validate(_ document: YAMLDocument, file: String) -> (declaration: Declaration?, problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        func fail(_ problem: DeclarationProblem, at mark: Mark) {
            problems.append(.error(problem.message, file: file, at: mark))
        }
        let root = document.root
        guard case .mapping = root.value else {
            if root.isNull {
                fail(.emptyDocument, at: document.mark)
            } else {
                fail(.notAMapping(found: root.typeName), at: root.mark)
            }
            return (nil, problems)
        }

        // A rule pack, Rules or Exceptions document among declarations: say what it is (and how
        // to pass it) before listing the fields it lacks as a declaration.
        if let kind = root.entry("kind"), let name = kind.value.string, Self.nonDeclarationKinds.contains(name) {
            fail(.notADeclaration(kind: name), at: kind.value.mark)
            return (nil, problems)
        }

        // A document with none of the envelope is not a declaration at all: say so once.
        let envelope = ["apiVersion", "kind", "metadata", "spec"]
        let missing = envelope.filter { root[$0] == nil }
        if missing.count > 1 {
            fail(.missingFields(missing), at: root.mark)
            return (nil, problems)
        }
        let apiVersion = requiredString("apiVersion", in: root, at: root.mark, fail: fail)
        if let apiVersion, apiVersion.value != Self.apiVersion {
            fail(.unsupportedAPIVersion(apiVersion.value), at: apiVersion.mark)
        }
        let kind = requiredString("kind", in: root, at: root.mark, fail: fail)
        if let kind, !knownKinds.contains(kind.value) {
            if Self.nonDeclarationKinds.contains(kind.value) {
                fail(.notADeclaration(kind: kind.value), at: kind.mark)
            } else {
                fail(.unknownKind(kind.value, known: knownKinds.sorted()), at: kind.mark)
            }
        }

        var id: (value: String, mark: Mark)?
        var name: (value: String, mark: Mark)?
        var organisation: (value: String, mark: Mark)?
        if let metadata = root.entry("metadata") {
            if case .mapping = metadata.value.value {
                id = requiredString("metadata.id", in: metadata.value, at: metadata.keyMark, key: "id", fail: fail)
                if let id, !Self.isValidID(id.value) {
                    fail(.invalidID(id.value), at: id.mark)
                }
                name = requiredString("metadata.name", in: metadata.value, at: metadata.keyMark, key: "name", fail: fail)
                organisation = requiredString(
                    "metadata.organisation", in: metadata.value, at: metadata.keyMark, key: "organisation", fail: fail)
                checkOptional("description", in: metadata.value, expected: "string", fail: fail) { $0.string != nil }
                checkOptional("labels", in: metadata.value, expected: "mapping", fail: fail) { $0.entries != nil }
                checkOptional("exceptions", in: metadata.value, expected: "list", fail: fail) { $0.items != nil }
            } else {
                fail(.wrongType(field: "metadata", expected: "mapping", found: metadata.value.typeName), at: metadata.value.mark)
            }
        } else {
            fail(.missingField("metadata"), at: root.mark)
        }

        if let spec = root.entry("spec") {
            if spec.value.entries == nil {
                fail(.wrongType(field: "spec", expected: "mapping", found: spec.value.typeName), at: spec.value.mark)
            }
        } else {
            fail(.missingField("spec"), at: root.mark)
        }

        guard problems.isEmpty, let apiVersion, let kind, let id, let name, let organisation else {
            return (nil, problems)
        }
        let declaration = Declaration(
            apiVersion: apiVersion.value, kind: kind.value, id: id.value, name: name.value,
            organisation: organisation.value, file: file, mark: document.mark, idMark: id.mark, root: root)
        return (declaration, [])
    }

    /// Whether an id matches `[a-z0-9][a-z0-9-]*`.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, isLowerAlphanumeric(first) else { return false }
        return id.utf8.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
    }

    /// Reads a required, non-empty string field; reports what is wrong with it otherwise.
    private func requiredString(
        _ field: String, in mapping: YAMLNode, at parentMark: Mark, key: String? = nil,
        fail: (DeclarationProblem, Mark) -> Void
    ) -> (value: String, mark: Mark)? {
        guard let entry = mapping.entry(key ?? field), !entry.value.isNull else {
            fail(.missingField(field), parentMark)
            return nil
        }
        guard let text = entry.value.string else {
            fail(.wrongType(field: field, expected: "string", found: entry.value.typeName), entry.value.mark)
            return nil
        }
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            fail(.emptyField(field), entry.value.mark)
            return nil
        }
        return (text, entry.value.mark)
    }

    private func checkOptional(
        _ key: String, in mapping: YAMLNode, expected: String, fail: (DeclarationProblem, Mark) -> Void,
        isValid: (YAMLNode) -> Bool
    ) {
        guard let node = mapping[key], !node.isNull, !isValid(node) else { return }
        fail(.wrongType(field: "metadata.\(key)", expected: expected, found: node.typeName), node.mark)
    }
}
