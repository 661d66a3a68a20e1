import Foundation
import PolicykollYAML
import Testing

/// The CI integrations in `examples/ci/` and `.pre-commit-hooks.yaml` are valid YAML and use
/// only flags that `policykoll check` has.
@Suite("CI integration examples")
struct CIExamplesTests {
    static let files = ["examples/ci/github-actions.yml", "examples/ci/gitlab-ci.yml", ".pre-commit-hooks.yaml"]

    @Test("each file is valid YAML and every policykoll flag it uses exists", arguments: files)
    func flagsExist(file: String) async throws {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(file), encoding: .utf8)
        let stream = YAMLLoader.load(text)
        #expect(!stream.hasErrors, "\(stream.diagnostics.map(\.problem.message))")
        #expect(stream.documents.count == 1)

        let help = await CLI.run(["check", "--help"])
        #expect(help.status == 0)
        let invocations = text.components(separatedBy: "policykoll check").dropFirst()
        #expect(!invocations.isEmpty, "\(file) runs policykoll check")
        for invocation in invocations {
            // Up to the end of the command (a line that does not continue it).
            let command =
                invocation.prefix { $0 != "\n" }
                + invocation.split(separator: "\n").dropFirst().prefix { line in
                    line.trimmingCharacters(in: .whitespaces).hasPrefix("--")
                }.joined(separator: " ")
            let flags = command.split(whereSeparator: { $0 == " " || $0 == "\\" }).filter { $0.hasPrefix("--") }
            for flag in flags {
                #expect(help.stdout.contains(String(flag)), "\(file): \(flag) is not an option of policykoll check")
            }
        }
    }

    @Test("the pre-commit hook names policykoll as a Swift hook")
    func preCommit() throws {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        let hook = try #require(YAMLLoader.load(text).documents.first?.root.items?.first)
        #expect(hook["id"]?.string == "policykoll")
        #expect(hook["language"]?.string == "swift")
        #expect(hook["entry"]?.string?.hasPrefix("policykoll check") == true)
    }
}
