import Foundation
import GRDB
import PolicykollCore
import PolicykollHistory
import PolicykollTestSupport
import Testing

@Suite("Audit history: recording in SQLite, labels, the previous audit")
struct AuditHistoryTests {
    /// A path for a new database in a fresh temporary folder.
    func databasePath() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("policykoll-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("history.sqlite").path
    }

    @Test("a recorded audit reads back with the same compliance per area and organisation")
    func roundTrip() throws {
        let path = try databasePath()
        let audit = try AuditFixtures.audit()
        let history = try AuditHistory(path: path, create: true)
        #expect(try history.snapshots().isEmpty)
        try history.record(audit, label: "2026", recordedAt: Date(timeIntervalSince1970: 0), replace: false)
        let snapshots = try AuditHistory(path: path, create: false).snapshots()
        let snapshot = try #require(snapshots.first)
        #expect(snapshots.count == 1)
        #expect(snapshot.label == "2026")
        #expect(snapshot.asOf == audit.asOf)
        #expect(snapshot.policyName == "test" && snapshot.policyVersion == "1.0")
        #expect(snapshot.policySHA256 == audit.pack.sha256)
        #expect(snapshot.toolVersion == ToolInfo.version)
        #expect(snapshot.recordedAt == "1970-01-01T00:00:00Z")
        #expect(snapshot.systems == 3)
        #expect(snapshot.overall == audit.overall)
        #expect(snapshot.areas.map(\.id) == ["a", "b"])
        #expect(snapshot.areas.map(\.tally) == audit.areas.map(\.tally))
        #expect(snapshot.areas[0].title == LocalizedText(sv: "Område A", en: "Area A"))
        #expect(snapshot.organisations.map(\.name) == ["Org A", "Org B"])
        #expect(snapshot.organisations.map(\.tally) == audit.organisations.map(\.tally))
    }

    @Test("recording waits for another process's write lock, says so once after a second, and then records")
    func waitsForLock() async throws {
        let path = try databasePath()
        let audit = try AuditFixtures.audit()
        try AuditHistory(path: path, create: true).record(audit, label: "2025", recordedAt: Date(), replace: false)
        // Another connection holds the write lock for two seconds.
        let other = try DatabaseQueue(path: path)
        let locked = DispatchSemaphore(value: 0)
        let holder = Thread {
            try? other.inTransaction(.immediate) { _ in
                locked.signal()
                Thread.sleep(forTimeInterval: 2)
                return .commit
            }
        }
        holder.start()
        locked.wait()
        let told = Counter()
        let history = try AuditHistory(path: path, create: true) { told.increment() }
        try history.record(audit, label: "2026", recordedAt: Date(), replace: false)
        #expect(told.value == 1)
        #expect(try history.snapshots().map(\.label).sorted() == ["2025", "2026"])
    }

    /// A count that a callback from another thread may raise.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }

