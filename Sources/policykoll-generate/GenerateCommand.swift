import ArgumentParser
import Foundation
import InventoryGenerator

/// `policykoll-generate`: writes a synthetic inventory for benchmarks and tests.
@main
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policykoll-generate",
        abstract: "Write a deterministic synthetic inventory of v1 system declarations.",
        discussion: "One file per system, one folder per organisation; the same seed gives the same files.")

    @Option(name: .long, help: "How many declarations.")
    var count: Int = 1000

    @Option(name: .long, help: "The folder to write (created; existing generated files are replaced).")
    var output: String

    @Option(name: .long, help: "The random seed.")
    var seed: UInt64 = 2026

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        let root = URL(fileURLWithPath: output)
        let generator = InventoryGenerator(seed: seed)
        var folders: Set<String> = []
        for index in 0..<count {
            let file = generator.file(index: index, count: count)
            let url = root.appendingPathComponent(file.path)
            let folder = url.deletingLastPathComponent().path
            if folders.insert(folder).inserted {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            try Data(file.text.utf8).write(to: url)
        }
        print("wrote \(count) declarations to \(output)")
    }
}
