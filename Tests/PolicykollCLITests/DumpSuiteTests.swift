import Foundation
import PolicykollCore
import PolicykollYAML
import Testing

/// The official YAML test suite read through `policykoll dump`: the command prints exactly the
/// data the loader produces (whose conformance the YAML tests check case by case) and exits 2
/// exactly when the loader rejects the file.
@Suite("yaml-test-suite through policykoll dump")
struct DumpSuiteTests {
    static let suite = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/yaml-test-suite")

    static var suiteIsPresent: Bool {
        FileManager.default.fileExists(atPath: suite.appendingPathComponent("229Q/in.yaml").path)
    }

    static func caseFiles() -> [URL] {
        guard let enumerator = FileManager.default.enumerator(atPath: suite.path) else { return [] }
        var files: [URL] = []
        for case let relative as String in enumerator where relative.hasSuffix("in.yaml") {
            files.append(suite.appendingPathComponent(relative))
        }
        return files.sorted { $0.path < $1.path }
    }

    @Test(
        "every case: dump prints the loader's documents and exits 2 exactly on errors",
        .enabled(if: suiteIsPresent, "../shared/yaml-test-suite is absent; skipped"))
    func dumpMatchesLoader() async throws {
        var agreed = 0
        var rejected = 0
        for file in Self.caseFiles() {
            let bytes = try [UInt8](Data(contentsOf: file))
            let stream = YAMLLoader.load(bytes)
            let expected = stream.documents.map { $0.root.jsonValue.compactText + "\n" }.joined()
            let result = await CLI.run(["dump", file.path])
            let shouldFail = stream.hasErrors || stream.documents.isEmpty
            #expect(result.status == (shouldFail ? 2 : 0), "\(file.path): \(result.summary)")
            #expect(result.stdout == expected, "\(file.path)")
            if shouldFail {
                rejected += 1
                #expect(result.stderr.contains(": error: "), "\(file.path): \(result.summary)")
            } else {
                agreed += 1
            }
        }
        print("yaml-test-suite through dump: \(agreed) files dumped, \(rejected) rejected with exit 2")
        #expect(agreed + rejected > 300)
    }
}
