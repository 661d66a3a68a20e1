import Foundation

#if canImport(Glibc)
    import Glibc
    private let posixRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let posixRead = Darwin.read
#endif

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
        /// The file's path, or `nil` for standard input.
        public var path: String? {
            if case .file(let path, _) = self { return path }
            return nil
        }

        /// A file; `discovered` when it was found by walking a folder rather than named.
        case file(String, discovered: Bool)
        case standardInput
    }

    /// What ``collect(_:)`` found.
    public struct Collected: Sendable {
        /// The inputs, in the order they are read.
        public var inputs: [Input]
        /// A diagnostic for each path that cannot be used.
        public var problems: [Diagnostic]
        /// Which files the inputs are: a report written to one of them would overwrite an input.
        public var identities: Set<FileIdentity>
    }

    /// The inputs behind the given paths, and a diagnostic for each path that cannot be used.
    public static func collect(_ paths: [String]) -> Collected {
        var inputs: [Input] = []
        var problems: [Diagnostic] = []
        // The same file reached twice (`check a a/b.yaml`, or a link to it) is read once: files
        // are told apart by device and inode (a folder's, already known from its walk).
        var seen: Set<FileIdentity> = []
        for path in paths {
            if path == "-" {
                if !inputs.contains(.standardInput) { inputs.append(.standardInput) }
                continue
            }
            if path.isEmpty {
                problems.append(.error(InputProblem.emptyPath.message, file: "''", at: nil))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                let problem = brokenLink(path).map { InputProblem.brokenLink($0, skipped: false) } ?? .notFound
                problems.append(.error(problem.message, file: path, at: nil))
                continue
            }
            if isDirectory.boolValue {
                var visited: Set<FileIdentity> = []
                var found: [FoundFile] = []
                let problemsBefore = problems.count
                walk(path, identity: FileIdentity(path: path), visited: &visited, found: &found, problems: &problems)
                // A folder whose entries could not be read is not known to hold no YAML file.
                let unreadable = problems[problemsBefore...].contains { $0.severity == .error }
                if found.isEmpty, !unreadable {
                    problems.append(.error(InputProblem.noYAMLFiles.message, file: path, at: nil))
                }
                for file in onePerFile(found).sorted(by: { $0.path < $1.path }) where seen.insert(file.identity).inserted {
                    inputs.append(.file(file.path, discovered: true))
                }
            } else if FileIdentity(path: path).map({ seen.insert($0).inserted }) ?? true {
                inputs.append(.file(path, discovered: false))
            }
        }
        return Collected(inputs: inputs, problems: problems, identities: seen)
    }

    /// Collects the inputs behind the paths and reads each; what cannot be used becomes a diagnostic.
    public static func readAll(_ paths: [String]) -> (files: [SourceFile], problems: [Diagnostic]) {
        let collected = collect(paths)
        var files: [SourceFile] = []
        var allProblems = collected.problems
        // Files are read on every core (standard input, if any, is read once, in its place).
        let results = Parallel.mapChunks(count: collected.inputs.count, minimumChunk: 32) { range in
            range.map { read(collected.inputs[$0]) }
        }
        for result in results {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let problem): allProblems.append(problem)
            }
        }
        return (files, allProblems)
    }

    /// Reads an input's bytes, or says why it cannot.
    ///
    /// Never reads more than ``maxFileSize`` bytes: not from a large file, and not from standard
    /// input, a pipe or a device named on the command line, whose size is not known in advance.
    public static func read(_ input: Input) -> Result<SourceFile, Diagnostic> {
        switch input {
        case .standardInput:
            return readBounded(descriptor: 0, name: "<stdin>").map { SourceFile(name: "<stdin>", bytes: $0) }
        case .file(let path, let discovered):
            // One open and one fstat per file: the size and the kind come from the descriptor
            // that is then read, so nothing can change between the check and the read.
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                return .failure(.error(InputProblem.unreadable(describe(errno: errno)).message, file: path, at: nil))
            }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else {
                return .failure(.error(InputProblem.unreadable(describe(errno: errno)).message, file: path, at: nil))
            }
            guard status.st_mode & S_IFMT == S_IFREG else {
                // A pipe named on the command line (`<(…)`, /dev/stdin) is read like standard input.
                return readBounded(descriptor: descriptor, name: path).map {
                    SourceFile(name: path, bytes: $0, discovered: discovered)
                }
            }
            if Int(status.st_size) > maxFileSize {
                return .failure(
                    .error(InputProblem.tooLarge(bytes: Int(status.st_size), limit: maxFileSize).message, file: path, at: nil))
            }
            return readRegular(descriptor: descriptor, size: Int(status.st_size), name: path).map {
                SourceFile(name: path, bytes: $0, discovered: discovered)
            }
        }
    }

    /// Reads a regular file of a known size straight into its byte array (one read, no copy).
    /// What is appended after its size was taken is not read: the size was checked against the
    /// limit, and the read stays within it.
    private static func readRegular(descriptor: Int32, size: Int, name: String) -> Result<[UInt8], Diagnostic> {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let read = posixRead(descriptor, buffer.baseAddress! + count, size - count)
                if read == 0 { break }
                if read < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                count += read
            }
        }
        if failure != 0 {
            return .failure(.error(InputProblem.unreadable(describe(errno: failure)).message, file: name, at: nil))
        }
        return .success(bytes)
    }

    /// Reads a descriptor to its end, or fails once it has given more than ``maxFileSize`` bytes.
    private static func readBounded(descriptor: Int32, name: String) -> Result<[UInt8], Diagnostic> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { posixRead(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return .success(bytes) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.error(InputProblem.unreadable(describe(errno: errno)).message, file: name, at: nil))
            }
            bytes += chunk[0..<count]
            if bytes.count > maxFileSize {
                return .failure(
                    .error(InputProblem.tooLarge(bytes: bytes.count, limit: maxFileSize).message, file: name, at: nil))
            }
        }
    }

    /// The real path, to notice the same file reached twice and folder loops.
    public static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// A YAML file found in a folder, and which file it is.
    private struct FoundFile {
        var path: String
        var identity: FileIdentity
    }

    /// The paths of the files found, each file once: a file reached by two names in the folders
    /// walked (a symbolic or hard link beside its target) would otherwise be read twice, and
    /// its declarations reported as duplicates of themselves. The name kept is the file's own
    /// rather than a symbolic link's, else the first.
    private static func onePerFile(_ found: [FoundFile]) -> [FoundFile] {
        var kept: [FileIdentity: Int] = [:]
        var files: [FoundFile] = []
        for file in found {
            guard let position = kept[file.identity] else {
                kept[file.identity] = files.count
                files.append(file)
                continue
            }
            if isSymbolicLink(files[position].path), !isSymbolicLink(file.path) { files[position] = file }
        }
        return files
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// Collects the YAML files under a folder. A folder is known by its device and inode, not
    /// its path, so that a link back into it is found however deep (a path past the system's
    /// limit has no canonical form).
    private static func walk(
        _ folder: String, identity: FileIdentity?, visited: inout Set<FileIdentity>, found: inout [FoundFile],
        problems: inout [Diagnostic]
    ) {
        if let identity, !visited.insert(identity).inserted {
            problems.append(Diagnostic(.warning, file: folder, mark: nil, message: InputProblem.isDirectoryLoop.message))
            return
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            problems.append(.error(InputProblem.unreadableFolder(describe(error)).message, file: folder, at: nil))
            return
        }
        let entries = names.sorted().filter { !$0.hasPrefix(".") }.map { name in
            (name: name, path: folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name))
        }
        // One stat (following links) per entry says both whether to descend and whether to read;
        // a large folder's entries are looked at on every core.
        let statuses = Parallel.mapChunks(count: entries.count, minimumChunk: 256) { range in
            range.map { position -> EntryStatus in
                var status = stat()
                guard stat(entries[position].path, &status) == 0 else { return .failed(errno: errno) }
                return .found(mode: status.st_mode & S_IFMT, identity: FileIdentity(status))
            }
        }
        for (entry, status) in zip(entries, statuses) {
            let isYAML = entry.name.hasSuffix(".yaml") || entry.name.hasSuffix(".yml")
            guard case .found(let mode, let identity) = status else {
                if case .failed(let code) = status {
                    reportUnreachable(entry.path, isYAML: isYAML, errno: code, problems: &problems)
                }
                continue
            }
            if mode == S_IFDIR {
                walk(entry.path, identity: identity, visited: &visited, found: &found, problems: &problems)
            } else if isYAML {
                // Reading a pipe or a device found in a folder could block or never end.
                if mode != S_IFREG {
                    problems.append(
                        Diagnostic(.warning, file: entry.path, mark: nil, message: InputProblem.notARegularFile.message))
                    continue
                }
                found.append(FoundFile(path: entry.path, identity: identity))
            }
        }
    }

    /// Reports a folder's entry whose `stat` failed. A YAML file that vanished is no news, and a
    /// link to nowhere named like one a warning; so is a link not named like YAML whose target
    /// cannot be reached. Anything else (a folder that can be listed but not entered, a path past
    /// the system's limit) is an error: a declaration there would be missed, so the run must not
    /// pass quietly.
    private static func reportUnreachable(_ path: String, isYAML: Bool, errno code: Int32, problems: inout [Diagnostic]) {
        func skipped(_ reason: String) {
            let problem = InputProblem.brokenLink(reason, skipped: true)
            problems.append(Diagnostic(.warning, file: path, mark: nil, message: problem.message))
        }
        if code == ENOENT || code == ELOOP || code == ENOTDIR {
            if isYAML, let reason = brokenLink(path) { skipped(reason) }
            return
        }
        var link = stat()
        if !isYAML, lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
            skipped(describe(errno: code))
            return
        }
        problems.append(.error(InputProblem.unreadableEntry(describe(errno: code)).message, file: path, at: nil))
    }

    /// What one `stat` of a folder's entry found.
    private enum EntryStatus {
        case found(mode: mode_t, identity: FileIdentity)
        case failed(errno: Int32)
    }

    /// Why a symbolic link cannot be followed (it leads nowhere, or in a loop), or `nil` when the
    /// path is not such a link.
    private static func brokenLink(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK, stat(path, &status) != 0 else { return nil }
        return describe(errno: errno)
    }

    /// A short reason for a POSIX error number, in the words of ``describe(_:)``.
    public static func describe(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "no such file"
        case EISDIR: return "it is a folder"
        default:
            guard let message = strerror(code) else { return "error \(code)" }
            let text = String(cString: message)
            return text.prefix(1).lowercased() + text.dropFirst()
        }
    }

    /// A short reason for a file-system error.
    public static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return describe(errno: Int32(underlying.code))
        }
        switch nsError.code {
        case NSFileReadNoPermissionError: return "permission denied"
        case NSFileReadNoSuchFileError: return "no such file"
        default: return nsError.localizedDescription
        }
    }
}
