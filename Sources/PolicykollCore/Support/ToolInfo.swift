/// The tool's name and version, as reports state them.
public enum ToolInfo {
    /// `policykoll`.
    public static let name = "policykoll"
    /// The released version.
    public static let version = "0.1.0"
}
