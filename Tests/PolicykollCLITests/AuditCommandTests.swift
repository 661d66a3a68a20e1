import Foundation
import InventoryGenerator
import PolicykollTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A generated inventory of several hundred systems across organisations, written once per test
/// run into a temporary folder (never committed).
enum GeneratedInventory {
    static let count = 300
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("policykoll-audit-\(UUID().uuidString)")
        for file in InventoryGenerator(seed: 2026).files(count: count) {
            let target = url.appendingPathComponent(file.path)
            try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(file.text.utf8).write(to: target)
        }
        return url
    }()
    static var path: String { folder.path }
}

@Suite("policykoll audit and history, end to end on a generated inventory")
struct AuditCommandTests {
    let asOf = ["--as-of", "2026-11-26"]

    @Test("JSON: every system, every organisation, the fixed shape; exit 0 although there are findings")
    func json() async throws {
        let result = await CLI.run(["audit", GeneratedInventory.path, "--format", "json"] + asOf)
        #expect(result.status == 0, "\(result.summary)")
        let report = try #require(result.json())
        let systems = try #require(report["systems"] as? [[String: Any]])
        #expect(systems.count == GeneratedInventory.count)
        let compliance = try #require(report["compliance"] as? [String: Any])
        let overall = try #require(compliance["overall"] as? Double)
        #expect(overall > 0 && overall < 100)
        #expect((compliance["areas"] as? [[String: Any]])?.count == 4)
        let organisations = try #require(compliance["organisations"] as? [[String: Any]])
        #expect(organisations.count == InventoryGenerator.organisations.count)
        #expect(organisations.reduce(0) { $0 + ($1["systems"] as? Int ?? 0) } == GeneratedInventory.count)
        #expect((report["errors"] as? [Any])?.isEmpty == true)
        #expect(report["asOf"] as? String == "2026-11-26")
        #expect((report["policy"] as? [String: Any])?["name"] as? String == "goteborg")
    }

