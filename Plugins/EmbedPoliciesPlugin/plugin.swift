import Foundation
import PackagePlugin

/// Embeds the top-level `policies/` folder into the `EmbeddedPolicies` target as Swift source,
/// so the default rule pack travels inside the `policykoll` binary.
@main
struct EmbedPoliciesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let policies = context.package.directoryURL.appending(path: "policies")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPolicyFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding the default rule pack from policies/",
                executable: try context.tool(named: "policykoll-embed").url,
                arguments: [policies.path(percentEncoded: false), output.path(percentEncoded: false)],
                inputFiles: policyFiles(under: policies),
                outputFiles: [output]
            )
        ]
    }

    /// Every YAML file under the folder, so a change to any of them re-runs the embedding.
    private func policyFiles(under folder: URL) -> [URL] {
        // A checkout without policies/ still builds: the embedded pack is then empty.
        guard FileManager.default.fileExists(atPath: folder.path(percentEncoded: false)),
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        else {
            return []
        }
        var files: [URL] = [folder]
        for case let url as URL in enumerator where ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
