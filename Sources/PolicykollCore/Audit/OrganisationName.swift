import Foundation

/// How the audit groups and orders organisations: by name as a person reads it.
public enum OrganisationName {
    /// The name that groups a system: without leading, trailing or doubled white space, so
    /// that `"Grundskoleförvaltningen "` is not a second organisation that looks like the first.
    public static func key(_ name: String) -> String {
        name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether one name comes before another in Swedish alphabetical order (…, Z, Å, Ä, Ö; É with
    /// E; case and accents only to break ties), and by code points when Swedish order ties, so
    /// that the order is the same on every machine.
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        switch lhs.compare(rhs, options: [], range: nil, locale: swedish) {
        case .orderedAscending: true
        case .orderedDescending: false
        case .orderedSame: Array(lhs.unicodeScalars.map(\.value)).lexicographicallyPrecedes(rhs.unicodeScalars.map(\.value))
        }
    }

    private static let swedish = Locale(identifier: "sv_SE")
}
