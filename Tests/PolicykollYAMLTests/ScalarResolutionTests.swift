import Testing

@testable import PolicykollYAML

@Suite("Scalar resolution: the YAML 1.2 core schema")
struct ScalarResolutionTests {
    /// Loads `value: <text>` and returns the value with the stream's diagnostics.
    func value(_ text: String) -> (YAMLNode.Value?, [YAMLProblem]) {
        let stream = load("value: \(text)\n")
        return (stream.documents.first?.root["value"]?.value, stream.problems)
    }

    /// A value that must resolve cleanly.
    func clean(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> YAMLNode.Value? {
        let (resolved, problems) = value(text)
        #expect(problems.isEmpty, "\(text): \(problems)", sourceLocation: sourceLocation)
        return resolved
    }

    @Test("null: null, Null, NULL, ~ and empty", arguments: ["null", "Null", "NULL", "~", ""])
    func nulls(text: String) {
        #expect(clean(text) == .null)
    }

    @Test("an empty value in a flow mapping and an empty document are null")
    func emptyNulls() throws {
        let document = root("{a: , b}")
        #expect(document["a"]?.value == .null)
        #expect(document["b"]?.value == .null)
        #expect(load("---\n").documents.map(\.root.value) == [.null])
    }

    @Test(
        "booleans: true/false in three spellings",
        arguments: [
            ("true", true), ("True", true), ("TRUE", true), ("false", false), ("False", false), ("FALSE", false),
        ])
    func booleans(text: String, expected: Bool) {
        #expect(clean(text) == .bool(expected))
    }

    @Test("other spellings of true/false are strings", arguments: ["tRUE", "fAlse", "yes", "NO", "off", "On", "y", "N"])
    func notBooleans(text: String) {
        let (resolved, _) = value(text)
        #expect(resolved == .string(text))
    }

    @Test(
        "integers: decimal, 0o octal, 0x hex",
        arguments: [
            ("0", 0), ("42", 42), ("-17", -17), ("+17", 17), ("007", 7), ("0o17", 15), ("0o0", 0),
            ("0x1F", 31), ("0xff", 255), ("0x0", 0),
            ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
            ("0x7FFFFFFFFFFFFFFF", Int.max),
        ])
    func integers(text: String, expected: Int) {
        #expect(clean(text) == .int(expected))
    }

    @Test(
        "not integers of the core schema are strings",
        arguments: [
            "0b101", "0O17", "0X1F", "0o", "0x", "0o8", "0xG", "1_000", "12a", "+", "1:20", "--1", "-0x10", "+0o7",
        ])
    func notIntegers(text: String) {
        let (resolved, _) = value(text)
        #expect(resolved == .string(text))
    }

    @Test(
        "integers beyond 64 bits are an error and stay strings",
        arguments: [
            "9223372036854775808", "-9223372036854775809", "0x10000000000000000", "0o2000000000000000000000",
            "123456789012345678901234567890",
        ])
    func integerOutOfRange(text: String) {
        let (resolved, problems) = value(text)
        #expect(resolved == .string(text))
        #expect(problems == [.integerOutOfRange(text)])
        #expect(problems.allSatisfy { $0.isError })
    }

    @Test(
        "floats",
        arguments: [
            ("1.5", 1.5), ("-1.5", -1.5), ("+1.5", 1.5), ("0.5", 0.5), (".5", 0.5), ("-.5", -0.5), ("1.", 1.0),
            ("1e3", 1000.0), ("1E3", 1000.0), ("1.5e-3", 0.0015), ("-2.5E+2", -250.0), ("6.02e23", 6.02e23),
            ("0.0", 0.0), (".inf", .infinity), (".Inf", .infinity), (".INF", .infinity), ("+.inf", .infinity),
            ("-.inf", -.infinity), ("-.Inf", -.infinity), ("-.INF", -.infinity),
        ])
    func floats(text: String, expected: Double) {
        #expect(clean(text) == .float(expected))
    }

    @Test("NaN in three spellings", arguments: [".nan", ".NaN", ".NAN"])
    func notANumber(text: String) {
        guard case .float(let double) = clean(text) else {
            Issue.record("\(text) is not a float")
            return
        }
        #expect(double.isNaN)
    }

    @Test(
        "not floats of the core schema are strings",
        arguments: [
            ".", "1e", "e3", "1.5.6", "1,5", ".nAn", "inf", "-inf", "nan", "1e3.5", "0x1p3", "1.0f", "Infinity",
        ])
    func notFloats(text: String) {
        let (resolved, _) = value(text)
        #expect(resolved == .string(text))
    }

    @Test(
        "dates, versions and words are strings",
        arguments: [
            "2026-01-01", "2026-01-01T10:00:00Z", "1.2.3", "v1", "hello world", "12:30", "/path/to", "a,b",
        ])
    func strings(text: String) {
        #expect(clean(text) == .string(text))
    }

    @Test(
        "quoted scalars are always strings",
        arguments: [
            "\"true\"", "'false'", "\"null\"", "'~'", "\"\"", "''", "\"42\"", "'0x1F'", "\"1.5\"", "'.inf'", "\"yes\"",
        ])
    func quoted(text: String) {
        let expected = String(text.dropFirst().dropLast())
        #expect(clean(text) == .string(expected))
    }

    @Test("block scalars are strings")
    func blockScalars() {
        #expect(clean("|\n  42\n") == .string("42\n"))
        #expect(clean(">-\n  true\n") == .string("true"))
    }

    @Test(
        "!!str makes any scalar a string", arguments: ["!!str 42", "!!str true", "!!str null", "!!str", "!!str ~", "!!str 0x10"])
    func strTag(text: String) {
        let expected = String(text.dropFirst("!!str".count).drop { $0 == " " })
        #expect(clean(text) == .string(expected))
    }

    @Test("!!int, !!float, !!bool and !!null resolve their text")
    func standardTags() {
        #expect(clean("!!int 42") == .int(42))
        #expect(clean("!!int \"42\"") == .int(42))
        #expect(clean("!!int 0x10") == .int(16))
        #expect(clean("!!float 1.5") == .float(1.5))
        #expect(clean("!!float 2") == .float(2.0))
        #expect(clean("!!float '-.inf'") == .float(-.infinity))
        #expect(clean("!!bool true") == .bool(true))
        #expect(clean("!!bool FALSE") == .bool(false))
        #expect(clean("!!null ~") == .null)
        #expect(clean("!!null") == .null)
        #expect(clean("!!null ''") == .null)
    }

    @Test("the long form of a standard tag works like the short one")
    func verbatimTags() {
        #expect(clean("!<tag:yaml.org,2002:int> 7") == .int(7))
        #expect(clean("!<tag:yaml.org,2002:str> 7") == .string("7"))
    }

    @Test("the non-specific tag ! makes a plain scalar a string", arguments: ["! 42", "! true", "! null", "! 1.5"])
    func nonSpecificTag(text: String) {
        #expect(clean(text) == .string(String(text.dropFirst(2))))
    }

    @Test(
        "local and unknown tags leave the text a string",
        arguments: ["!custom 42", "!!binary aGVsbG8=", "!!timestamp 2026-01-01"])
    func otherTags(text: String) {
        let expected = String(text.split(separator: " ", maxSplits: 1)[1])
        #expect(clean(text) == .string(expected))
    }

    @Test(
        "a value that does not fit its tag is an error and stays a string",
        arguments: [
            ("!!int", "abc"), ("!!int", "1.5"), ("!!int", "true"), ("!!int", "-0o10"), ("!!float", "abc"), ("!!float", "true"),
            ("!!bool", "yes"), ("!!bool", "1"), ("!!bool", "abc"), ("!!null", "abc"), ("!!null", "0"),
        ])
    func badTaggedValue(tag: String, text: String) {
        let (resolved, problems) = value("\(tag) \(text)")
        #expect(resolved == .string(text))
        #expect(problems == [.invalidTaggedValue(tag: tag, text: text)])
        #expect(problems.first?.message.contains(tag) == true)
    }

    @Test("!!int out of range reports the range, not the tag")
    func taggedIntegerOutOfRange() {
        let (resolved, problems) = value("!!int 99999999999999999999")
        #expect(resolved == .string("99999999999999999999"))
        #expect(problems == [.integerOutOfRange("99999999999999999999")])
    }

    @Test("tags on collections do not change them")
    func collectionTags() {
        let document = root("a: !!map {b: 1}\nc: !!seq [1]\nd: !custom {e: f}\n")
        #expect(document["a"]?["b"]?.value == .int(1))
        #expect(document["c"]?.items?.map(\.value) == [.int(1)])
        #expect(document["d"]?["e"]?.string == "f")
    }

    @Test("keys keep their text as written, whatever it resolves to")
    func keyText() throws {
        let document = root("1: a\ntrue: b\nnull: c\n0x10: d\n\"quoted\": e\n1.50: f\n")
        #expect(document.entries?.map(\.key) == ["1", "true", "null", "0x10", "quoted", "1.50"])
    }

    @Test("multi-line plain and quoted scalars fold")
    func folding() {
        let document = root("a: one\n  two\nb: \"x\n  y\"\nc: 'it''s'\nd: \"tab\\tnew\\nline \\u00e5\"\n")
        #expect(document["a"]?.string == "one two")
        #expect(document["b"]?.string == "x y")
        #expect(document["c"]?.string == "it's")
        #expect(document["d"]?.string == "tab\tnew\nline å")
    }

    @Test("the resolver itself, without libyaml")
    func resolverDirectly() {
        #expect(ScalarResolver.resolve("12", plain: true, tag: nil) == .value(.int(12)))
        #expect(ScalarResolver.resolve("12", plain: false, tag: nil) == .value(.string("12")))
        #expect(ScalarResolver.resolve("", plain: true, tag: nil) == .value(.null))
        #expect(ScalarResolver.resolve("", plain: false, tag: nil) == .value(.string("")))
        #expect(ScalarResolver.resolve("12", plain: true, tag: "tag:yaml.org,2002:str") == .value(.string("12")))
        #expect(ScalarResolver.isAmbiguousBoolean("YeS"))
        #expect(!ScalarResolver.isAmbiguousBoolean("yess"))
    }
}
