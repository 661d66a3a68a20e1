import Dispatch
import InventoryGenerator
import Synchronization
import Testing

@testable import PolicykollCore

/// The lazy automaton at its edges: irregular case mappings, anchors in odd places, its limits,
/// and many threads at once (from an outside review of the lazy automaton).
@Suite("Regular expressions: the lazy automaton at its edges")
struct PatternAutomatonEdgeTests {
    /// Scalars whose case mappings are irregular: ß ẞ ſ K (Kelvin) İ ı Ǆ ǅ ǆ Σ σ ς, with ASCII
    /// neighbours and a few scalars no pattern names.
    static let tricky: [Unicode.Scalar] = [
        "a", "b", "k", "K", "s", "S", "i", "I", "x", " ", "1", "\n",
        "\u{DF}", "\u{1E9E}", "\u{17F}", "\u{212A}", "\u{130}", "\u{131}", "\u{1C4}", "\u{1C5}", "\u{1C6}",
        "\u{3A3}", "\u{3C3}", "\u{3C2}", "\u{E9}", "\u{C9}", "\u{EA}", "\u{A0}", "\u{2028}", "\u{1F600}",
    ]
    static let atoms = [
        "a", "k", "K", "s", "S", "i", ".", "\\n", "ß", "ẞ", "ſ", "\u{212A}", "İ", "ı", "ǅ", "ǆ", "Σ", "σ", "ς", "é",
        "[k]", "[\u{212A}]", "[s-t]", "[ſ]", "[ß]", "[ǅ]", "[σς]", "[^Σ]", "[é-ë]", "[a-zß]", "[^k]",
        "\\d", "\\W", "\\s", "\\S", "\\w", "^", "$", "(^|x)", "(a|$)", "(|a)", "(?:)",
    ]

    static func pattern(using generator: inout SplitMix64, depth: Int = 0) -> String {
        var pattern = ""
        for _ in 0..<Int.random(in: 1...5, using: &generator) {
            var piece = atoms.randomElement(using: &generator)!
            if depth < 2, Int.random(in: 0..<4, using: &generator) == 0 {
                let left = Self.pattern(using: &generator, depth: depth + 1)
                piece = "(" + left + "|" + Self.pattern(using: &generator, depth: depth + 1) + ")"
            }
            if piece != "^", piece != "$" {
                piece += ["", "", "", "*", "+", "?", "{1,2}", "{0}", "{2,}"].randomElement(using: &generator)!
            }
            pattern += piece
        }
        return Bool.random(using: &generator) ? "(?i)" + pattern : pattern
    }

