import ArgumentParser
import PolicykollCore
import PolicykollReporters
import PolicykollYAML

extension PackLoading {
    /// Loads the pack for a command that needs it, printing every diagnostic in compiler style on
    /// standard error; an invalid pack (or a path that cannot be read) exits 2.
    static func loadOrExit(_ policyPaths: [String]) throws -> RulePack {
        let loaded = load(policyPaths)
        if !loaded.diagnostics.isEmpty {
            let style = CompilerStyle(useColor: Console.useColor(fileDescriptor: 2))
            var lines: [String: SourceLines] = [:]
            for file in loaded.files { lines[file.name] = SourceLines(file.bytes) }
            for diagnostic in loaded.diagnostics {
                Console.error(style.render(diagnostic, lines: lines[diagnostic.file]))
            }
        }
        guard let pack = loaded.pack else { throw ExitStatus.usage.exitCode }
        return pack
    }
}
