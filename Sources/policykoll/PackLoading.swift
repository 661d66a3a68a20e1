import EmbeddedPolicies
import PolicykollCore

/// Finds and loads the rule pack: the `--policy` paths, or the pack embedded in the binary.
enum PackLoading {
    /// The files of the pack, and problems with the paths given.
    static func files(for policyPaths: [String]) -> (files: [SourceFile], problems: [Diagnostic]) {
        guard !policyPaths.isEmpty else {
            let files = EmbeddedPolicies.files.map {
                SourceFile(name: EmbeddedPolicies.locationPrefix + $0.path, text: $0.text)
            }
            return (files, [])
        }
        return InputCollector.readAll(policyPaths)
    }

    /// The loaded pack, or the diagnostics that prevent it (always at least one error then), and
    /// what an invalid pack's files say of it (``RulePackLoader/Result/withoutRules``).
    static func load(_ policyPaths: [String]) -> (
        pack: RulePack?, diagnostics: [Diagnostic], files: [SourceFile], withoutRules: RulePack?
    ) {
        let (files, problems) = files(for: policyPaths)
        let result = RulePackLoader.load(files)
        let diagnostics = (problems + result.diagnostics).sorted(by: Diagnostic.ordered)
        guard problems.allSatisfy({ $0.severity != .error }) else {
            return (nil, diagnostics, files, result.pack?.withoutRules() ?? result.withoutRules)
        }
        return (result.pack, diagnostics, files, result.withoutRules)
    }
}
