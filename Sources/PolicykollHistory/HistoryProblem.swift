/// Why a history database could not be opened, read or written.
public enum HistoryProblem: Error, Sendable, Equatable {
    /// `history DB` names a file that does not exist.
    case notFound(path: String)
    /// The label is already recorded and `--replace` was not given.
    case labelExists(label: String, path: String)
    /// The label is empty or too long.
    case invalidLabel(String)
    /// SQLite refused (not a database, locked for too long, disk full…).
    case database(path: String, detail: String)

    /// The message, for `file: error: message`.
    public var message: String {
        switch self {
        case .notFound:
            "no such history database; record an audit first with `policykoll audit … --history DB --label LABEL`"
        case .labelExists(let label, _):
            "an audit labelled '\(label)' is already recorded; use another --label, or --replace to record this one instead"
        case .invalidLabel(let label):
            "the label '\(label)' cannot be used: give 1 to 100 characters, such as 2026"
        case .database(_, let detail):
            "the history database cannot be used: \(detail)"
        }
    }

    /// The file the problem is about.
    public var path: String {
        switch self {
        case .notFound(let path), .labelExists(_, let path), .database(let path, _): path
        case .invalidLabel: ""
        }
    }
}
