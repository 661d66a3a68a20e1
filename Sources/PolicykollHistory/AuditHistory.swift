public import Foundation
import GRDB
public import PolicykollCore

/// The recorded audits of an inventory, in an SQLite database (through GRDB).
///
/// The database is in WAL mode; each audit is recorded in one `BEGIN IMMEDIATE` transaction and
/// writers wait for each other (a busy timeout), so two audits recorded at once both land whole.
public struct AuditHistory: Sendable {
    /// How long a writer waits for another process's write transaction before giving up.
    public static let busyTimeout: TimeInterval = 120

    /// Where audits are read from, and (when opened to record) written to.
    private let reader: any DatabaseReader
    private let pool: DatabasePool?
    /// Whether the database holds nothing at all yet (an empty file opened only to read).
    private let isBlank: Bool
    /// The database file.
    public let path: String

    /// Opens a history database. With `create`, to record: it is created if missing and its
    /// schema brought up to date. Without, only to read: a missing file is an error, and nothing
    /// is written, not even the schema, to a database that is not a history yet.
    ///
    /// `onWait` is called once when recording has waited a second for another process's lock
    /// on the database (another audit being recorded), so that the caller can say so.
    public init(path: String, create: Bool, onWait: (@Sendable () -> Void)? = nil) throws(HistoryProblem) {
        self.path = path
        // SQLite on a pipe or a device waits forever or fails oddly (and, as root, creates
        // `/dev/null-journal`): only a regular file is a history.
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            throw .database(
                path: path,
                detail: status.st_mode & S_IFMT == S_IFDIR
                    ? "it is a folder; give the history's database file"
                    : "it is not a regular file (a pipe, socket or device)")
        }
        guard create else {
            guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path: path) }
            (reader, isBlank) = try Self.openForReading(path)
            pool = nil
            return
        }
        isBlank = false
        // Nothing is written (not even WAL mode or GRDB's table) into a database that is not a
        // history: it may be someone's data.
        if FileManager.default.fileExists(atPath: path) { try Self.checkIsHistory(path) }
        var configuration = Configuration()
        configuration.busyMode = BusyWait.mode(onWait: onWait)
        configuration.label = "policykoll-history"
        // Two processes creating a new database at the same moment race to switch it to WAL;
        // SQLite answers the loser "database is locked" at once, without its busy timeout. The
        // loser waits a moment and opens the database the winner made.
        var attempt = 0
        while true {
            do {
                let opened = try DatabasePool(path: path, configuration: configuration)
                pool = opened
                reader = opened
                break
            } catch {
                attempt += 1
                guard Self.isBusy(error), attempt < 100 else { throw Self.problem(error, path: path) }
                usleep(UInt32(20_000 + 10_000 * min(attempt, 20)))
            }
        }
        try migrate()
    }

    /// Opens a database read-only, and checks that it is a history (or still blank).
    ///
    /// A history in WAL mode needs its `-shm` file to be read, which SQLite creates beside it:
    /// in a folder the reader may not write to (an archived history on a read-only share), it
    /// is read again as an immutable file, which needs no side files.
    private static func openForReading(_ path: String) throws(HistoryProblem) -> (any DatabaseReader, isBlank: Bool) {
        let configuration = readOnly
        let queue: DatabaseQueue
        let state: (isCurrent: Bool, hasAudits: Bool, isBlank: Bool)
        func open(_ name: String) throws -> (DatabaseQueue, (isCurrent: Bool, hasAudits: Bool, isBlank: Bool)) {
            let queue = try DatabaseQueue(path: name, configuration: configuration)
            let state = try queue.read { db in
                (
                    try HistorySchema.migrator.hasCompletedMigrations(db), try db.tableExists("audit"),
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") == 0
                )
            }
            return (queue, state)
        }
        do {
            (queue, state) = try open(path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
            // Read as immutable, the write-ahead log is not read: audits recorded in it would be
            // missing without a word. Only a history without one is read that way.
            let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            guard log == 0 else {
                throw .database(
                    path: path,
                    detail: "its write-ahead log (\(path)-wal) holds recorded audits, and reading them needs write access "
                        + "to the folder; copy the database and its -wal file to a folder you may write to")
            }
            do {
                (queue, state) = try open(immutableURI(path))
            } catch {
                throw problem(error, path: path)
            }
        } catch {
            throw problem(error, path: path)
        }
        if state.isCurrent || state.isBlank { return (queue, state.isBlank) }
        throw .database(
            path: path,
            detail: state.hasAudits
                ? "it was made by another version of policykoll; record an audit with this version to bring it up to date"
                : "it is an SQLite database, but not a policykoll history")
    }

    /// Checks, read-only, that an existing database may be recorded into: it is blank, or a
    /// history (of this version or an older one, which the migrations bring up to date).
    private static func checkIsHistory(_ path: String) throws(HistoryProblem) {
        let isHistoryOrBlank: Bool
        do {
            isHistoryOrBlank = try DatabaseQueue(path: path, configuration: readOnly).read { db in
                // Everything the database holds (tables, views, triggers, indexes) but SQLite's own.
                let objects = try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
                if objects.isEmpty { return true }
                // A history holds nothing but its own tables (SQLite's automatic indexes aside);
                // another program's database, even one made with GRDB, holds something else.
                guard Set(objects).isSubset(of: HistorySchema.objects), objects.contains("grdb_migrations") else { return false }
                let migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                // One being created by another process at this moment has only GRDB's (still
                // empty) table so far.
                return migrations.contains(HistorySchema.firstMigration) || (migrations.isEmpty && objects == ["grdb_migrations"])
            }
        } catch {
            throw problem(error, path: path)
        }
        guard isHistoryOrBlank else {
            throw .database(path: path, detail: "it is an SQLite database, but not a policykoll history; it was not changed")
        }
    }

    /// How a history is opened to be looked at, never written.
    private static var readOnly: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "policykoll-history"
        return configuration
    }

    /// An SQLite URI filename for the file, opened as immutable: read without locks or side files.
    /// (GRDB does not ask for URI filenames; SQLite reads them when built with `SQLITE_USE_URI`,
    /// as Debian's is. Without it the open fails as the first one did, and says why.)
    static func immutableURI(_ path: String) -> String {
        var encoded = ""
        for character in URL(fileURLWithPath: path).standardizedFileURL.path {
            switch character {
            case "%": encoded += "%25"
            case "?": encoded += "%3F"
            case "#": encoded += "%23"
            default: encoded.append(character)
            }
        }
        return "file:" + encoded + "?immutable=1"
    }

    /// Whether an error is SQLite's "busy" or "locked" (another connection holds the lock).
    private static func isBusy(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    /// Runs the migrations. Two processes opening a new database at once may both try; the
    /// loser's attempt fails on the winner's tables, and is fine once the winner's are complete.
    private func migrate() throws(HistoryProblem) {
        guard let pool else { return }
        let migrator = HistorySchema.migrator
        var attempt = 0
        while true {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                let completed = (try? pool.read { try migrator.hasCompletedMigrations($0) }) ?? false
                if completed { return }
                attempt += 1
                guard Self.isBusy(error), attempt < 100 else { throw Self.problem(error, path: path) }
                usleep(UInt32(20_000 + 10_000 * min(attempt, 20)))
            }
        }
    }

    // MARK: - Reading

    /// Whether an audit with this label is recorded.
    public func contains(label: String) throws(HistoryProblem) -> Bool {
        if isBlank { return false }
        return try reading { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM audit WHERE label = ?)", arguments: [label]) ?? false
        }
    }

    /// Every recorded audit, oldest first (by as-of date, then recording time).
    public func snapshots() throws(HistoryProblem) -> [AuditSnapshot] {
        if isBlank { return [] }
        return try reading { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY asOf, recordedAt, id")
            return try rows.map { try Self.snapshot($0, db) }
        }
    }

    /// The audit a new one is compared with: the latest recorded audit with another label and an
    /// as-of date not after `asOf` (ties: the one recorded last).
    public func previous(asOf: CivilDate, excluding label: String) throws(HistoryProblem) -> AuditSnapshot? {
        try reading { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM audit WHERE label <> ? AND asOf <= ?
                    ORDER BY asOf DESC, recordedAt DESC, id DESC LIMIT 1
                    """, arguments: [label, asOf.description])
            return try row.map { try Self.snapshot($0, db) }
        }
    }

    private static func snapshot(_ row: Row, _ db: Database) throws -> AuditSnapshot {
        let id: Int64 = try row.decode(forColumn: "id")
        func tallies(_ column: String) throws -> [(String, AuditTally)] {
            var order: [String] = []
            var tallies: [String: AuditTally] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(column) AS key, outcome, COUNT(*) AS count FROM auditOutcome
                    WHERE auditId = ? GROUP BY \(column), outcome ORDER BY \(column)
                    """, arguments: [id])
            for row in rows {
                let key: String = try row.decode(forColumn: "key")
                let count: Int = try row.decode(forColumn: "count")
                if tallies[key] == nil {
                    order.append(key)
                    tallies[key] = AuditTally()
                }
                if let outcome = AuditOutcome(rawValue: try row.decode(forColumn: "outcome")) {
                    tallies[key]?.add(outcome, count: count)
                }
            }
            return order.map { ($0, tallies[$0] ?? AuditTally()) }
        }
        let areaTallies = Dictionary(try tallies("area"), uniquingKeysWith: { first, _ in first })
        var areas: [(id: String, title: LocalizedText, tally: AuditTally)] = try Row.fetchAll(
            db, sql: "SELECT area, titleSv, titleEn FROM auditArea WHERE auditId = ? ORDER BY position", arguments: [id]
        ).map { row in
            let area: String = try row.decode(forColumn: "area")
            let title = LocalizedText(sv: try row.decode(forColumn: "titleSv"), en: try row.decode(forColumn: "titleEn"))
            return (area, title, areaTallies[area] ?? AuditTally())
        }
        let titled = Set(areas.map(\.id))
        for (area, tally) in areaTallies.sorted(by: { $0.key < $1.key }) where !titled.contains(area) {
            areas.append((area, LocalizedText(area), tally))
        }
        var overall = AuditTally()
        for area in areaTallies.values { overall.add(area) }
        // Every value is decoded with a check: a history edited by hand (a text where a count
        // was) is an error to report, not a crash.
        let asOfText: String = try row.decode(forColumn: "asOf")
        guard let asOf = CivilDate(iso: asOfText) else {
            throw DamagedValue(detail: "audit \(id) has the as-of date '\(asOfText)', not a date")
        }
        return AuditSnapshot(
            label: try row.decode(forColumn: "label"), asOf: asOf,
            policyName: try row.decode(forColumn: "policyName"), policyVersion: try row.decode(forColumn: "policyVersion"),
            policySHA256: try row.decode(forColumn: "policySHA256"), toolVersion: try row.decode(forColumn: "toolVersion"),
            recordedAt: try row.decode(forColumn: "recordedAt"), systems: try row.decode(forColumn: "systems"),
            inputErrors: try row.decode(forColumn: "inputErrors"), overall: overall, areas: areas,
            organisations: try tallies("organisation").map { (name: $0.0, tally: $0.1) })
    }

    // MARK: - Writing

    /// Records an audit in one write transaction.
    ///
    /// - Parameters:
    ///   - report: The audit.
    ///   - label: Its label; unique in the history.
    ///   - recordedAt: The time of recording.
    ///   - replace: Whether an audit already recorded under the label is replaced; otherwise that
    ///     is a ``HistoryProblem/labelExists(label:path:)``.
    public func record(_ report: AuditReport, label: String, recordedAt: Date, replace: Bool) throws(HistoryProblem) {
        guard !label.isEmpty, label.count <= 100 else { throw .invalidLabel(label) }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let timestamp = formatter.string(from: recordedAt)
        guard let pool else { throw .database(path: path, detail: "it was opened only to read") }
        var labelTaken = false
        do {
            try pool.write { db in
                if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM audit WHERE label = ?", arguments: [label]) {
                    guard replace else {
                        labelTaken = true
                        return
                    }
                    try db.execute(sql: "DELETE FROM audit WHERE id = ?", arguments: [existing])
                }
                try Self.insert(report, label: label, timestamp: timestamp, db)
            }
        } catch {
            throw Self.problem(error, path: path)
        }
        if labelTaken { throw .labelExists(label: label, path: path) }
    }

    private static func insert(_ report: AuditReport, label: String, timestamp: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO audit (label, policyName, policyVersion, policySHA256, asOf, toolVersion, recordedAt, systems,
                                   inputErrors, inputsSHA256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                label, report.pack.name, report.pack.version, report.pack.sha256, report.asOf.description, ToolInfo.version,
                timestamp, report.systems.count, report.errors.count, report.inputsDigest,
            ])
        let auditID = db.lastInsertedRowID
        let area = try db.makeStatement(
            sql: "INSERT INTO auditArea (auditId, position, area, titleSv, titleEn) VALUES (?, ?, ?, ?, ?)")
        for (position, item) in report.areas.enumerated() {
            try area.execute(arguments: [auditID, position, item.id, item.title.sv, item.title.en])
        }
        let input = try db.makeStatement(sql: "INSERT OR REPLACE INTO auditInput (auditId, file, sha256) VALUES (?, ?, ?)")
        for item in report.inputs { try input.execute(arguments: [auditID, item.file, item.sha256]) }
        let outcome = try db.makeStatement(
            sql: """
                INSERT OR REPLACE INTO auditOutcome (auditId, system, organisation, rule, area, principle, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        let rules = report.pack.rules
        for system in report.systems {
            for (index, value) in system.outcomes.enumerated() {
                let rule = rules[index]
                outcome.setUncheckedArguments([
                    auditID, system.id, system.organisation, rule.id, rule.area, rule.principle, value.rawValue,
                ])
                try outcome.execute()
            }
        }
    }

    // MARK: - Errors

    private func reading<T>(_ body: (Database) throws -> T) throws(HistoryProblem) -> T {
        do {
            return try reader.read(body)
        } catch {
            throw Self.problem(error, path: path)
        }
    }

    private static func problem(_ error: any Error, path: String) -> HistoryProblem {
        if let damaged = error as? DamagedValue {
            return .database(path: path, detail: "it is damaged: \(damaged.detail)")
        }
        if let problem = error as? HistoryProblem { return problem }
        if let error = error as? RowDecodingError {
            // GRDB's text goes on with the whole row; the column is what the user needs.
            let text = "\(error)"
            let shown = text.range(of: ", row:").map { String(text[..<$0.lowerBound]) } ?? text
            return .database(path: path, detail: "it is damaged: a recorded value has the wrong type (\(shown))")
        }
        if let error = error as? DatabaseError {
            // SQLite's words for a file of another kind, said for a history.
            if error.resultCode == .SQLITE_NOTADB {
                return .database(path: path, detail: "it is not an SQLite database, so not a policykoll history")
            }
            return .database(path: path, detail: error.message ?? error.description)
        }
        return .database(path: path, detail: String(describing: error))
    }
}

/// A recorded value that cannot be what the history's schema says it is.
private struct DamagedValue: Error {
    var detail: String
}
