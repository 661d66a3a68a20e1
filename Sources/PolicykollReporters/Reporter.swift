public import PolicykollCore

/// Renders a check report in one output format.
public protocol Reporter: Sendable {
    /// The whole report as text (UTF-8 when written).
    func render(_ report: CheckReport) -> String

    /// The whole report as UTF-8 bytes; formats that build bytes directly (JSON, SARIF) skip the
    /// detour through `String` for large reports.
    func renderBytes(_ report: CheckReport) -> [UInt8]

    /// Hands the report to `sink` in pieces, in order; formats that can stream (JSON) never hold
    /// the whole report in memory at once.
    func write(_ report: CheckReport, to sink: ([UInt8]) -> Void)
}

extension Reporter {
    public func renderBytes(_ report: CheckReport) -> [UInt8] {
        Array(render(report).utf8)
    }

    public func write(_ report: CheckReport, to sink: ([UInt8]) -> Void) {
        sink(renderBytes(report))
    }
}

/// A format that writes itself in pieces (``Reporter/write(_:to:)``, which it must implement);
/// the whole text and bytes are the pieces gathered.
public protocol StreamingReporter: Reporter {}

extension StreamingReporter {
    public func render(_ report: CheckReport) -> String {
        String(decoding: renderBytes(report), as: UTF8.self)
    }

    public func renderBytes(_ report: CheckReport) -> [UInt8] {
        var bytes: [UInt8] = []
        write(report) { bytes += $0 }
        return bytes
    }
}