    @Test("a label is recorded once; --replace swaps it")
    func labels() throws {
        let path = try databasePath()
        let history = try AuditHistory(path: path, create: true)
        let audit = try AuditFixtures.audit()
        try history.record(audit, label: "2026", recordedAt: Date(), replace: false)
        #expect(try history.contains(label: "2026"))
        #expect(throws: HistoryProblem.labelExists(label: "2026", path: path)) {
            try history.record(audit, label: "2026", recordedAt: Date(), replace: false)
        }
        try history.record(audit, label: "2026", recordedAt: Date(), replace: true)
        #expect(try history.snapshots().count == 1)
        #expect(throws: HistoryProblem.invalidLabel("")) {
            try history.record(audit, label: "", recordedAt: Date(), replace: false)
        }
    }

    @Test("the previous audit: the latest other label with an as-of date not after this one")
    func previous() throws {
        let history = try AuditHistory(path: try databasePath(), create: true)
        var audit = try AuditFixtures.audit()
        for (label, year) in [("2024", 2024), ("2025", 2025), ("2027", 2027)] {
            audit.asOf = CivilDate(year: year, month: 11, day: 26)!
            try history.record(audit, label: label, recordedAt: Date(), replace: false)
        }
        let asOf = CivilDate(year: 2026, month: 11, day: 26)!
        #expect(try history.previous(asOf: asOf, excluding: "2026")?.label == "2025")
        #expect(try history.previous(asOf: CivilDate(year: 2025, month: 11, day: 26)!, excluding: "2025")?.label == "2024")
        #expect(try history.previous(asOf: CivilDate(year: 2020, month: 1, day: 1)!, excluding: "x") == nil)
        #expect(try history.snapshots().map(\.label) == ["2024", "2025", "2027"])
    }

    @Test("a missing database is not created by reading; a file that is not SQLite is a clear error")
    func problems() throws {
        let path = try databasePath()
        #expect(throws: HistoryProblem.notFound(path: path)) { try AuditHistory(path: path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: path))
        try Data("this is not a database, just text\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try AuditHistory(path: path, create: false).snapshots()
            Issue.record("opening a text file as a history should fail")
        } catch {
            guard case .database = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.message.hasPrefix("the history database cannot be used:"))
        }
    }

    @Test("reading writes nothing: an empty file stays empty, another SQLite database is refused untouched")
    func readingWritesNothing() throws {
        let path = try databasePath()
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(try AuditHistory(path: path, create: false).snapshots().isEmpty)
        #expect(try AuditHistory(path: path, create: false).contains(label: "2026") == false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty, "no schema written into the empty file")

        let history = try AuditHistory(path: path, create: true)
        try history.record(try AuditFixtures.audit(), label: "2026", recordedAt: Date(timeIntervalSince1970: 0), replace: false)
        let recorded = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try AuditHistory(path: path, create: false)
        #expect(try reader.snapshots().map(\.label) == ["2026"])
        #expect(throws: HistoryProblem.self) {
            try reader.record(try AuditFixtures.audit(), label: "2027", recordedAt: Date(), replace: false)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == recorded)
    }

    @Test("an SQLite database that is not a history is refused, and not changed")
    func otherDatabase() throws {
        let path = try databasePath()
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE notes (text TEXT)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            _ = try AuditHistory(path: path, create: false)
            Issue.record("a database without the history's tables should be refused")
        } catch {
            #expect(error.message.contains("it is an SQLite database, but not a policykoll history"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a device is no history: refused, to read or to record, and nothing is created beside it")
    func specialFiles() throws {
        // (A pipe, which would block a test that regressed, is tried through the CLI with a time limit.)
        for create in [false, true] {
            do {
                _ = try AuditHistory(path: "/dev/null", create: create)
                Issue.record("/dev/null is no history")
            } catch {
                #expect(error.message.contains("it is not a regular file (a pipe, socket or device)"), "\(error.message)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal"))
    }

    @Test("a folder or a file that is no database is named for what it is, to read or to record")
    func notADatabaseFile() throws {
        let path = try databasePath()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("a-folder").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("apiVersion: policykoll/v1\nkind: System\n".utf8).write(to: URL(fileURLWithPath: path))
        for create in [false, true] {
            do {
                _ = try AuditHistory(path: folder, create: create)
                Issue.record("a folder is no history")
            } catch {
                #expect(error.message.contains("it is a folder; give the history's database file"), "\(error.message)")
            }
            do {
                _ = try AuditHistory(path: path, create: create)
                Issue.record("a YAML file is no history")
            } catch {
                #expect(error.message.contains("it is not an SQLite database, so not a policykoll history"), "\(error.message)")
            }
        }
    }

    @Test("recording refuses an SQLite database that is not a history, and leaves it byte for byte as it was")
    func recordingIntoOtherDatabase() throws {
        for schema in [
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)", "CREATE TABLE audit (note TEXT)",
            "CREATE VIEW v AS SELECT 1",
            // Another program made with GRDB, whose first migration is also called v1.
            "CREATE TABLE grdb_migrations (identifier TEXT PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1'); CREATE TABLE player (id)",
        ] {
            let path = try databasePath()
            try DatabaseQueue(path: path).write { try $0.execute(sql: schema) }
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let audit = try AuditFixtures.audit()
            do throws(HistoryProblem) {
                let history = try AuditHistory(path: path, create: true)
                try history.record(audit, label: "2026", recordedAt: Date(), replace: false)
                Issue.record("recording into another database (\(schema)) should be refused")
            } catch {
                #expect(error.message.contains("not a policykoll history; it was not changed"))
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }

    @Test("a new history holds nothing but the objects a history is recognised by (the schema and the check agree)")
    func schemaObjectsAreKnown() throws {
        let path = try databasePath()
        try AuditHistory(path: path, create: true).record(
            try AuditFixtures.audit(), label: "2026", recordedAt: Date(), replace: false)
        let names = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
        }
        #expect(Set(names) == ["grdb_migrations", "audit", "auditArea", "auditInput", "auditOutcome"], "\(names)")
    }

    @Test("recording goes into a blank (0-byte) file, and into a history that another process is just creating")
    func recordingIntoBlankAndNew() throws {
        let blank = try databasePath()
        #expect(FileManager.default.createFile(atPath: blank, contents: Data()))
        try AuditHistory(path: blank, create: true).record(
            try AuditFixtures.audit(), label: "2026", recordedAt: Date(), replace: false)
        #expect(try AuditHistory(path: blank, create: false).snapshots().map(\.label) == ["2026"])
        // The moment another process has made GRDB's table and not yet its first migration.
        let creating = try databasePath()
        try DatabaseQueue(path: creating).write {
            try $0.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        }
        try AuditHistory(path: creating, create: true).record(
            try AuditFixtures.audit(), label: "2026", recordedAt: Date(), replace: false)
        #expect(try AuditHistory(path: creating, create: false).snapshots().map(\.label) == ["2026"])
    }

    @Test(
        "a value of the wrong type in a recorded audit is a located error, not a crash",
        arguments: [
            "UPDATE audit SET systems = 'many'", "UPDATE audit SET label = X'FF41'", "UPDATE auditArea SET titleEn = X'FF'",
            "UPDATE audit SET systems = 99999999999999999999", "UPDATE audit SET asOf = 'nope'",
            "UPDATE auditOutcome SET organisation = X'FF'",
        ])
    func damagedValues(_ damage: String) throws {
        let path = try databasePath()
        let history = try AuditHistory(path: path, create: true)
        try history.record(try AuditFixtures.audit(), label: "2025", recordedAt: Date(), replace: false)
        try DatabaseQueue(path: path).write { try $0.execute(sql: damage) }
        for reader in [try AuditHistory(path: path, create: false), try AuditHistory(path: path, create: true)] {
            do throws(HistoryProblem) {
                _ = try reader.snapshots()
                Issue.record("a damaged history should be refused (\(damage))")
            } catch {
                #expect(error.message.contains("the history database cannot be used: it is damaged"), "\(error.message)")
                #expect(error.path == path)
            }
        }
    }
}
