public import PolicykollCore

/// Renders an audit in one output format.
public protocol AuditReporter: Sendable {
    /// The whole report as text (written as UTF-8).
    func render(_ audit: AuditReport) -> String

    /// Hands the report to `sink` in pieces, in order; formats that can stream (JSON) never hold
    /// the whole report in memory at once.
    func write(_ audit: AuditReport, to sink: ([UInt8]) -> Void)
}

extension AuditReporter {
    public func write(_ audit: AuditReport, to sink: ([UInt8]) -> Void) {
        sink(Array(render(audit).utf8))
    }
}

/// Number formats shared by the audit reporters.
enum AuditFormat {
    /// A percentage as reports show it (`83.3`, `100.0`), with a decimal comma in Swedish, or a
    /// dash when the group has nothing applicable.
    static func percent(_ value: Double?, _ language: Language, dash: String = "–") -> String {
        guard let value else { return dash }
        return number(AuditTally.floorOneDecimal(value), language)
    }

    /// A number with one decimal, with a decimal comma in Swedish.
    static func number(_ value: Double, _ language: Language) -> String {
        let tenths = Int((value * 10).rounded())
        let whole = String(abs(tenths) / 10)
        let fraction = abs(tenths) % 10
        let sign = tenths < 0 ? "−" : ""
        return sign + whole + (language == .sv ? "," : ".") + String(fraction)
    }

    /// A change in percentage points with its sign (`+2,5`, `−1,0`, `±0`), or a dash.
    static func change(_ value: Double?, _ language: Language) -> String {
        guard let value else { return "–" }
        let rounded = (value * 10).rounded() / 10
        if rounded == 0 { return "±0" }
        return (rounded > 0 ? "+" : "") + number(rounded, language)
    }

    /// One-decimal rounding of a change (for JSON).
    static func roundedChange(_ value: Double?) -> Double? {
        value.map { ($0 * 10).rounded() / 10 }
    }
}
