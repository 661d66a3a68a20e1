public import Foundation

/// Golden files: expected outputs kept on disk. They change only when asked, by running the
/// tests with `POLICYKOLL_UPDATE_GOLDEN=1`, never silently.
public enum Golden {
    /// The package root, found from this source file's location.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder of golden files.
    public static let folder = packageRoot.appendingPathComponent("Tests/Fixtures/golden")

    /// Whether this run rewrites golden files instead of comparing with them.
    public static var isUpdating: Bool {
        ProcessInfo.processInfo.environment["POLICYKOLL_UPDATE_GOLDEN"] == "1"
    }

    /// The expected text of a golden file; in update mode, writes `actual` and returns it.
    public static func expected(_ name: String, actual: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        if isUpdating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return actual
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
