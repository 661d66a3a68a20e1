import Testing

@testable import PolicykollYAML

/// Hostile input must fail fast. The inputs are kept large on purpose: if a limit stopped
/// working, these tests would take many seconds (or exhaust memory) instead of milliseconds.
@Suite("Limits: alias expansion and nesting depth")
struct LimitTests {
    /// The classic "billion laughs": `levels` levels, each a list of `width` aliases of the one before.
    static func billionLaughs(levels: Int, width: Int) -> String {
        var text = "l0: &l0 [" + Array(repeating: "\"lol\"", count: width).joined(separator: ", ") + "]\n"
        for level in 1..<levels {
            let aliases = Array(repeating: "*l\(level - 1)", count: width).joined(separator: ", ")
            text += "l\(level): &l\(level) [\(aliases)]\n"
        }
        return text
    }

    @Test("a billion laughs document fails with the alias limit", arguments: [9, 10])
    func billionLaughs(width: Int) throws {
        let stream = load(Self.billionLaughs(levels: 9, width: width))
        let diagnostic = try #require(stream.errors.first)
        #expect(stream.errors.count == 1)
        #expect(diagnostic.problem == .aliasExpansionLimitExceeded(limit: YAMLLimits.default.maxAliasExpansion))
        #expect(diagnostic.problem.message.contains("100000"))
        #expect(diagnostic.documentIndex == nil)
        // Loading stopped inside the document: it is not returned half-built.
        #expect(stream.documents.isEmpty)
        #expect(implausibility(of: diagnostic.mark, in: Array(Self.billionLaughs(levels: 9, width: width).utf8)) == nil)
    }

    @Test("a billion laughs in a later document keeps the earlier documents")
    func billionLaughsAfterDocument() {
        let stream = load("ok: 1\n---\n" + Self.billionLaughs(levels: 9, width: 10))
        #expect(stream.documents.count == 1)
        #expect(stream.errors.map(\.problem) == [.aliasExpansionLimitExceeded(limit: 100_000)])
    }

    @Test("a merge bomb through << is bounded as well")
    func mergeBomb() {
        var text = "a0: &a0 {k: v}\n"
        for level in 1..<30 {
            text += "a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n"
        }
        text += "m:\n  <<: *a29\n"
        let stream = load(text)
        #expect(stream.errors.map(\.problem) == [.aliasExpansionLimitExceeded(limit: 100_000)])
    }

    @Test("aliases below the limit load; the limit is configurable")
    func configurableAliasLimit() {
        let text = Self.billionLaughs(levels: 3, width: 10)  // 110 + 1,110 aliased nodes
        let fine = load(text)
        #expect(fine.diagnostics.isEmpty)
        #expect(fine.documents.first?.root["l2"]?.items?.count == 10)
        let strict = load(text, limits: YAMLLimits(maxAliasExpansion: 100))
        #expect(strict.errors.map(\.problem) == [.aliasExpansionLimitExceeded(limit: 100)])
    }

    @Test("few aliases of a large scalar fail with the text limit, located at the alias that passes it")
    func largeScalarAliases() throws {
        // 20,000 aliases of a 100 KB scalar: 20,001 nodes, within the node limit, but 2 GB of text.
        let scalar = String(repeating: "x", count: 100_000)
        let text = "big: &big \(scalar)\nmany: [" + Array(repeating: "*big", count: 20_000).joined(separator: ", ") + "]\n"
        let stream = load(text)
        let diagnostic = try #require(stream.errors.first)
        #expect(stream.errors.map(\.problem) == [.aliasExpandedBytesExceeded(limit: 16 << 20)])
        #expect(diagnostic.problem.message == "aliases expand to more than 16 MiB of text (an alias bomb?); parsing stopped")
        // The 168th alias is the first past 16 MiB; each `*big, ` is 6 columns from column 8.
        #expect(diagnostic.mark == Mark(line: 2, column: 8 + 6 * 167))
        #expect(stream.documents.isEmpty)
        // Below the limit the same aliases load, and the limit is configurable.
        let few = load("big: &big \(scalar)\nmany: [*big, *big, *big]\n")
        #expect(few.diagnostics.isEmpty)
        #expect(few.documents.first?.root["many"]?.items?.count == 3)
        let strict = load("a: &a [abc, de]\nb: [*a, *a]\n", limits: YAMLLimits(maxAliasExpandedBytes: 9))
        #expect(strict.errors.map(\.problem) == [.aliasExpandedBytesExceeded(limit: 9)])
        #expect(strict.errors.first?.problem.message.contains("more than 9 bytes of text") == true)
    }

    @Test("the alias budget is per document")
    func aliasBudgetPerDocument() {
        let document = "a: &a [1, 2, 3, 4]\nb: [*a, *a]\n"  // 10 aliased nodes
        let limits = YAMLLimits(maxAliasExpansion: 12)
        let stream = load(document + "---\n" + document + "---\n" + document, limits: limits)
        #expect(stream.diagnostics.isEmpty)
        #expect(stream.documents.count == 3)
    }

    @Test("100,000 nested flow sequences stop at the depth limit", arguments: [false, true])
    func deepFlow(closed: Bool) throws {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + (closed ? String(repeating: "]", count: depth) : "")
        let stream = load(text)
        let diagnostic = try #require(stream.errors.first)
        #expect(stream.errors.count == 1)
        #expect(diagnostic.problem == .depthLimitExceeded(limit: 256))
        #expect(diagnostic.mark == Mark(line: 1, column: 257))
        #expect(stream.documents.isEmpty)
    }

    @Test("100,000 nested flow mappings stop at the depth limit")
    func deepFlowMappings() {
        let text = "a: " + String(repeating: "{a: ", count: 100_000)
        #expect(load(text).errors.map(\.problem) == [.depthLimitExceeded(limit: 256)])
    }

    @Test("100,000 nested block sequences stop at the depth limit")
    func deepBlockSequences() {
        let text = String(repeating: "- ", count: 100_000) + "x\n"
        #expect(load(text).errors.map(\.problem) == [.depthLimitExceeded(limit: 256)])
    }

    @Test("deep block mappings by indentation stop at the depth limit")
    func deepBlockMappings() {
        var text = ""
        for level in 0..<2_000 {
            text += String(repeating: " ", count: level) + "k:\n"
        }
        #expect(load(text).errors.map(\.problem) == [.depthLimitExceeded(limit: 256)])
    }

    @Test("exactly the limit is fine, one more is not")
    func depthBoundary() {
        let limits = YAMLLimits(maxDepth: 10)
        let ten = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect(load(ten, limits: limits).diagnostics.isEmpty)
        let eleven = String(repeating: "[", count: 11) + String(repeating: "]", count: 11)
        #expect(load(eleven, limits: limits).errors.map(\.problem) == [.depthLimitExceeded(limit: 10)])
        let defaultLimit = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(load(defaultLimit).diagnostics.isEmpty)
    }

    @Test("a deep document after a good one keeps the good one")
    func depthAfterDocument() {
        let stream = load("a: 1\n---\n" + String(repeating: "[", count: 100_000))
        #expect(stream.documents.count == 1)
        #expect(stream.errors.map(\.problem) == [.depthLimitExceeded(limit: 256)])
    }
}
