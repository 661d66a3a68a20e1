import Dispatch
import InventoryGenerator
import Synchronization
import Testing

@testable import PolicykollCore

@Suite("Regular expressions: the deterministic automaton agrees with the simulated program")
struct PatternAutomatonTests {
    /// A random pattern of the supported syntax (without `\b`, which gets no automaton), over a
    /// small alphabet with non-ASCII letters so that texts often match.
    static func randomPattern(using generator: inout SplitMix64, depth: Int = 0) -> String {
        let atoms = ["a", "b", "é", "Å", " ", "1", ".", "[ab]", "[^a]", "[é-ë]", "\\d", "\\s", "\\w", "\\.", "^", "$"]
        var pattern = ""
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            var piece: String
            if depth < 2, Int.random(in: 0..<5, using: &generator) == 0 {
                let left = randomPattern(using: &generator, depth: depth + 1)
                let right = randomPattern(using: &generator, depth: depth + 1)
                piece = Bool.random(using: &generator) ? "(\(left)|\(right))" : "(?:\(left))"
            } else {
                piece = atoms.randomElement(using: &generator)!
            }
            if piece != "^", piece != "$" {
                piece += ["", "", "", "*", "+", "?", "{1,2}", "{2}"].randomElement(using: &generator)!
            }
            pattern += piece
        }
        return pattern
    }

    @Test("random patterns on random texts: the automaton's answer is the simulation's")
    func agreesWithSimulation() throws {
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("abAB é É1\nëÅå.")
        var built = 0
        var answered = 0
        for _ in 0..<600 {
            var pattern = Self.randomPattern(using: &generator)
            if Int.random(in: 0..<4, using: &generator) == 0 { pattern = "(?i)" + pattern }
            let matcher = try PatternMatcher(pattern)
            guard let automaton = matcher.automaton else { continue }
            built += 1
            for _ in 0..<60 {
                let length = Int.random(in: 0...9, using: &generator)
                let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
                let expected = matcher.simulate(text)
                if let answer = automaton.matches(text, of: matcher) {
                    answered += 1
                    #expect(answer == expected, "\(pattern) on \(text.debugDescription)")
                }
                #expect(matcher.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
            }
        }
        // The comparison must have happened: almost every random pattern gets an automaton, and
        // the automaton answers almost every text itself.
        #expect(built > 550)
        #expect(answered > built * 50)
    }

    @Test("the default pack's patterns get an automaton and match as before")
    func packPatterns() throws {
        let cases: [(String, String, Bool)] = [
            ("^TLS ?1\\.[23]", "TLS 1.3", true),
            ("^TLS ?1\\.[23]", "TLS1.1", false),
            ("(?i)openapi|asyncapi|wsdl|json schema|xsd|graphql|ogc|rfc ?4180|sparql", "Egen JSON Schema v2", true),
            ("(?i)openapi|asyncapi|wsdl|json schema|xsd|graphql|ogc|rfc ?4180|sparql", "RFC4180 (CSV)", true),
            ("(?i)openapi|asyncapi|wsdl|json schema|xsd|graphql|ogc|rfc ?4180|sparql", "Excel-fil över e-post", false),
            ("^(FGS|E-ARK)", "FGS Personakt", true),
            ("^https://", "http://example.se", false),
            ("(?i)openapi|asyncapi|ogc|wfs|wms|sparql|graphql", "OGC WMS 1.3", true),
            ("EN 301 549|WCAG 2\\.[12] AA", "Uppfyller WCAG 2.1 AA", true),
            ("(?i)hälsa|hälso|sjukvård|omvårdnad|äldreomsorg|vårdplan|patient|health|medical", "Hälsouppgifter", true),
            ("(?i)hälsa|hälso|sjukvård|omvårdnad|äldreomsorg|vårdplan|patient|health|medical", "Vårdnadshavare", false),
            ("^[^@\\s]+@[^@\\s]+$", "anna.berg@goteborg.se", true),
            ("^[^@\\s]+@[^@\\s]+$", "anna berg@goteborg.se", false),
            ("^[^@\\s]+@[^@\\s]+$", "åsa@göteborg.se", true),
        ]
        for (pattern, text, expected) in cases {
            let matcher = try PatternMatcher(pattern)
            let automaton = try #require(matcher.automaton, "\(pattern)")
            #expect(automaton.matches(text, of: matcher) == expected, "\(pattern) on \(text)")
            #expect(matcher.simulate(text) == expected, "\(pattern) on \(text)")
        }
    }

    @Test("a non-ASCII scalar the pattern does not name is classed by the pattern's classes that hold it")
    func unnamedScalars() throws {
        // `ê` is only in a range, never named: its class is "in [é-ë]"; `ö` is in no class.
        let matcher = try PatternMatcher("[é-ë]x")
        let automaton = try #require(matcher.automaton)
        #expect(automaton.matches("êx", of: matcher) == true)
        #expect(automaton.matches("öx", of: matcher) == false)
        #expect(automaton.matches("\u{00A0}x", of: matcher) == false)
        let swedish = try PatternMatcher("(?i)hälsa|vårdplan")
        let text = "Ärendehantering för förskola och öppen verksamhet, HÄLSA"
        #expect(try #require(swedish.automaton).matches(text, of: swedish) == true)
    }

    @Test("a scalar outside the table's columns is moved as it comes, and its state is kept")
    func movesOutsideTheTable() throws {
        // Seven classes are too many to class other scalars by: `ê` has no column.
        let matcher = try PatternMatcher("[a][b][c][d][e][f][é-ë]x")
        let automaton = try #require(matcher.automaton)
        #expect(automaton.matches("abcdefêx", of: matcher) == true)
        #expect(automaton.matches("abcdefêy", of: matcher) == false)
        #expect(automaton.matches("abcdef\u{00A0}x", of: matcher) == false)
        #expect(matcher.simulate("abcdefêx"))
        #expect(!matcher.simulate("abcdefêy"))
    }

    @Test("states are worked out as texts reach them, and kept")
    func lazyStates() throws {
        let matcher = try PatternMatcher("(?i)^(no|nej|saknas|ingen [a-zåäö]+)$")
        let automaton = try #require(matcher.automaton)
        // Compiling works out only the start.
        #expect(automaton.stateCount == 1)
        #expect(automaton.matches("Nej", of: matcher) == true)
        let afterOne = automaton.stateCount
        #expect(afterOne > 1 && afterOne <= 4)
        // A text that goes the same way adds nothing; one that goes further adds its states.
        #expect(automaton.matches("nej", of: matcher) == true)
        #expect(automaton.stateCount == afterOne)
        #expect(automaton.matches("Ingen plan", of: matcher) == true)
        #expect(automaton.matches("Ingen plan finns", of: matcher) == false)
        #expect(automaton.stateCount > afterOne)
    }

    @Test("building stays cheap: a huge literal or very many classes are left to simulation")
    func buildingBudget() throws {
        let huge = String(repeating: "漢字", count: 10_000)
        let matcher = try PatternMatcher(huge)
        #expect(matcher.automaton == nil)
        #expect(matcher.matches("x" + huge))
        #expect(!matcher.matches(String(huge.dropLast())))
    }

    @Test("patterns without an automaton (word boundaries), and texts that need too many states")
    func withoutAutomaton() throws {
        #expect(try PatternMatcher("\\bSE\\b").automaton == nil)
        // The last-but-twelfth letter is an `a`: 2^13 sets of threads, which a long varied text
        // reaches; the automaton stops at its limit and the program is simulated.
        let exploding = try PatternMatcher("(a|b)*a(a|b){12}$")
        let automaton = try #require(exploding.automaton)
        var generator = SplitMix64(seed: 11)
        let varied =
            String((0..<5_000).map { _ in Bool.random(using: &generator) ? "a" : "b" }) + "b" + String(repeating: "a", count: 12)
        #expect(automaton.matches("ba", of: exploding) == false)
        #expect(automaton.matches(varied, of: exploding) == nil)
        #expect(automaton.stateCount == PatternAutomaton.maxStates)
        #expect(exploding.matches(varied) == exploding.simulate(varied))
        #expect(exploding.matches("ba" + String(repeating: "b", count: 12)))
        #expect(!exploding.matches(String(repeating: "b", count: 14)))
        // The states found before the limit still answer.
        #expect(automaton.matches("ba", of: exploding) == false)
    }

    @Test("working out moves stays within its budget, however costly each move is")
    func buildBudget() throws {
        // Seven classes: a non-ASCII scalar has no column and is moved as it comes, with up to
        // 300 threads alive; thousands of different scalars are more moves than can be kept.
        let costly = try PatternMatcher("[a][b][c][d][e][f][g]|(.){300}$")
        let automaton = try #require(costly.automaton)
        var generator = SplitMix64(seed: 17)
        var answers: [Bool?] = []
        for _ in 0..<12 {
            let scalars = (0..<2_000).map { _ in Unicode.Scalar(UInt32.random(in: 0x100...0x17FF, using: &generator))! }
            let text = String(String.UnicodeScalarView(scalars))
            answers.append(automaton.matches(text, of: costly))
            #expect(costly.matches(text))
        }
        #expect(automaton.buildWork <= PatternAutomaton.maxBuildWork)
        #expect(automaton.buildWork > PatternAutomaton.maxBuildWork / 2)
        // The first texts are answered by the automaton, the later ones left to simulation.
        #expect(answers[0] == true)
        #expect(answers[11] == nil)
    }

    @Test("threads sharing patterns get the simulation's answers while the tables grow")
    func sharedBetweenThreads() throws {
        var generator = SplitMix64(seed: 23)
        var built: [PatternMatcher] = []
        while built.count < 120 {
            let matcher = try PatternMatcher(Self.randomPattern(using: &generator))
            if matcher.automaton != nil { built.append(matcher) }
        }
        let matchers = built
        let alphabet = Array("abAB é É1\nëÅå.")
        let texts = (0..<400).map { _ in
            String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        let expected = matchers.map { matcher in texts.map { matcher.simulate($0) } }
        let disagreements = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            // Each worker reads the texts in its own order, so the tables grow differently.
            for step in texts.indices {
                let index = (step * (2 * worker + 1)) % texts.count
                for (number, matcher) in matchers.enumerated()
                where matcher.automaton?.matches(texts[index], of: matcher) ?? expected[number][index]
                    != expected[number][index]
                {
                    disagreements.withLock { $0 += 1 }
                }
            }
        }
        #expect(disagreements.withLock { $0 } == 0)
    }

    @Test("programs around 64 and 128 instructions (the builder's bitset words), with $ at the end")
    func wordBoundaries() throws {
        var checked = 0
        for count in 55...140 {
            let patterns = [
                "x" + String(repeating: "a", count: count) + "$", "(b|" + String(repeating: "a", count: count) + ")$",
                "(?i)" + String(repeating: "a?", count: count / 2) + "b$",
            ]
            for pattern in patterns {
                let matcher = try PatternMatcher(pattern)
                guard let automaton = matcher.automaton else { continue }
                let texts = [
                    "", "b", "ab", String(repeating: "a", count: count), "x" + String(repeating: "a", count: count),
                    "zx" + String(repeating: "a", count: count) + "b", String(repeating: "a", count: count) + "b",
                ]
                for text in texts {
                    guard let answer = automaton.matches(text, of: matcher) else { continue }
                    #expect(answer == matcher.simulate(text), "\(pattern) (\(matcher.program.count) instructions) on \(text)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1_000)
    }
}
