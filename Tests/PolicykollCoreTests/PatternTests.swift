import Foundation
import InventoryGenerator
import Testing

@testable import PolicykollCore

@Suite("Regular expressions: linear-time matching of the supported syntax")
struct PatternTests {
    static let cases: [(String, String, Bool)] = [
        ("skol", "Förskola", true),
        ("^skol", "Förskola", false),
        ("^För", "Förskola", true),
        ("la$", "Förskola", true),
        ("^https://", "https://goteborg.se", true),
        ("^https://", "http://goteborg.se", false),
        ("^[A-Z]{2}$", "SE", true),
        ("^[A-Z]{2}$", "SEX", false),
        ("^(EN 301 549|WCAG 2\\.[12] AA)", "WCAG 2.1 AA", true),
        ("^(EN 301 549|WCAG 2\\.[12] AA)", "WCAG 2.0 AA", false),
        ("\\d{4}-\\d{2}-\\d{2}", "datum 2026-11-26", true),
        ("^\\w+@\\w+\\.se$", "anna@goteborg.se", true),
        ("^\\w+@\\w+\\.se$", "anna@goteborg.com", false),
        ("(?i)^cc0", "CC0-1.0", true),
        ("(?i)^cc0", "cc0-1.0", true),
        ("^CC0", "cc0-1.0", false),
        ("(?i)ÅÄÖ", "åäö", true),
        ("[^a-z]", "abc", false),
        ("[^a-z]", "abC", true),
        ("a.c", "a\nc", false),
        ("a.c", "abc", true),
        ("\\bSE\\b", "EU SE", true),
        ("\\bSE\\b", "ESE", false),
        ("colou?r", "color", true),
        ("ab{2,3}c", "abbbc", true),
        ("ab{2,3}c", "abbbbc", false),
        ("ab{2,}c", "abbbbbc", true),
        ("(?:ab)+$", "xababab", true),
        ("", "anything", true),
        ("a|", "b", true),
        ("[-a]", "-", true),
        ("[a-]", "-", true),
        ("[\\d.]+", "3.14", true),
        ("\\.", "a.b", true),
        ("\\.", "ab", false),
        ("x*", "", true),
        ("^$", "", true),
        ("(a*)*b", "aaab", true),
        ("\\u00e5", "å", true),
        ("\\s", "a b", true),
        ("^\\S+$", "a b", false),
        ("a{,2}", "a{,2}", true),
        // Literals and alternations of literals, searched for directly.
        ("(?i)hälsa|vårdplan|patient", "Stöd för VÅRDPLANER", true),
        ("(?i)hälsa|vårdplan|patient", "Skolskjuts", false),
        ("(?i)openapi|asyncapi", "AsyncAPI 2.6", true),
        ("^(FGS|E-ARK)", "E-ARK SIP", true),
        ("^(FGS|E-ARK)", "Paket FGS", false),
        ("^https://", "", false),
        ("abc", "ab", false),
        ("abc|bcd", "xbcd", true),
        ("é", "café", true),
    ]

    @Test("the table of patterns", arguments: cases)
    func table(pattern: String, text: String, expected: Bool) throws {
        #expect(try CompiledPattern(pattern).matches(text) == expected)
    }

    @Test("patterns that backtrack catastrophically in other engines finish at once")
    func noBacktracking() throws {
        let long = String(repeating: "a", count: 100_000) + "!"
        for pattern in ["^(a+)+$", "^(a|a)*$", "^(a|aa)+$", "(a*)*$x", "^(\\w+\\s?)*$", "(.*a){20}x"] {
            #expect(try CompiledPattern(pattern).matches(long) == false, "\(pattern)")
        }
        #expect(try CompiledPattern("^(a+)+!$").matches(long))
    }

    @Test(
        "unsupported or invalid syntax is rejected with a position",
        arguments: [
            ("(a", "unbalanced '(' at character 1"),
            ("a)", "unbalanced ')' at character 2"),
            ("[a-", "unterminated '[' at character 1"),
            ("*a", "nothing to repeat at character 1"),
            ("a**", "a quantifier cannot follow another quantifier at character 3"),
            ("(a)\\1", "backreferences are not supported (they can make matching slow) at character 4"),
            ("a(?=b)", "lookahead is not supported (it can make matching slow) at character 2"),
            ("(?<=a)b", "lookbehind is not supported at character 1"),
            ("a{5,2}", "the repetition {5,2} has its bounds the wrong way round at character 2"),
            ("a{2000}", "repetition counts above 1000 are not supported at character 2"),
            ("[z-a]", "the range 'z-a' is out of order at character 2"),
            ("\\q", "unknown escape '\\q' at character 1"),
            ("a\\", "a pattern cannot end with '\\' at character 3"),
            ("((a{1000}){1000})", "the pattern is too large (its repetitions expand beyond 20000 steps) at character 1"),
        ])
    func rejected(pattern: String, message: String) {
        #expect(throws: PatternError.self) { try CompiledPattern(pattern) }
        do {
            _ = try CompiledPattern(pattern)
        } catch let error as PatternError {
            #expect(error.message == message)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("agrees with NSRegularExpression on the supported syntax (seeded random texts)")
    func differential() throws {
        let patterns = [
            "^a+b?$", "(ab|ba)+", "[a-c]{2,3}", "^(?:a|b)*c$", "\\bab\\b", "a.b", "[^ab]+$", "^\\d+(\\.\\d+)?$", "b{2}",
            "(a|b|c)d", "^$", "\\s\\w", "c$", "^[abc ]*$", "ab", "ab|ba|d1", "^(ab|c)", "^a", "(?i)AB|Cd", "(?i)^B",
            "^ab|c", "a 1",
        ]
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("abcd 1.2")
        for pattern in patterns {
            let ours = try CompiledPattern(pattern)
            let reference = try NSRegularExpression(pattern: pattern)
            for _ in 0..<300 {
                let length = Int.random(in: 0...8, using: &generator)
                let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
                let expected = reference.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(ours.matches(text) == expected, "\(pattern) on '\(text)'")
            }
        }
    }

    @Test("the case variants of ASCII scalars, taken without Unicode's tables, are Unicode's")
    func asciiCaseVariants() {
        for value in UInt32(0)..<128 {
            let scalar = Unicode.Scalar(value)!
            #expect(PatternMatcher.caseVariants(of: scalar) == PatternMatcher.unicodeCaseVariants(of: scalar), "\(value)")
        }
        #expect(PatternMatcher.caseVariants(of: "Å") == PatternMatcher.unicodeCaseVariants(of: "Å"))
    }
}
