import InventoryGenerator
import PolicykollCore
import PolicykollTestSupport
import Testing

@Suite("The synthetic inventory generator")
struct InventoryGeneratorTests {
    @Test("it is deterministic, spreads systems over organisations, and every file is a valid declaration")
    func validAndDeterministic() throws {
        let files = InventoryGenerator(seed: 7).files(count: 60)
        #expect(files.map(\.text) == InventoryGenerator(seed: 7).files(count: 60).map(\.text))
        #expect(files.map(\.text) != InventoryGenerator(seed: 8).files(count: 60).map(\.text))
        #expect(Set(files.map { $0.path.split(separator: "/").first! }).count == InventoryGenerator.organisations.count)
        let sizes = files.map(\.text.utf8.count)
        #expect(sizes.allSatisfy { (1500...4500).contains($0) }, "\(sizes.min()!)–\(sizes.max()!) bytes")

        let validator = DeclarationValidator()
        var ids: Set<String> = []
        for file in files {
            let loaded = DeclarationLoader.load(SourceFile(name: file.path, text: file.text), validator: validator)
            #expect(loaded.diagnostics.isEmpty, "\(file.path): \(loaded.diagnostics.map(\.message))")
            #expect(loaded.declarations.count == 1)
            if let id = loaded.declarations.first?.id { ids.insert(id) }
        }
        #expect(ids.count == files.count)
    }
}
