public import PolicykollCore

/// Renders a check report in one output format.
public protocol Reporter: Sendable {
    /// The whole report as text (UTF-8 when written).
    func render(_ report: CheckReport) -> String
}
