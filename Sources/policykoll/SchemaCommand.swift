import ArgumentParser
import PolicykollCore

/// `policykoll schema`: the JSON Schema of v1 declarations, for editors and validators.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of v1 declarations, with Swedish and English descriptions.",
        discussion: """
            Save it and point an editor at it with a first line such as \
            '# yaml-language-server: $schema=declaration.schema.json'.
            """
    )

    func run() throws {
        Console.out(DeclarationSchema.json.prettyText + "\n")
    }
}
