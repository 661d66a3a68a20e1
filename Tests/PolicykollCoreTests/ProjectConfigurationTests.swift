import PolicykollCore
import PolicykollYAML
import Testing

@Suite("Configuration file: located errors, in line order")
struct ProjectConfigurationTests {
    @Test("unknown keys and wrong values are reported together, in the order of the file")
    func errorsInLineOrder() {
        let text = "failon: x\npolicy: 5\nlang: de\nformat: [json]\n"
        let loaded = ProjectConfiguration.load(SourceFile(name: ".policykoll.yaml", text: text), folder: ".")
        #expect(loaded.configuration == nil)
        #expect(
            loaded.diagnostics.map { "\($0.mark?.description ?? "-") \($0.message)" } == [
                "1:1 unknown key 'failon' in the configuration; did you mean 'failOn'?",
                "2:9 'policy' must be a path or a list of paths, found an integer",
                "3:7 'lang' must be one of sv, en, found 'de'",
                "4:1 unknown key 'format' in the configuration",
            ])
    }

    @Test("a wrong kind is quoted when it is a string, and named by its type otherwise")
    func wrongKind() {
        for (text, message) in [
            ("kind: Settings\n", "1:7 'kind' must be 'Config', found 'Settings'"),
            ("kind: [Config]\n", "1:7 'kind' must be 'Config', found a list"),
        ] {
            let loaded = ProjectConfiguration.load(SourceFile(name: ".policykoll.yaml", text: text), folder: ".")
            #expect(loaded.diagnostics.map { "\($0.mark?.description ?? "-") \($0.message)" } == [message])
        }
    }

    @Test("an output's unknown format is a located error; the formats are check's (design §5)")
    func unknownFormat() {
        let loaded = ProjectConfiguration.load(
            SourceFile(name: ".policykoll.yaml", text: "outputs:\n  - {format: pdf}\n"), folder: ".")
        #expect(loaded.configuration == nil)
        #expect(
            loaded.diagnostics.map { "\($0.mark?.description ?? "-") \($0.message)" } == [
                "2:14 'format' must be one of text, json, sarif, junit, markdown, github, found 'pdf'"
            ])
        #expect(ProjectConfiguration.formats == ["text", "json", "sarif", "junit", "markdown", "github"])
    }

    @Test("baseline takes one path: a list is an error, not cut to its first")
    func oneBaseline() {
        let loaded = ProjectConfiguration.load(
            SourceFile(name: ".policykoll.yaml", text: "baseline: [a.json, b.json]\n"), folder: ".")
        #expect(loaded.configuration == nil)
        #expect(
            loaded.diagnostics.map { "\($0.mark?.description ?? "-") \($0.message)" } == [
                "1:11 'baseline' must be a path, found a list"
            ])
    }

    @Test("a trailing --- is passed over; a second document with something in it is an error")
    func emptyDocuments() {
        let trailing = ProjectConfiguration.load(SourceFile(name: ".policykoll.yaml", text: "lang: en\n---\n"), folder: ".")
        #expect(trailing.diagnostics.isEmpty)
        #expect(trailing.configuration != nil)
        let two = ProjectConfiguration.load(SourceFile(name: ".policykoll.yaml", text: "lang: en\n---\nlang: sv\n"), folder: ".")
        #expect(two.configuration == nil)
        #expect(two.diagnostics.map(\.message) == ["a configuration file holds one YAML document"])
    }
}
