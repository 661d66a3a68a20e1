import Foundation

/// CSV for a Swedish Excel: semicolon-separated (Swedish Excel reads `,` as the decimal
/// separator), UTF-8 with a byte-order mark (without it Excel reads å, ä, ö as Windows-1252),
/// CRLF line ends and RFC 4180 quoting.
public enum CSVText {
    /// The delimiter.
    public static let delimiter = ";"
    /// The line end.
    public static let lineEnd = "\r\n"
    /// The UTF-8 byte-order mark that makes Excel read the file as UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// One record.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: delimiter) + lineEnd
    }

    /// One field: neutralised against formula injection, then quoted when it holds the
    /// delimiter, a quote, a line break or leading or trailing spaces.
    public static func field(_ text: String) -> String {
        var value = text
        // A cell starting with one of these is run as a formula by spreadsheet programs
        // (=HYPERLINK(…), +cmd|…, -2+3, @SUM(…)); a leading apostrophe makes it text (OWASP).
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        let needsQuotes =
            value.unicodeScalars.contains { [";", "\"", "\n", "\r", ","].contains($0) }
            || value.hasPrefix(" ") || value.hasSuffix(" ")
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
