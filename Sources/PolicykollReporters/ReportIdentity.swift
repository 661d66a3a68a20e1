import PolicykollCore

/// The `tool` and `policy` objects that head every JSON report (check and audit alike), so the
/// two reports name themselves the same way.
enum ReportIdentity {
    /// `{"name": "policykoll", "version": …}`.
    static var tool: JSONValue {
        .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])
    }

    /// `{"name", "version", "sha256"}` of the rule pack used.
    static func policy(_ pack: RulePack) -> JSONValue {
        .object([("name", .string(pack.name)), ("version", .string(pack.version)), ("sha256", .string(pack.sha256))])
    }
}