    @Test("HTML (the default), CSV and Markdown are produced; the HTML is self-contained and Swedish by default")
    func otherFormats() async throws {
        let html = await CLI.run(["audit", GeneratedInventory.path] + asOf)
        #expect(html.status == 0, "\(html.summary)")
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
        #expect(html.stdout.contains("Efterlevnadsrevision"))
        for forbidden in ["<script", "src=", "<link", "@import", "url("] {
            #expect(!html.stdout.contains(forbidden), "\(forbidden)")
        }
        let english = await CLI.run(["audit", GeneratedInventory.path, "--lang", "en"] + asOf)
        #expect(english.stdout.contains("<html lang=\"en\">") && english.stdout.contains("Compliance audit"))

        let csv = await CLI.run(["audit", GeneratedInventory.path, "--format", "csv"] + asOf)
        #expect(csv.status == 0)
        #expect(csv.stdoutData.starts(with: [0xEF, 0xBB, 0xBF]))
        let rules = await CLI.run(["rules", "--format", "json"])
        let ruleCount = (rules.json()?["rules"] as? [Any])?.count ?? 0
        #expect(ruleCount > 40)
        let records = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(records.count == 1 + GeneratedInventory.count * ruleCount)
        #expect(csv.stdout.contains("Äldre samt vård- och omsorgsförvaltningen;"))

        let markdown = await CLI.run(["audit", GeneratedInventory.path, "--format", "markdown", "--lang", "en"] + asOf)
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("# Compliance audit"))
        #expect(markdown.stdout.contains("## By area") && markdown.stdout.contains("## By organisation"))
    }

    @Test("a broken file and a duplicate id: exit 2, the report still covers everything readable and lists what was not")
    func brokenInput() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(at: GeneratedInventory.folder, to: folder.file("inventory"))
        try Data("apiVersion: policykoll/v1\nkind: System\nmetadata: [unclosed\n".utf8).write(
            to: folder.file("inventory/trafikkontoret/broken.yaml"))
        let someID = InventoryGenerator.id(0)
        try Data(
            "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: \(someID), name: Dubblett, organisation: X}\nspec: {}\n".utf8
        )
        .write(to: folder.file("inventory/trafikkontoret/duplicate.yaml"))
        let result = await CLI.run(["audit", "inventory", "--format", "json"] + asOf, in: folder.url)
        #expect(result.status == 2, "\(result.summary)")
        let report = try #require(result.json())
        #expect((report["systems"] as? [Any])?.count == GeneratedInventory.count)
        let files = (report["errors"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        #expect(files.contains("inventory/trafikkontoret/broken.yaml"))
        #expect(files.contains("inventory/trafikkontoret/duplicate.yaml"))
        #expect(result.stderr.contains("broken.yaml"))
        // The duplicate id is shown with its line, as `check` shows it.
        #expect(result.stderr.contains("metadata: {id: \(someID), name: Dubblett"), "\(result.stderr)")

        let html = await CLI.run(["audit", "inventory"] + asOf, in: folder.url)
        #expect(html.status == 2)
        #expect(html.stdout.contains("id=\"indatafel\"") && html.stdout.contains("inventory/trafikkontoret/broken.yaml"))
    }

    @Test("usage errors exit 2; the report never overwrites an input file")
    func usage() async throws {
        let input = try #require(
            FileManager.default.enumerator(atPath: GeneratedInventory.path)?.compactMap { $0 as? String }.first {
                $0.hasSuffix(".yaml")
            })
        let path = GeneratedInventory.folder.appendingPathComponent(input).path
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = await CLI.run(["audit", GeneratedInventory.path, "--output", path] + asOf)
        #expect(result.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // Nor is an input recorded into as a history database.
        let recorded = await CLI.run(["audit", GeneratedInventory.path, "--history", path, "--label", "x"] + asOf)
        #expect(recorded.status == 2)
        #expect(recorded.stderr.contains("it is one of the input files"), "\(recorded.summary)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // Nor is the report written over the history, and the refusal names it.
        let history = try TemporaryFolder()
        defer { history.remove() }
        let database = history.file("h.sqlite").path
        let overHistory = await CLI.run(
            ["audit", GeneratedInventory.path, "--history", database, "--label", "x", "--output", database] + asOf)
        #expect(overHistory.status == 2)
        #expect(overHistory.stderr.contains("this run reads it (an input, the rule pack"), "\(overHistory.summary)")
        #expect(overHistory.stderr.contains("the audit history)"), "\(overHistory.summary)")
        #expect(await CLI.run(["audit"]).status == 2)
        // An inventory of nothing but other YAML is no inventory.
        let other = try TemporaryFolder()
        defer { other.remove() }
        try Data("name: another tool\n".utf8).write(to: other.file("tool.yaml"))
        let nothing = await CLI.run(["audit", other.url.path, "--format", "json"] + asOf)
        #expect(nothing.status == 2, "\(nothing.summary)")
        #expect(nothing.stderr.contains("no declaration found"), "\(nothing.summary)")
        let twice = await CLI.run(["audit", "-", "--exceptions", "-"])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("standard input (-) can be read only once"), "\(twice.summary)")
        #expect(await CLI.run(["audit", GeneratedInventory.path, "--history", "h.sqlite"]).status == 2)
        #expect(await CLI.run(["audit", GeneratedInventory.path, "--label", "2026"]).status == 2)
        // Labels that would look like another audit's, or blank, are refused.
        for label in ["2026 ", " ", "20\u{1B}[1m26"] {
            let refused = await CLI.run(["audit", GeneratedInventory.path, "--history", "h.sqlite", "--label", label])
            #expect(refused.status == 2, "\(label.debugDescription)")
            #expect(refused.stderr.contains("--label must not"), "\(refused.summary)")
        }
        #expect(await CLI.run(["audit", GeneratedInventory.path, "--format", "pdf"]).status == 2)
        #expect(await CLI.run(["history", "/nonexistent/history.sqlite"]).status == 2)
    }

    @Test("two recorded audits show a trend; recording leaves the report itself unchanged; a label is used once")
    func history() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = folder.file("history.sqlite").path
        let plain = await CLI.run(["audit", GeneratedInventory.path, "--as-of", "2025-11-26"])
        let recorded = await CLI.run(
            ["audit", GeneratedInventory.path, "--as-of", "2025-11-26", "--history", database, "--label", "2025"])
        #expect(recorded.status == 0, "\(recorded.summary)")
        // With no earlier audit in the history, the report is byte for byte the one without it.
        #expect(recorded.stdoutData == plain.stdoutData)

        let again = await CLI.run(
            ["audit", GeneratedInventory.path, "--as-of", "2025-11-26", "--history", database, "--label", "2025"])
        #expect(again.status == 2)
        #expect(again.stdout.isEmpty)
        #expect(again.stderr.contains("already recorded"))
        let replaced = await CLI.run(
            [
                "audit", GeneratedInventory.path, "--as-of", "2025-11-26", "--history", database, "--label", "2025", "--replace",
                "--format", "csv",
            ])
        #expect(replaced.status == 0)

        let second = await CLI.run(
            ["audit", GeneratedInventory.path, "--format", "json", "--history", database, "--label", "2026"] + asOf)
        #expect(second.status == 0, "\(second.summary)")
        let trend = try #require(second.json()?["trend"] as? [String: Any])
        #expect((trend["previous"] as? [String: Any])?["label"] as? String == "2025")
        #expect((trend["areas"] as? [[String: Any]])?.count == 4)
        #expect((trend["organisations"] as? [[String: Any]])?.count == InventoryGenerator.organisations.count)
        let html = await CLI.run(
            ["audit", GeneratedInventory.path, "--history", database, "--label", "2026", "--replace"] + asOf)
        #expect(html.stdout.contains("id=\"forandring\"") && html.stdout.contains("Förändring sedan 2025"))

        let listing = await CLI.run(["history", database, "--format", "json"])
        #expect(listing.status == 0, "\(listing.summary)")
        let audits = try #require(listing.json()?["audits"] as? [[String: Any]])
        #expect(audits.map { $0["label"] as? String } == ["2025", "2026"])
        #expect(audits.allSatisfy { ($0["systems"] as? Int) == GeneratedInventory.count })
        let areas = try #require(listing.json()?["areas"] as? [[String: Any]])
        #expect(areas.count == 4)
        #expect(areas.allSatisfy { ($0["values"] as? [Any])?.count == 2 && $0["change"] is Double })
        let text = await CLI.run(["history", database, "--lang", "en"])
        #expect(text.stdout.contains("Audits recorded in") && text.stdout.contains("By organisation"))
        let markdown = await CLI.run(["history", database, "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# Efterlevnad över tid"))
    }

    /// Whether tests can read a file as a user who may not write its folder: root, with setpriv.
    static let canDropToNobody = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    @Test(
        "history reads a WAL history in a folder the reader may not write to, and leaves no side files",
        .enabled(if: canDropToNobody, "needs root and setpriv to read as another user"))
    func readOnlyHistory() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = folder.file("history.sqlite").path
        let recorded = await CLI.run(
            ["audit", GeneratedInventory.path, "--history", database, "--label", "2026", "--format", "json"] + asOf)
        #expect(recorded.status == 0, "\(recorded.summary)")
        // The folder and the database belong to root and only it may write them.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: database)
        let binary = try #require(CLI.binary)
        let asNobody = await CLI.run(
            ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path, "history", database, "--format", "json"],
            executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        #expect(asNobody.status == 0, "\(asNobody.summary)")
        #expect((asNobody.json()?["audits"] as? [[String: Any]])?.map { $0["label"] as? String } == ["2026"])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(files == ["history.sqlite"], "\(files)")

        // A write-ahead log with content would be ignored by an immutable read: refused, and said why.
        try Data(repeating: 1, count: 4096).write(to: URL(fileURLWithPath: database + "-wal"))
        let withLog = await CLI.run(
            ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path, "history", database],
            executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        #expect(withLog.status == 2, "\(withLog.summary)")
        #expect(withLog.stderr.contains("its write-ahead log (\(database)-wal) holds recorded audits"), "\(withLog.summary)")
    }

    @Test("a pipe given as the history is refused at once, to read or to record, instead of waited on")
    func pipeAsHistory() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pipe = folder.file("history.sqlite").path
        #expect(mkfifo(pipe, 0o644) == 0)
        let read = await CLI.runBounded(["history", pipe])
        #expect(read.status == 2, "\(read.summary)")
        #expect(read.stderr.contains("it is not a regular file (a pipe, socket or device)"), "\(read.summary)")
        let record = await CLI.runBounded(
            ["audit", GeneratedInventory.path, "--history", pipe, "--label", "2026", "--format", "json"] + asOf)
        #expect(record.status == 2, "\(record.summary)")
        #expect(record.stderr.contains("it is not a regular file"), "\(record.summary)")
    }

    @Test("every audit format is the same on one core as on all", arguments: ["html", "json", "markdown"])
    func sameOnEveryCore(format: String) async throws {
        let arguments = ["audit", GeneratedInventory.path, "--format", format] + asOf
        let oneCore = await CLI.run(arguments, environment: ["POLICYKOLL_THREADS": "1"])
        let allCores = await CLI.run(arguments, environment: ["POLICYKOLL_THREADS": "4"])
        #expect(oneCore.status == allCores.status)
        #expect(oneCore.stdoutData.count > 1_000)
        #expect(oneCore.stdoutData == allCores.stdoutData)
    }

    @Test("two audits recorded into the same new database at once both succeed and are both there")
    func concurrentRecording() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = folder.file("history.sqlite").path
        async let first = CLI.run(
            ["audit", GeneratedInventory.path, "--format", "json", "--history", database, "--label", "a"] + asOf)
        async let second = CLI.run(
            ["audit", GeneratedInventory.path, "--format", "json", "--history", database, "--label", "b"] + asOf)
        let results = await [first, second]
        for result in results { #expect(result.status == 0, "\(result.summary)") }
        let listing = await CLI.run(["history", database, "--format", "json"])
        let audits = try #require(listing.json()?["audits"] as? [[String: Any]])
        #expect(Set(audits.compactMap { $0["label"] as? String }) == ["a", "b"])
        #expect(audits.allSatisfy { ($0["systems"] as? Int) == GeneratedInventory.count })
    }

    @Test(
        "the HTML renders in headless Chromium",
        .enabled(
            if: ExternalTool.find("chromium") != nil,
            "Chromium is not installed (Debian: apt-get install chromium); the audit HTML is not rendered"))
    func chromium() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let page = folder.file("audit.html")
        let result = await CLI.run(["audit", GeneratedInventory.path, "--output", page.path] + asOf)
        #expect(result.status == 0)
        let chromium = try #require(ExternalTool.find("chromium"))
        let shot = folder.file("audit.png")
        let run = try ExternalTool.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2000",
                "--user-data-dir=\(folder.file("profile").path)", "--screenshot=\(shot.path)", page.absoluteString,
            ])
        #expect(run.status == 0, "\(run.output)")
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 50_000, "a blank page would compress to a few kilobytes")
    }
}
