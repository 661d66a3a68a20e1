import Testing

@testable import PolicykollYAML

@Suite("Duplicate keys: an error naming both places")
struct DuplicateKeyTests {
    @Test("a duplicate in a block mapping names the first and the second key")
    func blockDuplicate() throws {
        let stream = load("name: a\nport: 1\nname: b\n")
        let diagnostic = try #require(stream.errors.first)
        #expect(stream.errors.count == 1)
        #expect(diagnostic.problem == .duplicateKey("name", first: Mark(line: 1, column: 1)))
        #expect(diagnostic.mark == Mark(line: 3, column: 1))
        #expect(diagnostic.problem.message.contains("'name'"))
        #expect(diagnostic.problem.message.contains("1:1"))
        #expect(diagnostic.documentIndex == 0)
        let document = try #require(stream.documents.first)
        #expect(document.hasErrors)
        // The first value is kept.
        #expect(document.root["name"]?.string == "a")
        #expect(document.root.entries?.count == 2)
    }

    @Test("a duplicate in a flow mapping")
    func flowDuplicate() {
        let stream = load("m: {a: 1, b: 2, a: 3}\n")
        #expect(stream.errors.map(\.problem) == [.duplicateKey("a", first: Mark(line: 1, column: 5))])
        #expect(stream.errors.map(\.mark) == [Mark(line: 1, column: 17)])
    }

    @Test("keys compare by their text: quoted and plain spellings collide")
    func quotedAndPlain() {
        let stream = load("a: 1\n\"a\": 2\n'a': 3\n")
        #expect(stream.errors.count == 2)
        #expect(stream.errors.allSatisfy { $0.problem == .duplicateKey("a", first: Mark(line: 1, column: 1)) })
    }

    @Test("the same key in different mappings is fine")
    func differentMappings() {
        let stream = load("a:\n  x: 1\nb:\n  x: 2\nlist:\n  - x: 1\n  - x: 2\n")
        #expect(stream.diagnostics.isEmpty)
    }

    @Test("a duplicate in a large mapping (past the linear scan) is found", arguments: [3, 9, 10, 50, 500])
    func largeMapping(count: Int) {
        var text = (0..<count).map { "key\($0): \($0)\n" }.joined()
        text += "key\(count / 2): again\n"
        let stream = load(text)
        #expect(stream.errors.map(\.problem) == [.duplicateKey("key\(count / 2)", first: Mark(line: count / 2 + 1, column: 1))])
        #expect(stream.errors.first?.mark == Mark(line: count + 1, column: 1))
    }

    @Test(
        "past the scan, a duplicate of any earlier key is found, also in a mapping opened after others",
        arguments: [0, 3, 12, 13, 15])
    func tablePastTheScan(duplicate: Int) {
        let keys = (0..<20).map { "key\($0): \($0)\n" }.joined()
        let top = load(keys + "key\(duplicate): again\n")
        #expect(top.errors.map(\.problem) == [.duplicateKey("key\(duplicate)", first: Mark(line: duplicate + 1, column: 1))])
        // Nested under 15 other keys and in a list, so the mapping's entries start deep in the stack.
        let outer = (0..<15).map { "outer\($0): \($0)\n" }.joined()
        let inner = (0..<20).map { "    key\($0): \($0)\n" }.joined()
        let nested = load(outer + "list:\n  - \n" + inner + "    key\(duplicate): again\n")
        #expect(
            nested.errors.map(\.problem) == [.duplicateKey("key\(duplicate)", first: Mark(line: 18 + duplicate, column: 5))])
    }

    @Test("keys compare as Swift strings do: canonically equivalent spellings are the same key")
    func canonicalEquivalence() {
        // é written as one scalar, then as e + combining acute; short and past the scan.
        let short = load("\u{e9}: 1\nkey0: 0\ne\u{301}: 2\n")
        #expect(short.errors.map(\.problem) == [.duplicateKey("e\u{301}", first: Mark(line: 1, column: 1))])
        let filler = (0..<20).map { "key\($0): \($0)\n" }.joined()
        let long = load("\u{e9}: 1\n" + filler + "e\u{301}: 2\n")
        #expect(long.errors.count == 1)
        let clean = root("caf\u{e9}: 1\nother: 2\n")
        #expect(clean["cafe\u{301}"]?.value == .int(1))
    }

    @Test("many distinct keys are no error")
    func manyDistinct() {
        let text = (0..<1000).map { "k\($0): v\n" }.joined()
        let stream = load(text)
        #expect(stream.diagnostics.isEmpty)
        #expect(stream.documents.first?.root.entries?.count == 1000)
    }

    @Test("duplicates in other documents are independent")
    func perDocument() {
        let stream = load("a: 1\n---\na: 2\na: 3\n")
        #expect(stream.errors.map(\.documentIndex) == [1])
        #expect(stream.documents.map(\.hasErrors) == [false, true])
    }

    @Test("a mapping or a list as a key is an error")
    func complexKey() {
        let stream = load("? [a, b]\n: value\nc: d\n")
        #expect(stream.errors.map(\.problem) == [.complexKey])
        #expect(stream.errors.map(\.mark) == [Mark(line: 1, column: 3)])
        #expect(stream.documents.first?.root["c"]?.string == "d")
        #expect(load("{a: 1}: x\n").errors.map(\.problem) == [.complexKey])
    }
}
