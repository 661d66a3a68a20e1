public import PolicykollCore

/// `policykoll rules --format json` (design §5, fixed shape): the catalogue and the rules, every
/// text as `{sv, en}` whichever form the pack used.
public struct RuleCatalogueJSONReporter: Sendable {
    /// Creates the reporter.
    public init() {}

    /// The catalogue as pretty JSON text with a final newline.
    public func render(_ pack: RulePack) -> String {
        document(pack).prettyText + "\n"
    }

    /// The catalogue as a JSON value.
    public func document(_ pack: RulePack) -> JSONValue {
        .object([
            ("policy", .object([("name", .string(pack.name)), ("version", .string(pack.version))])),
            (
                "areas",
                .array(
                    pack.areas.map { area in
                        .object([
                            ("id", .string(area.id)), ("title", Self.text(area.title)),
                            (
                                "principles",
                                .array(area.principles.map { .object([("id", .string($0.id)), ("title", Self.text($0.title))]) })
                            ),
                        ])
                    })
            ),
            (
                "rules",
                .array(
                    pack.rules.map { rule in
                        .object([
                            ("id", .string(rule.id)), ("title", Self.text(rule.title)),
                            ("severity", .string(rule.severity.rawValue)), ("area", .string(rule.area)),
                            ("principle", .string(rule.principle)),
                            (
                                "references",
                                .array(rule.references.map { .object([("title", .string($0.title)), ("url", .string($0.url))]) })
                            ),
                        ])
                    })
            ),
        ])
    }

    static func text(_ text: LocalizedText) -> JSONValue {
        .object([("sv", .string(text.sv)), ("en", .string(text.en))])
    }
}
