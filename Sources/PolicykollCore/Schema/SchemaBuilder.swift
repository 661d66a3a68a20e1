/// Small builders for JSON Schema values with descriptions in Swedish and English.
///
/// Every described node gets `description` ("svenska / English", what most editors show) and
/// `x-description-sv` / `x-description-en` for tools that want one language.
enum SchemaBuilder {
    typealias Properties = [(String, JSONValue)]

    static func described(_ sv: String, _ en: String, _ members: Properties) -> JSONValue {
        .object(
            members + [
                ("description", .string("\(sv) / \(en)")), ("x-description-sv", .string(sv)), ("x-description-en", .string(en)),
            ])
    }

    static func string(_ sv: String, _ en: String, enum values: [String]? = nil, pattern: String? = nil, examples: [String] = [])
        -> JSONValue
    {
        var members: Properties = [("type", .string("string"))]
        if let values { members.append(("enum", .array(values.map { .string($0) }))) }
        if let pattern { members.append(("pattern", .string(pattern))) }
        if !examples.isEmpty { members.append(("examples", .array(examples.map { .string($0) }))) }
        return described(sv, en, members)
    }

    static func text(_ sv: String, _ en: String) -> JSONValue { string(sv, en) }

    static func date(_ sv: String, _ en: String) -> JSONValue {
        described(sv, en, [("type", .string("string")), ("format", .string("date"))])
    }

    static func boolean(_ sv: String, _ en: String) -> JSONValue {
        described(sv, en, [("type", .string("boolean"))])
    }

    /// A field written either as a text (a reference to a document) or as `true`/`false`.
    static func textOrBoolean(_ sv: String, _ en: String) -> JSONValue {
        described(sv, en, [("type", .array([.string("string"), .string("boolean")]))])
    }

    static func integer(_ sv: String, _ en: String, minimum: Int? = nil, maximum: Int? = nil, enum values: [Int]? = nil)
        -> JSONValue
    {
        var members: Properties = [("type", .string("integer"))]
        if let minimum { members.append(("minimum", .int(minimum))) }
        if let maximum { members.append(("maximum", .int(maximum))) }
        if let values { members.append(("enum", .array(values.map { .int($0) }))) }
        return described(sv, en, members)
    }

    static func array(_ sv: String, _ en: String, of items: JSONValue, uniqueItems: Bool = false) -> JSONValue {
        var members: Properties = [("type", .string("array")), ("items", items)]
        if uniqueItems { members.append(("uniqueItems", .bool(true))) }
        return described(sv, en, members)
    }

    static func strings(_ sv: String, _ en: String, enum values: [String]? = nil, examples: [String] = []) -> JSONValue {
        var item: Properties = [("type", .string("string"))]
        if let values { item.append(("enum", .array(values.map { .string($0) }))) }
        if !examples.isEmpty { item.append(("examples", .array(examples.map { .string($0) }))) }
        return array(sv, en, of: .object(item))
    }

    /// An object; `additionalProperties` stays open in `spec` ("v1: add fields freely").
    static func object(
        _ sv: String, _ en: String, _ properties: Properties, required: [String] = [], additionalProperties: Bool = true
    ) -> JSONValue {
        var members: Properties = [("type", .string("object")), ("properties", .object(properties))]
        if !required.isEmpty { members.append(("required", .array(required.map { .string($0) }))) }
        members.append(("additionalProperties", .bool(additionalProperties)))
        return described(sv, en, members)
    }
}
