import Testing

@testable import PolicykollYAML

@Suite("Ambiguous YAML 1.1 booleans: a warning on values, never a boolean")
struct AmbiguousBooleanTests {
    static let words = ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "Y", "N", "yEs", "oN"]

    @Test("a plain value is a string with a warning at its mark", arguments: words)
    func plainValue(word: String) throws {
        let stream = load("flag: \(word)\n")
        #expect(stream.documents.first?.root["flag"]?.value == .string(word))
        let diagnostic = try #require(stream.diagnostics.first)
        #expect(stream.diagnostics.count == 1)
        #expect(diagnostic.problem == .ambiguousBoolean(word))
        #expect(!diagnostic.isError)
        #expect(diagnostic.mark == Mark(line: 1, column: 7))
        #expect(diagnostic.documentIndex == 0)
        #expect(!stream.hasErrors)
        #expect(stream.documents.first?.hasErrors == false)
        #expect(diagnostic.problem.message.contains("'\(word)'"))
    }

    @Test("values in sequences, flow collections and the root are warned about too")
    func otherValuePositions() {
        let stream = load("list:\n  - yes\n  - [no, {k: off}]\n")
        #expect(stream.warnings.map(\.problem) == [.ambiguousBoolean("yes"), .ambiguousBoolean("no"), .ambiguousBoolean("off")])
        #expect(stream.warnings.map(\.mark) == [Mark(line: 2, column: 5), Mark(line: 3, column: 6), Mark(line: 3, column: 14)])
        #expect(load("on\n").warnings.map(\.problem) == [.ambiguousBoolean("on")])
    }

    @Test("keys are not warned about", arguments: words)
    func keys(word: String) {
        let stream = load("\(word): 1\n{\(word): 2}: x\n? \(word)\n: 3\n")
        #expect(stream.warnings.isEmpty)
        let flowOnly = load("m: {\(word): 1}\nl: [\(word): 2]\n")
        #expect(flowOnly.warnings.isEmpty)
        #expect(flowOnly.documents.first?.root["m"]?.entries?.first?.key == word)
    }

    @Test(
        "quoted, tagged and longer words are not warned about",
        arguments: [
            "\"yes\"", "'no'", "!!str on", "! off", "yess", "noo", "yes please", "true", "False",
        ])
    func notAmbiguous(text: String) {
        #expect(load("flag: \(text)\n").warnings.isEmpty)
    }

    @Test("the check on bytes equals the definition: up to three bytes, lowercased, one of the six words")
    func equalsDefinition() {
        let words: Set<String> = ["yes", "no", "on", "off", "y", "n"]
        func definition(_ text: String) -> Bool { text.utf8.count <= 3 && words.contains(text.lowercased()) }
        var texts: [String] = [""]
        let all = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        let some = ["\0", " ", "0", "y", "Y", "e", "E", "s", "S", "n", "N", "o", "O", "f", "F", "x", "\u{e9}", "\u{130}"]
        texts += all
        texts += all.flatMap { first in all.map { first + $0 } }
        texts += some.flatMap { first in some.flatMap { second in some.map { first + second + $0 } } }
        texts += ["yess", "\0yes", "noo", "offf", "\u{ff59}es", "YES\u{301}"]
        let differing = texts.filter { ScalarResolver.isAmbiguousBoolean($0) != definition($0) }
        #expect(differing.isEmpty, "\(differing.prefix(10).map { Array($0.unicodeScalars) })")
    }

    @Test("every occurrence is reported, in order")
    func several() {
        let stream = load("a: yes\nb: no\nc: 'on'\nd: off\n")
        #expect(stream.diagnostics.map(\.mark.line) == [1, 2, 4])
    }

    @Test("an alias to an ambiguous word is not reported a second time")
    func aliasOfAmbiguous() {
        let stream = load("a: &x yes\nb: *x\n")
        #expect(stream.warnings.count == 1)
        #expect(stream.documents.first?.root["b"]?.string == "yes")
    }
}
