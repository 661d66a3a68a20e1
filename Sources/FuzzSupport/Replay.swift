import Foundation

/// Replays fuzz inputs through a fuzz target's function without libFuzzer: for regression runs,
/// CI, and reproducing a crash the fuzzer found.
public enum Replay {
    /// Runs `body` on every file named in `arguments` (after the program name); a folder stands
    /// for every regular file below it, in path order. Exits 2 when an argument cannot be read.
    public static func run(arguments: [String], name: String, body: ([UInt8]) -> Void) {
        let paths = Array(arguments.dropFirst())
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: \(name) FILE-OR-FOLDER …\n".utf8))
            exit(2)
        }
        var count = 0
        for path in paths {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("\(name): cannot read \(file)\n".utf8))
                    exit(2)
                }
                body([UInt8](data))
                count += 1
            }
        }
        print("\(name): replayed \(count) input\(count == 1 ? "" : "s") without a crash")
    }

    /// The regular files at a path: the path itself, or every file below a folder, sorted.
    public static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
                found.append(full)
            }
        }
        return found.sorted()
    }
}
