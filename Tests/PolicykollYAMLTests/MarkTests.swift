import Testing

@testable import PolicykollYAML

@Suite("Marks: 1-based line and column, columns in Unicode scalars")
struct MarkTests {
    @Test("scalars and keys of a block mapping")
    func blockMapping() throws {
        let document = root("name: web\nport: 8080\n")
        let entries = try #require(document.entries)
        #expect(document.mark == Mark(line: 1, column: 1))
        #expect(entries.map(\.key) == ["name", "port"])
        #expect(entries[0].keyMark == Mark(line: 1, column: 1))
        #expect(entries[0].value.mark == Mark(line: 1, column: 7))
        #expect(entries[1].keyMark == Mark(line: 2, column: 1))
        #expect(entries[1].value.mark == Mark(line: 2, column: 7))
    }

    @Test("nested block collections start at their first entry")
    func nestedBlock() throws {
        let text = """
            spec:
              containers:
                - name: app
                  image: nginx
                - name: sidecar
            """
        let document = root(text)
        let spec = try #require(document["spec"])
        #expect(spec.mark == Mark(line: 2, column: 3))
        let containers = try #require(spec["containers"])
        #expect(containers.mark == Mark(line: 3, column: 5))
        let items = try #require(containers.items)
        #expect(items.count == 2)
        #expect(items[0].mark == Mark(line: 3, column: 7))
        #expect(items[0].entry("image")?.keyMark == Mark(line: 4, column: 7))
        #expect(items[0]["image"]?.mark == Mark(line: 4, column: 14))
        #expect(items[1].entry("name")?.keyMark == Mark(line: 5, column: 7))
        #expect(items[1]["name"]?.mark == Mark(line: 5, column: 13))
    }

    @Test("flow collections start at their bracket; items at their text")
    func flowCollections() throws {
        let document = root("key:\n  - x\n  - {k: v, list: [1, 'two']}\n")
        let list = try #require(document["key"])
        #expect(list.mark == Mark(line: 2, column: 3))
        let items = try #require(list.items)
        #expect(items[0].mark == Mark(line: 2, column: 5))
        let flow = items[1]
        #expect(flow.mark == Mark(line: 3, column: 5))
        #expect(flow.entry("k")?.keyMark == Mark(line: 3, column: 6))
        #expect(flow["k"]?.mark == Mark(line: 3, column: 9))
        let inner = try #require(flow["list"])
        #expect(inner.mark == Mark(line: 3, column: 18))
        #expect(inner.items?.map(\.mark) == [Mark(line: 3, column: 19), Mark(line: 3, column: 22)])
    }

    @Test("quoted and block scalars start at their indicator")
    func scalarStyles() throws {
        let document = root("a: \"quoted\"\nb: 'single'\nc: |\n  literal\nd: >-\n  folded\n")
        #expect(document["a"]?.mark == Mark(line: 1, column: 4))
        #expect(document["b"]?.mark == Mark(line: 2, column: 4))
        #expect(document["c"]?.mark == Mark(line: 3, column: 4))
        #expect(document["c"]?.string == "literal\n")
        #expect(document["d"]?.mark == Mark(line: 5, column: 4))
        #expect(document["d"]?.string == "folded")
    }

    @Test("multi-byte UTF-8 counts one column per Unicode scalar")
    func multiByteColumns() throws {
        let document = root("åäö: ÅÄÖ\nlist: [åäö, x]\nemoji: 🙂🙂 # comment\nnext: [🙂, z]\n")
        let entries = try #require(document.entries)
        #expect(entries[0].key == "åäö")
        #expect(entries[0].value.mark == Mark(line: 1, column: 6))
        #expect(entries[0].value.string == "ÅÄÖ")
        #expect(document["list"]?.items?.last?.mark == Mark(line: 2, column: 13))
        #expect(document["emoji"]?.mark == Mark(line: 3, column: 8))
        #expect(document["next"]?.items?.last?.mark == Mark(line: 4, column: 11))
    }

    @Test("a combining accent is a scalar of its own (columns are not graphemes)")
    func combiningCharacters() throws {
        // "e" + U+0301: one grapheme, two Unicode scalars.
        let document = root("e\u{301}: x\n")
        #expect(document.entries?.first?.key == "e\u{301}")
        #expect(document.entries?.first?.value.mark == Mark(line: 1, column: 5))
    }

    @Test("a UTF-8 byte-order mark does not count as a column")
    func byteOrderMark() throws {
        let document = root("\u{FEFF}a: 1\n")
        #expect(document.entries?.first?.keyMark == Mark(line: 1, column: 1))
        #expect(document["a"]?.mark == Mark(line: 1, column: 4))
    }

    @Test("a document starts at its --- marker")
    func documentMarks() throws {
        let stream = load("# comment\n---\na: 1\n---\n- b\n")
        #expect(stream.documents.map(\.mark) == [Mark(line: 2, column: 1), Mark(line: 4, column: 1)])
        #expect(stream.documents[1].root.mark == Mark(line: 5, column: 1))
    }

    @Test("an alias node is marked where the alias is written")
    func aliasMark() throws {
        let document = root("a: &x hello\nb: *x\n")
        #expect(document["a"]?.mark == Mark(line: 1, column: 4))
        #expect(document["b"]?.mark == Mark(line: 2, column: 4))
        #expect(document["b"]?.string == "hello")
    }

    @Test("Mark orders by line, then column, and prints as line:column")
    func markBasics() {
        #expect(Mark(line: 1, column: 9) < Mark(line: 2, column: 1))
        #expect(Mark(line: 2, column: 1) < Mark(line: 2, column: 3))
        #expect(Mark.start == Mark(line: 1, column: 1))
        #expect("\(Mark(line: 12, column: 7))" == "12:7")
    }
}
