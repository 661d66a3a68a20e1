import PolicykollYAML
import Testing

@testable import PolicykollCore

@Suite("LiteralSet: hashing a literal list gives exactly the answers of a scan")
struct LiteralSetTests {
    static func node(_ value: YAMLNode.Value) -> YAMLNode { YAMLNode(value, mark: .start) }

    static let values: [YAMLNode.Value] = [
        .null, .bool(true), .bool(false), .int(0), .int(1), .int(-1), .float(1.0), .float(-0.0), .float(0.5),
        .float(.nan), .float(.infinity), .int(Int.max), .float(9_223_372_036_854_775_807.0), .int(1 << 53 + 1),
        .float(9_007_199_254_740_992.0), .string("1"), .string(""), .string("true"), .string("a"),
    ]

    @Test("membership agrees with ValueSemantics.equal for every pair of scalars")
    func agreesWithScan() throws {
        let items = Self.values.map(Self.node)
        let set = try #require(LiteralSet(items))
        for probe in Self.values.map(Self.node) + [Self.node(.string("b")), Self.node(.int(2))] {
            let scanned = items.contains { ValueSemantics.equal(probe, $0) }
            #expect(set.contains(probe) == scanned, "\(probe.value)")
        }
        #expect(!set.contains(Self.node(.float(.nan))), "NaN equals nothing")
        #expect(set.contains(Self.node(.float(0.0))), "0.0 equals -0.0 and 0")
    }

    @Test("a list holding a list or a mapping is not hashed")
    func nonScalarItems() {
        #expect(LiteralSet([Self.node(.int(1)), Self.node(.sequence([]))]) == nil)
        #expect(LiteralSet([Self.node(.mapping([]))]) == nil)
    }
}
