import Foundation
import PolicykollCore
import PolicykollTestSupport
import PolicykollYAML
import Testing

@Suite("The declaration schema, the init template and condition descriptions")
struct SchemaAndTemplateTests {
    static func schema() throws -> [String: Any] {
        let data = Data(DeclarationSchema.json.prettyText.utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("the schema parses as JSON, is draft 2020-12 and names every section of design §3")
    func schemaSections() throws {
        let schema = try Self.schema()
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["$id"] as? String == DeclarationSchema.id)
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == ["apiVersion", "kind", "metadata", "spec"])
        let spec = try #require(properties["spec"] as? [String: Any])
        let sections = try #require(spec["properties"] as? [String: Any])
        #expect(Set(sections.keys) == Set(DeclarationSchema.specSections))
        #expect(DeclarationSchema.specSections.count == 9)
        #expect(spec["additionalProperties"] as? Bool == true, "v1: add fields freely")
        let metadata = try #require(properties["metadata"] as? [String: Any])
        #expect(metadata["required"] as? [String] == ["id", "name", "organisation"])
    }

    @Test("schema fields carry types, enums, ranges, date formats and Swedish and English descriptions")
    func schemaDetails() throws {
        let schema = try Self.schema()
        func node(_ path: [String]) -> [String: Any]? {
            var current: [String: Any]? = schema
            for key in path { current = (current?["properties"] as? [String: Any])?[key] as? [String: Any] }
            return current
        }
        let confidentiality = try #require(node(["spec", "security", "classification", "confidentiality"]))
        #expect(confidentiality["type"] as? String == "integer")
        #expect(confidentiality["minimum"] as? Int == 0 && confidentiality["maximum"] as? Int == 4)
        #expect((confidentiality["x-description-sv"] as? String)?.contains("Konfidentialitet") == true)
        #expect((confidentiality["x-description-en"] as? String)?.contains("Confidentiality") == true)
        #expect(node(["spec", "lifecycle", "since"])?["format"] as? String == "date")
        #expect(
            node(["spec", "lifecycle", "status"])?["enum"] as? [String] == [
                "planned", "procurement", "development", "production", "retiring", "retired",
            ])
        #expect(node(["spec", "service", "identification", "assuranceLevel"])?["enum"] as? [Int] == [2, 3, 4])
        #expect(node(["metadata", "id"])?["pattern"] as? String == "^[a-z0-9][a-z0-9-]*$")
        let audience = node(["spec", "service", "audience"])?["items"] as? [String: Any]
        #expect(audience?["enum"] as? [String] == ["residents", "visitors", "business", "employees"])
    }

    @Test("the init template is a valid declaration in both languages")
    func template() throws {
        for language in Language.allCases {
            let text = DeclarationTemplate.text(language)
            let stream = YAMLLoader.load(Array(text.utf8))
            #expect(stream.diagnostics.isEmpty, "\(language): \(stream.diagnostics)")
            let document = try #require(stream.documents.first)
            let (declaration, problems) = DeclarationValidator().validate(document, file: "template.yaml")
            #expect(problems.isEmpty, "\(language): \(problems.map(\.message))")
            #expect(declaration?.id == "mitt-system")
            #expect(!text.contains("#sv:") && !text.contains("#en:"))
            // Optional fields that rules read are there to uncomment.
            for field in ["channelRegister", "highValue", "deviation", "protectionAnalysis", "thirdCountryTransfer"] {
                #expect(text.contains("#\(field): "), "\(field)")
            }
        }
        #expect(DeclarationTemplate.text(.sv) != DeclarationTemplate.text(.en))
    }

    @Test("each optional field of the init template is tied to a principle whose rules read it")
    func templatePrinciples() throws {
        let packFiles = InputCollector.readAll([Golden.packageRoot.path + "/policies"])
        let pack = try #require(RulePackLoader.load(packFiles.files).pack)
        let lines = DeclarationTemplate.text(.en).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var checked = 0
        // A hint `# ARK-1: …` stands right above the commented field `#protectionAnalysis: …`.
        let hintPattern = #/^# ([A-Z]{3}-[0-9]+): /#
        let fieldPattern = #/^#([a-zA-Z]+): /#
        for (hint, field) in zip(lines, lines.dropFirst()) {
            guard let principle = try hintPattern.prefixMatch(in: hint)?.1,
                let name = try fieldPattern.prefixMatch(in: field)?.1
            else { continue }
            let readers = pack.rules.filter { rule in
                rule.principle == principle
                    && ([rule.when, rule.assertion].compactMap(\.self).flatMap { $0.describe(.en) }).contains {
                        $0.contains(name)
                    }
            }
            #expect(!readers.isEmpty, "the template says \(principle) for \(name), but no rule of \(principle) reads it")
            checked += 1
        }
        #expect(checked == 5)
    }

    @Test("conditions are described readably in both languages")
    func describe() throws {
        let loaded = Fixtures.pack(
            rules: Fixtures.rule(
                assert:
                    "{all: [{path: spec.a, exists: true}, {not: {path: spec.b, equals: x}}, {each: spec.c, assert: {in: [1, 2]}}]}"
            ))
        let rule = try #require(loaded.pack?.rules.first)
        #expect(
            rule.assertion.describe(.en) == [
                "all of:", "  spec.a is present", "  spec.b is absent or is not 'x'", "  every element of spec.c:",
                "    the value is one of [1, 2]",
            ])
        #expect(rule.assertion.describe(.sv).first == "alla dessa gäller:")
        // notEquals is false on a missing value, not: {equals} true: the words tell them apart.
        let negative = try #require(
            Fixtures.pack(rules: Fixtures.rule(assert: "{path: spec.x, notEquals: true}")).pack?.rules.first)
        #expect(negative.assertion.describe(.en) == ["spec.x is present and not true"])
        #expect(negative.assertion.describe(.sv) == ["spec.x finns och är inte true"])
        let notIn = try #require(Fixtures.pack(rules: Fixtures.rule(assert: "{not: {path: spec.x, in: [a]}}")).pack?.rules.first)
        #expect(notIn.assertion.describe(.sv) == ["spec.x saknas eller är inte en av ['a']"])
        let element = try #require(
            Fixtures.pack(rules: Fixtures.rule(assert: "{each: spec.x, assert: {not: {in: [a]}}}")).pack?.rules.first)
        #expect(element.assertion.describe(.en) == ["every element of spec.x:", "  the value is not one of ['a']"])
    }
}
