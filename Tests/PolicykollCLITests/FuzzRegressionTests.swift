import Foundation
import Testing

@testable import FuzzRulePack
@testable import FuzzYAML

/// Every input the fuzzers once crashed on (`Tests/Fixtures/fuzz-regressions/`, see
/// docs/fuzzing.md), replayed through the fuzz targets' own functions and through their replay
/// executables.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let root = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/fuzz-regressions")

    static func inputs(_ target: String) -> [String] {
        let folder = root.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(target)/\($0)" }
    }

    @Test("Each regression input runs through its fuzz target without a crash", arguments: inputs("yaml") + inputs("rulepack"))
    func replay(_ input: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent(input)))
        if input.hasPrefix("yaml/") {
            YAMLFuzzer.run(bytes)
            RulePackFuzzer.run(bytes)
        } else {
            RulePackFuzzer.run(bytes)
            YAMLFuzzer.run(bytes)
        }
    }

    @Test("The replay executables run the whole regression corpus", arguments: ["FuzzYAML", "FuzzRulePack"])
    func replayExecutable(_ name: String) async throws {
        let executable = try #require(CLI.binary?.deletingLastPathComponent().appendingPathComponent(name))
        let result = await CLI.run([Self.root.path], executable: executable)
        #expect(result.status == 0, "\(result.summary)")
        #expect(result.stdout.contains("\(name): replayed"), "\(result.summary)")
    }
}
