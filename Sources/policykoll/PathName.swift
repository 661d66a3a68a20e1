/// Splitting a path into its folder and file name by hand: Foundation's
/// `deletingLastPathComponent` crashes on Linux for a one-character path (`o`, `.`, `é`).
enum PathName {
    /// The folder a path names its file in: everything before the last `/` (`/` for a file at
    /// the root), or `.` for a bare file name.
    static func folder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let folder = trimmed[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }
}
