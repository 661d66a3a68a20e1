import Testing

@testable import PolicykollYAML

@Suite("Multi-document streams")
struct MultiDocumentTests {
    @Test("documents separated by --- load in order")
    func severalDocuments() {
        let stream = load("a: 1\n---\nb: 2\n---\n- 3\n")
        #expect(stream.diagnostics.isEmpty)
        #expect(
            stream.documents.map(\.root.data) == [
                .object(["a": .number(1)]), .object(["b": .number(2)]), .array([.number(3)]),
            ])
        #expect(stream.documents.allSatisfy { !$0.hasErrors })
    }

    @Test("explicit document ends, directives and empty documents")
    func markers() {
        let stream = load("%YAML 1.2\n---\na: 1\n...\n---\n...\n--- text\n")
        #expect(stream.diagnostics.isEmpty)
        #expect(stream.documents.map(\.root.data) == [.object(["a": .number(1)]), .null, .string("text")])
    }

    @Test("a stream of only markers has empty (null) documents")
    func emptyDocuments() {
        let stream = load("---\n---\n")
        #expect(stream.documents.map(\.root.value) == [.null, .null])
    }

    @Test("diagnostics carry the index of their document")
    func documentIndex() {
        let stream = load("a: yes\n---\nb: 1\nb: 2\n---\nc: *nope\n")
        #expect(stream.documents.count == 3)
        #expect(stream.diagnostics.map(\.documentIndex) == [0, 1, 2])
        #expect(stream.documents.map(\.hasErrors) == [false, true, true])
    }

    @Test("a syntax error after a valid document keeps the document before it")
    func syntaxErrorAfterFirst() throws {
        let text = "name: first\n---\nname: [unterminated\n"
        let stream = load(text)
        #expect(stream.documents.count == 1)
        #expect(stream.documents.first?.root["name"]?.string == "first")
        let error = try #require(stream.errors.first)
        #expect(stream.errors.count == 1)
        #expect(error.documentIndex == nil)
        guard case .syntax = error.problem else {
            Issue.record("expected a syntax error, got \(error.problem)")
            return
        }
        #expect(error.mark.line >= 3)
        #expect(implausibility(of: error.mark, in: Array(text.utf8)) == nil)
    }

    @Test("a syntax error in the third document keeps the first two")
    func syntaxErrorInThird() {
        let stream = load("a: 1\n---\nb: 2\n---\nc: 3\n  d: 4\n---\ne: 5\n")
        #expect(stream.documents.count == 2)
        #expect(stream.errors.count == 1)
        #expect(stream.errors.first?.mark.line == 6)
    }

    @Test("a semantic error in one document does not stop the next")
    func semanticErrorContinues() {
        let stream = load("a: 1\na: 2\n---\nb: 3\n")
        #expect(stream.documents.count == 2)
        #expect(stream.documents[1].root["b"]?.value == .int(3))
        #expect(stream.documents.map(\.hasErrors) == [true, false])
    }
}