    static func text(using generator: inout SplitMix64, length: ClosedRange<Int> = 0...10) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: length, using: &generator) { scalars.append(tricky.randomElement(using: &generator)!) }
        return String(scalars)
    }

    @Test("case-variant-heavy patterns and texts, the same texts in two orders on two matchers")
    func caseHeavy() throws {
        var generator = SplitMix64(seed: 0xC0FFEE)
        var failures: [String] = []
        var compared = 0
        for _ in 0..<2_000 {
            let source = Self.pattern(using: &generator)
            guard let first = try? PatternMatcher(source), first.automaton != nil else { continue }
            let second = try PatternMatcher(source)
            let texts = (0..<60).map { _ in Self.text(using: &generator) }
            let expected = texts.map { first.simulate($0) }
            for index in texts.indices where first.matches(texts[index]) != expected[index] {
                failures.append("\(source) on \(texts[index].debugDescription)")
            }
            for index in texts.indices.reversed() where second.matches(texts[index]) != expected[index] {
                failures.append("\(source) on \(texts[index].debugDescription) (reversed)")
            }
            compared += 1
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(compared > 800)
    }

    @Test("anchors in odd places and empty matches, texts in several orders")
    func oddAnchors() throws {
        let patterns = [
            "a^b", "$a", "(^|x)a", "(a|$)", "a*", "()", "^$", "$^", "(^)*a", "(a|^)b", "(a$|b)c", "x(^|a)", "(^a|b)*$",
            "a$|^b", "(?i)^\u{212A}$", "(?i)k$", "(?i)^ß", "(|a)$", "(a|)^", "($|a)*b", "(^$)|a", "a($)*", "(a^)*b",
        ]
        let texts = ["", "a", "b", "ab", "ba", "xa", "aa", "k", "K", "\u{212A}", "ß", "ẞ", "ſs", "a\n", "\na", "aab"]
        for pattern in patterns {
            for order in [texts, texts.reversed(), texts.sorted { $0.count > $1.count }] {
                let matcher = try PatternMatcher(pattern)
                for text in order {
                    #expect(matcher.matches(text) == matcher.simulate(text), "\(pattern) on \(text.debugDescription)")
                }
            }
        }
    }

    @Test("tiny limits: every move past them is left to the simulation, and answers stay the same")
    func tinyLimits() throws {
        var generator = SplitMix64(seed: 99)
        var handedOver = 0
        var answered = 0
        for limits in [(states: 1, work: 3), (states: 4, work: 60), (states: 16, work: 400)] {
            for _ in 0..<400 {
                let source = Self.pattern(using: &generator)
                guard let matcher = try? PatternMatcher(source),
                    let automaton = PatternAutomaton(matcher, maxStates: limits.states, maxBuildWork: limits.work)
                else { continue }
                for _ in 0..<30 {
                    let text = Self.text(using: &generator)
                    let expected = matcher.simulate(text)
                    if let answer = automaton.matches(text, of: matcher) {
                        answered += 1
                        #expect(answer == expected, "\(source) on \(text.debugDescription) within \(limits)")
                    } else {
                        handedOver += 1
                    }
                }
                #expect(automaton.stateCount <= limits.states)
                #expect(automaton.buildWork <= limits.work)
            }
        }
        // Both ways were taken, many times.
        #expect(handedOver > 1_000)
        #expect(answered > 1_000)
    }

    @Test("the state limit is reached from many threads at once, and every answer is the simulation's")
    func statesLimitConcurrently() throws {
        let cases: [(String, [Unicode.Scalar])] = [
            ("(a|b)*a(a|b){10}$", ["a", "b"]),
            ("(?i)(k|s)*\u{212A}(k|s){9}", ["k", "K", "\u{212A}", "s", "S", "\u{17F}"]),
            ("[^x]*y.{10}$", ["y", "z", "é", "Σ", "\n"]),
        ]
        var generator = SplitMix64(seed: 5)
        for (pattern, alphabet) in cases {
            let matcher = try PatternMatcher(pattern)
            let automaton = try #require(matcher.automaton)
            let texts = (0..<600).map { _ in
                let length = Int.random(in: 0...60, using: &generator)
                return String(String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
            }
            let expected = texts.map { matcher.simulate($0) }
            let wrong = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: 6) { worker in
                for step in texts.indices {
                    let index = (step * (2 * worker + 1) + worker) % texts.count
                    if matcher.matches(texts[index]) != expected[index] { wrong.withLock { $0 += 1 } }
                }
            }
            #expect(wrong.withLock { $0 } == 0, "\(pattern)")
            #expect(automaton.stateCount <= PatternAutomaton.maxStates)
            if pattern.hasPrefix("(a|b)") { #expect(automaton.stateCount == PatternAutomaton.maxStates) }
        }
    }

    @Test("a text read again adds no work once its moves are known, also for scalars without a column")
    func noWorkForKnownMoves() throws {
        // `\d{4}-\d{2}-\d{2}` repeats one class: `ä`, `ö`, `å` are classed by it, and `ê` in a
        // pattern of seven distinct classes has no column.
        for (pattern, text) in [
            ("\\d{4}-\\d{2}-\\d{2}", "Ärendet öppnades på förskolan i Växjö"),
            ("[a][b][c][d][e][f][g]x", "fête à la crêpe"),
        ] {
            let matcher = try PatternMatcher(pattern)
            let automaton = try #require(matcher.automaton)
            #expect(automaton.matches(text, of: matcher) == false)
            let (states, work) = (automaton.stateCount, automaton.buildWork)
            for _ in 0..<1_000 { #expect(automaton.matches(text, of: matcher) == false) }
            #expect(automaton.stateCount == states)
            #expect(automaton.buildWork == work, "\(pattern)")
        }
    }
}
