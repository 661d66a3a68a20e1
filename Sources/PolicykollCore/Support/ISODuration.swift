/// An ISO 8601 duration of calendar units, such as `P12M`, `P1Y6M`, `P2W` or `P90D`.
///
/// Time units (`PT…`) are not supported: the date operators work on whole days.
public struct ISODuration: Sendable, Hashable, CustomStringConvertible {
    /// Whole years.
    public var years = 0
    /// Whole months.
    public var months = 0
    /// Whole weeks.
    public var weeks = 0
    /// Whole days.
    public var days = 0
    /// The text it was parsed from.
    public let description: String

    /// Parses `PnYnMnWnD` (each part optional, at least one present), or returns `nil`.
    public init?(_ text: String) {
        description = text
        var scalars = text.unicodeScalars.makeIterator()
        guard scalars.next() == "P" else { return nil }
        var digits = ""
        var sawPart = false
        var lastOrder = -1
        while let scalar = scalars.next() {
            if ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
                continue
            }
            guard !digits.isEmpty, digits.count <= 6, let value = Int(digits) else { return nil }
            let order: Int
            switch scalar {
            case "Y": years = value; order = 0
            case "M": months = value; order = 1
            case "W": weeks = value; order = 2
            case "D": days = value; order = 3
            default: return nil
            }
            guard order > lastOrder else { return nil }
            lastOrder = order
            digits = ""
            sawPart = true
        }
        guard sawPart, digits.isEmpty else { return nil }
    }
}
