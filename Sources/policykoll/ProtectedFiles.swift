import PolicykollCore

/// The files a report must never be written over: the inputs, told apart by device and inode
/// so that another name of one (a symbolic or hard link) is caught too.
struct ProtectedFiles {
    private var identities: Set<FileIdentity>

    /// The files the collected inputs are (already known from collecting them: no file is looked
    /// at again) and those behind `paths` (the pack, exceptions, a baseline, …).
    init(_ collected: InputCollector.Collected? = nil, paths: [String]) {
        identities = collected?.identities ?? []
        for path in paths {
            if let identity = FileIdentity(path: path) { identities.insert(identity) }
        }
    }

    /// Whether the file with this identity is protected.
    func contains(_ identity: FileIdentity) -> Bool {
        identities.contains(identity)
    }

    /// Whether `path` leads to a protected file; a file that does not exist yet is none.
    func contains(path: String) -> Bool {
        FileIdentity(path: path).map(contains) ?? false
    }
}
