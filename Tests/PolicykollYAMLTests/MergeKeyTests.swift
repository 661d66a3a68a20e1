import Testing

@testable import PolicykollYAML

@Suite("Merge keys <<")
struct MergeKeyTests {
    @Test("merging a single mapping")
    func singleMapping() throws {
        let document = root("base: &base\n  a: 1\n  b: 2\nderived:\n  <<: *base\n  c: 3\n")
        let derived = try #require(document["derived"])
        #expect(derived.entries?.map(\.key) == ["a", "b", "c"])
        #expect(derived["a"]?.value == .int(1))
        #expect(derived["b"]?.value == .int(2))
        #expect(derived["c"]?.value == .int(3))
        #expect(derived.entry("<<") == nil)
    }

    @Test("merging an inline mapping")
    func inlineMapping() {
        let document = root("m:\n  <<: {a: 1, b: 2}\n  b: 3\n")
        #expect(document["m"]?.data == .object(["a": .number(1), "b": .number(3)]))
    }

    @Test("merging a list of mappings")
    func listOfMappings() {
        let document = root("x: &x {a: 1}\ny: &y {b: 2}\nz:\n  <<: [*x, *y]\n  c: 3\n")
        #expect(document["z"]?.entries?.map(\.key) == ["a", "b", "c"])
        #expect(document["z"]?.data == .object(["a": .number(1), "b": .number(2), "c": .number(3)]))
    }

    @Test("explicit keys win over merged ones, wherever they are written")
    func explicitKeysWin() {
        let after = root("b: &b {a: 1, k: base}\nm:\n  <<: *b\n  k: mine\n")
        #expect(after["m"]?["k"]?.string == "mine")
        let before = root("b: &b {a: 1, k: base}\nm:\n  k: mine\n  <<: *b\n")
        #expect(before["m"]?["k"]?.string == "mine")
        #expect(before["m"]?["a"]?.value == .int(1))
        #expect(before["m"]?.entries?.map(\.key) == ["k", "a"])
    }

    @Test("earlier mappings of a merge list win over later ones")
    func earlierListEntriesWin() {
        let document = root("one: &one {k: first, a: 1}\ntwo: &two {k: second, b: 2}\nm:\n  <<: [*one, *two]\n")
        #expect(document["m"]?["k"]?.string == "first")
        #expect(document["m"]?.data == .object(["k": .string("first"), "a": .number(1), "b": .number(2)]))
    }

    @Test("merged entries keep the marks of where they were written")
    func mergedMarks() {
        let document = root("base: &base\n  a: 1\nm:\n  <<: *base\n")
        #expect(document["m"]?.entry("a")?.keyMark == Mark(line: 2, column: 3))
    }

    @Test("a merge is not a duplicate of an explicit key")
    func noDuplicateWithMerge() {
        #expect(load("b: &b {a: 1}\nm:\n  <<: *b\n  a: 2\n").diagnostics.isEmpty)
    }

    @Test(
        "merging a scalar, null or a list holding a scalar is an error",
        arguments: [
            ("m:\n  <<: 1\n", "an integer", Mark(line: 2, column: 7)),
            ("m:\n  <<: text\n", "a string", Mark(line: 2, column: 7)),
            ("m:\n  <<:\n  a: 1\n", "a null", Mark(line: 2, column: 6)),
            ("a: &a {x: 1}\nm:\n  <<: [*a, 2]\n", "a list holding an integer", Mark(line: 3, column: 12)),
            ("m:\n  <<: [[1]]\n", "a list holding a list", Mark(line: 2, column: 8)),
        ])
    func invalidMerge(text: String, found: String, mark: Mark) {
        let stream = load(text)
        #expect(stream.errors.map(\.problem) == [.invalidMerge(found: found)])
        #expect(stream.errors.map(\.mark) == [mark])
        #expect(stream.documents.first?.root["m"]?.entry("<<") == nil)
    }

    @Test("a quoted or tagged << is an ordinary key, not a merge", arguments: ["\"<<\"", "'<<'", "!!str <<"])
    func quotedMergeKey(key: String) {
        let document = root("b: &b {a: 1}\nm:\n  \(key): *b\n")
        #expect(document["m"]?.entries?.map(\.key) == ["<<"])
        #expect(document["m"]?["<<"]?["a"]?.value == .int(1))
    }

    @Test("<< tagged !!merge is a merge")
    func mergeTag() {
        let document = root("b: &b {a: 1}\nm:\n  !!merge <<: *b\n")
        #expect(document["m"]?.data == .object(["a": .number(1)]))
    }

    @Test("a merge in a flow mapping")
    func flowMerge() {
        let document = root("b: &b {a: 1}\nm: {<<: *b, c: 2}\n")
        #expect(document["m"]?.data == .object(["a": .number(1), "c": .number(2)]))
    }

    @Test("merges chain through mappings that merge themselves")
    func chained() {
        let document = root("a: &a {x: 1}\nb: &b\n  <<: *a\n  y: 2\nc:\n  <<: *b\n  z: 3\n")
        #expect(document["c"]?.data == .object(["x": .number(1), "y": .number(2), "z": .number(3)]))
    }
}
