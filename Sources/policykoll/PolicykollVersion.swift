import PolicykollCore

/// The version line for `--version`.
enum PolicykollVersion {
    static let text = "\(ToolInfo.name) \(ToolInfo.version)"
}
