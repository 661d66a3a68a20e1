import Foundation

/// Expands the paths a user gave into the YAML files to read, in a stable order.
///
/// Folders are walked recursively for `*.yaml` and `*.yml`, skipping hidden entries (such as
/// `.git`); a file named explicitly is read whatever its extension; `-` is standard input.
/// Symbolic-link loops are detected and skipped.
public enum InputCollector {
    /// The largest file read: 256 MiB.
    public static let maxFileSize = 256 << 20

    /// An input found: a file path, or standard input.
    public enum Input: Sendable, Hashable {
        /// A file; `discovered` when it was found by walking a folder rather than named.
        case file(String, discovered: Bool)
        case standardInput
    }

    /// The inputs behind the given paths, and a diagnostic for each path that cannot be used.
    public static func collect(_ paths: [String]) -> (inputs: [Input], problems: [Diagnostic]) {
        var inputs: [Input] = []
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        // The same file reached twice (`check a a/b.yaml`) is read once. With one path there is
        // no overlap to find, and resolving every file's real path is costly for large folders.
        let resolvesPaths = paths.count > 1
        func key(_ path: String) -> String { resolvesPaths ? canonical(path) : path }
        for path in paths {
            if path == "-" {
                if !inputs.contains(.standardInput) { inputs.append(.standardInput) }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(.error(InputProblem.notFound.message, file: path, at: nil))
                continue
            }
            if isDirectory.boolValue {
                var visited: Set<String> = []
                var found: [String] = []
                walk(path, visited: &visited, found: &found, problems: &problems)
                if found.isEmpty {
                    problems.append(.error(InputProblem.noYAMLFiles.message, file: path, at: nil))
                }
                for file in found.sorted() where seen.insert(key(file)).inserted {
                    inputs.append(.file(file, discovered: true))
                }
            } else if seen.insert(key(path)).inserted {
                inputs.append(.file(path, discovered: false))
            }
        }
        return (inputs, problems)
    }

    /// Collects the inputs behind the paths and reads each; what cannot be used becomes a diagnostic.
    public static func readAll(_ paths: [String]) -> (files: [SourceFile], problems: [Diagnostic]) {
        let (inputs, problems) = collect(paths)
        var files: [SourceFile] = []
        var allProblems = problems
        for input in inputs {
            switch read(input) {
            case .success(let file): files.append(file)
            case .failure(let problem): allProblems.append(problem)
            }
        }
        return (files, allProblems)
    }

    /// Reads an input's bytes, or says why it cannot.
    public static func read(_ input: Input) -> Result<SourceFile, Diagnostic> {
        switch input {
        case .standardInput:
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return .success(SourceFile(name: "<stdin>", bytes: [UInt8](data)))
        case .file(let path, let discovered):
            do {
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                if let size = attributes[.size] as? Int, size > maxFileSize {
                    return .failure(.error(InputProblem.tooLarge(bytes: size, limit: maxFileSize).message, file: path, at: nil))
                }
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                return .success(SourceFile(name: path, bytes: [UInt8](data), discovered: discovered))
            } catch {
                return .failure(.error(InputProblem.unreadable(describe(error)).message, file: path, at: nil))
            }
        }
    }

    /// The real path, to notice the same file reached twice and folder loops.
    public static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    private static func walk(_ folder: String, visited: inout Set<String>, found: inout [String], problems: inout [Diagnostic]) {
        guard visited.insert(canonical(folder)).inserted else {
            problems.append(Diagnostic(.warning, file: folder, mark: nil, message: InputProblem.isDirectoryLoop.message))
            return
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            problems.append(.error(InputProblem.unreadable(describe(error)).message, file: folder, at: nil))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walk(path, visited: &visited, found: &found, problems: &problems)
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                found.append(path)
            }
        }
    }

    /// A short reason for a file-system error.
    public static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain, let message = strerror(Int32(underlying.code))
        {
            return String(cString: message)
        }
        switch nsError.code {
        case NSFileReadNoPermissionError: return "permission denied"
        case NSFileReadNoSuchFileError: return "no such file"
        default: return nsError.localizedDescription
        }
    }
}
