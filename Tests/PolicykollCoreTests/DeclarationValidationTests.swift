import PolicykollCore
import PolicykollTestSupport
import PolicykollYAML
import Testing

@Suite("Declarations: the envelope is validated, each bad document located, the rest still checked")
struct DeclarationValidationTests {
    static let rules = Fixtures.rule(assert: "{path: spec.x, exists: true}")

    func errors(_ text: String) throws -> [Diagnostic] {
        try Fixtures.check(rules: Self.rules, declarations: [("d.yaml", text)]).errors
    }

    @Test("a valid declaration has no errors")
    func valid() throws {
        #expect(try errors(Fixtures.declarationText(spec: "  x: 1")).isEmpty)
    }

    @Test(
        "envelope problems",
        arguments: [
            (
                "apiVersion: policykoll/v2\nkind: System\nmetadata: {id: a, name: A, organisation: O}\nspec: {}\n",
                "unsupported apiVersion 'policykoll/v2'", 1, 13
            ),
            (
                "kind: System\nmetadata: {id: a, name: A, organisation: O}\nspec: {}\n", "required field 'apiVersion' is missing",
                1, 1
            ),
            (
                "name: x\n", "not a policykoll declaration: required fields 'apiVersion', 'kind', 'metadata', 'spec' are missing",
                1, 1
            ),
            (
                "apiVersion: policykoll/v1\nkind: Widget\nmetadata: {id: a, name: A, organisation: O}\nspec: {}\n",
                "unknown kind 'Widget'", 2, 7
            ),
            (
                "apiVersion: policykoll/v1\nkind: Rules\nmetadata: {id: a, name: A, organisation: O}\nspec: {}\n",
                "this is a Rules document, not a declaration", 2, 7
            ),
            // As it usually is: with none of a declaration's fields, still named for what it is.
            ("apiVersion: policykoll/v1\nkind: Rules\nrules: []\n", "this is a Rules document, not a declaration", 2, 7),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {name: A, organisation: O}\nspec: {}\n",
                "required field 'metadata.id' is missing", 3, 1
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: Bad_ID, name: A, organisation: O}\nspec: {}\n",
                "metadata.id 'Bad_ID' must be lowercase", 3, 16
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: 12, name: A, organisation: O}\nspec: {}\n",
                "'metadata.id' must be a string, found an integer", 3, 16
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a, name: \"\", organisation: O}\nspec: {}\n",
                "'metadata.name' must not be empty", 3, 25
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a, name: A}\nspec: {}\n",
                "required field 'metadata.organisation' is missing", 3, 1
            ),
            ("apiVersion: policykoll/v1\nkind: System\nmetadata: [a]\nspec: {}\n", "'metadata' must be a mapping", 3, 11),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a, name: A, organisation: O}\nspec: [1]\n",
                "'spec' must be a mapping, found a list", 4, 7
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a, name: A, organisation: O}\n",
                "required field 'spec' is missing", 1, 1
            ),
            (
                "apiVersion: policykoll/v1\nkind: System\nmetadata: {id: a, name: A, organisation: O, labels: [x]}\nspec: {}\n",
                "'metadata.labels' must be a mapping", 3, 53
            ),
            ("- just\n- a list\n", "a declaration must be a mapping", 1, 1),
            ("", "the file is empty", 1, 1),
            ("# only a comment\n", "the file is empty", 1, 1),
            ("# nothing here\n---\n---\n", "the file holds only empty documents", 2, 1),
        ])
    func envelope(text: String, message: String, line: Int, column: Int) throws {
        let found = try errors(text)
        let match = found.first { $0.message.contains(message) }
        #expect(match != nil, "expected '\(message)' in \(found.map(\.message))")
        #expect(match?.mark == Mark(line: line, column: column))
    }

    @Test("a bad document in a multi-document file does not stop the others")
    func multiDocument() throws {
        let text =
            Fixtures.declarationText(id: "one", spec: "  y: 1") + "\n---\nkind: System\n---\n"
            + Fixtures.declarationText(id: "two", spec: "  x: 1")
        let report = try Fixtures.check(rules: Self.rules, declarations: [("d.yaml", text)])
        #expect(report.results.map(\.declaration.id) == ["one", "two"])
        #expect(
            report.errors.map(\.message) == [
                "not a policykoll declaration: required fields 'apiVersion', 'metadata', 'spec' are missing"
            ])
        #expect(report.findings.map(\.declarationID) == ["one"])
    }

    @Test("empty documents (a trailing ---, --- twice between declarations) are passed over")
    func emptyDocumentsPassedOver() throws {
        let text =
            "---\n" + Fixtures.declarationText(id: "one", spec: "  y: 1") + "\n---\n---\n# a comment\n---\n"
            + Fixtures.declarationText(id: "two", spec: "  x: 1") + "\n---\n"
        let report = try Fixtures.check(rules: Self.rules, declarations: [("d.yaml", text)])
        #expect(report.results.map(\.declaration.id) == ["one", "two"])
        #expect(report.errors.isEmpty, "\(report.errors.map(\.message))")
    }

    @Test("a duplicate id across files is an error naming the first, and only the first is checked")
    func duplicateID() throws {
        let report = try Fixtures.check(
            rules: Self.rules,
            declarations: [
                ("a.yaml", Fixtures.declarationText(id: "same", spec: "  y: 1")),
                ("b.yaml", Fixtures.declarationText(id: "same", spec: "  x: 1")),
            ])
        #expect(report.results.count == 1)
        let error = try #require(report.errors.first)
        #expect(error.file == "b.yaml")
        #expect(error.mark == Mark(line: 4, column: 7))
        #expect(error.message == "duplicate metadata.id 'same'; it is already declared at a.yaml:4:7")
    }

    @Test("which of two declarations sharing an id is checked does not depend on the order of the inputs")
    func duplicateIDWhateverTheOrder() throws {
        let first = ("a/sys.yaml", Fixtures.declarationText(id: "same", spec: "  y: 1"))
        let second = ("b/sys.yaml", Fixtures.declarationText(id: "same", spec: "  x: 1"))
        let forward = try Fixtures.check(rules: Self.rules, declarations: [first, second])
        let backward = try Fixtures.check(rules: Self.rules, declarations: [second, first])
        for report in [forward, backward] {
            #expect(report.results.map(\.declaration.file) == ["a/sys.yaml"])
            #expect(
                report.errors.map { "\($0.file) \($0.message)" } == [
                    "b/sys.yaml duplicate metadata.id 'same'; it is already declared at a/sys.yaml:4:7"
                ])
        }
        #expect(forward.findings.map(\.file) == backward.findings.map(\.file))
    }

    @Test("a YAML error skips only its document; warnings never become errors")
    func yamlProblems() throws {
        let duplicate = Fixtures.declarationText(id: "dup", spec: "  x: 1\n  x: 2")
        let ambiguous = Fixtures.declarationText(id: "amb", spec: "  x: yes")
        let report = try Fixtures.check(rules: Self.rules, declarations: [("a.yaml", duplicate), ("b.yaml", ambiguous)])
        #expect(report.results.map(\.declaration.id) == ["amb"])
        #expect(report.errors.map(\.message) == ["duplicate key 'x' in this mapping (first defined at 8:3)"])
        #expect(report.warnings.count == 1)
        #expect(report.warnings.first?.message.hasPrefix("ambiguous boolean 'yes'") == true)
    }

    @Test("kinds named by the pack's rules are accepted as declarations")
    func packKinds() throws {
        let rules = """
              - id: R-1
                title: T
                severity: error
                area: a
                principle: P-1
                appliesTo: [Integration]
                assert: {path: spec.x, exists: true}

            """
        let report = try Fixtures.check(
            rules: rules, declarations: [("d.yaml", Fixtures.declarationText(kind: "Integration", spec: "  y: 1"))])
        #expect(report.errors.isEmpty)
        #expect(report.findings.count == 1)
    }

    @Test("a declaration is a value: changing a copy leaves the original as it was")
    func copyOnWrite() {
        let original = Declaration(
            apiVersion: "policykoll/v1", kind: "System", id: "a", name: "A", organisation: "O", file: "a.yaml",
            mark: Mark(line: 1, column: 1), idMark: Mark(line: 4, column: 7),
            root: YAMLNode(.null, mark: Mark(line: 1, column: 1)))
        var copy = original
        copy.id = "b"
        copy.root = YAMLNode(.string("changed"), mark: Mark(line: 2, column: 1))
        #expect(original.id == "a")
        #expect(original.root.isNull)
        #expect(copy.id == "b")
        #expect(copy.root.string == "changed")
        #expect(copy.file == original.file)
    }
}
