/// The default rule pack compiled into the binary from the top-level `policies/` folder.
public enum EmbeddedPolicies {
    /// The display name used in messages for files of the embedded pack.
    public static let locationPrefix = "<embedded>/policies/"

    /// The embedded files, each path relative to `policies/`.
    public static var files: [(path: String, text: String)] { EmbeddedPolicyFiles.files }
}
