import Testing

@testable import PolicykollYAML

@Suite("Anchors and aliases")
struct AliasTests {
    @Test("an alias of a scalar")
    func scalarAlias() {
        let document = root("a: &v 42\nb: *v\nc: [*v, *v]\n")
        #expect(document["b"]?.value == .int(42))
        #expect(document["c"]?.data == .array([.number(42), .number(42)]))
    }

    @Test("an alias of a collection is a full copy")
    func collectionAlias() {
        let document = root("defaults: &d\n  retries: 3\n  hosts: [a, b]\nprod: *d\n")
        #expect(document["prod"]?.data == document["defaults"]?.data)
        #expect(document["prod"]?["hosts"]?.items?.count == 2)
    }

    @Test("an alias as a key uses the anchored scalar's text")
    func aliasAsKey() {
        let document = root("k: &key name\n*key : value\n")
        #expect(document["name"]?.string == "value")
    }

    @Test("a redefined anchor refers to its latest node")
    func redefinedAnchor() {
        let document = root("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
        #expect(document["b"]?.value == .int(1))
        #expect(document["d"]?.value == .int(2))
    }

    @Test("an unknown anchor is an error at the alias")
    func unknownAnchor() throws {
        let stream = load("a: 1\nb: *missing\n")
        let diagnostic = try #require(stream.errors.first)
        #expect(diagnostic.problem == .unknownAnchor("missing"))
        #expect(diagnostic.mark == Mark(line: 2, column: 4))
        #expect(diagnostic.problem.message.contains("*missing"))
        #expect(stream.documents.first?.hasErrors == true)
        #expect(stream.documents.first?.root["b"]?.isNull == true)
    }

    @Test("an alias used before its anchor is unknown")
    func aliasBeforeAnchor() {
        #expect(load("a: *x\nb: &x 1\n").errors.map(\.problem) == [.unknownAnchor("x")])
    }

    @Test("anchors do not carry over to the next document")
    func anchorsPerDocument() {
        let stream = load("a: &x 1\n---\nb: *x\n")
        #expect(stream.errors.map(\.problem) == [.unknownAnchor("x")])
        #expect(stream.errors.map(\.documentIndex) == [1])
    }

    @Test(
        "a recursive alias is an error", arguments: ["&a [*a]", "&a {k: *a}", "&a\n- x\n- *a\n", "top: &a\n  inner:\n    - *a\n"])
    func recursiveAlias(text: String) throws {
        let stream = load(text)
        let diagnostic = try #require(stream.errors.first)
        #expect(stream.errors.count == 1)
        #expect(diagnostic.problem == .recursiveAlias("a"))
        #expect(diagnostic.problem.message.contains("recursive"))
    }

    @Test("an alias inside the node that redefines its anchor is recursive, not the older node")
    func recursiveAfterRedefinition() {
        let stream = load("first: &a 1\nsecond: &a [*a]\n")
        #expect(stream.errors.map(\.problem) == [.recursiveAlias("a")])
    }

    @Test("an alias to a sibling inside the same collection is fine")
    func siblingAlias() {
        let document = root("[&a x, *a, {k: &b z, l: *b}]")
        #expect(document.data == .array([.string("x"), .string("x"), .object(["k": .string("z"), "l": .string("z")])]))
    }
}
