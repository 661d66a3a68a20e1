/// The time of day that may follow a date in a declaration, checked and then ignored: the date
/// operators compare days.
enum TimeOfDay {
    /// Whether bytes after `YYYY-MM-DD` are a time as a YAML 1.1 timestamp writes it, or as
    /// ISO 8601 writes it after a `T`.
    static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        var yaml = Scanner(bytes)
        if yaml.yamlTime() { return true }
        var iso = Scanner(bytes)
        return iso.isoTime()
    }

    /// A cursor over the bytes, each method taking what it reads only when it matches.
    private struct Scanner {
        var rest: ArraySlice<UInt8>

        init(_ bytes: ArraySlice<UInt8>) { rest = bytes }

        /// `[Tt]|[ \t]+`, `H:MM:SS`, an optional fraction, an optional zone after optional blanks.
        mutating func yamlTime() -> Bool {
            guard take("T") || take("t") || blanks() else { return false }
            let hourDigits = digitCount(atMost: 2)
            guard hourDigits > 0, let hour = field(hourDigits), take(":"), let minute = field(2), take(":"),
                let second = field(2)
            else { return false }
            var fractionIsZero = true
            if take(".") { fractionIsZero = fraction() ?? true }
            guard isTime(hour, minute, second, fractionIsZero: fractionIsZero) else { return false }
            // Blanks only before a zone.
            if blanks(), rest.isEmpty { return false }
            return zoneToEnd(iso: false)
        }

        /// `T` then `hh`, `hh:mm`, `hh:mm:ss` (or the same without colons), a fraction of the
        /// last, and an optional zone.
        mutating func isoTime() -> Bool {
            guard take("T") || take("t"), let hour = field(2) else { return false }
            var minute: Int?
            var second = 0
            if take(":") {
                // Extended: colons between every field given.
                guard let minutes = field(2) else { return false }
                minute = minutes
                if take(":") {
                    guard let seconds = field(2) else { return false }
                    second = seconds
                }
            } else if let minutes = field(2) {
                // Basic: no colon at all.
                minute = minutes
                second = field(2) ?? 0
            }
            var fractionIsZero = true
            if take(".") || take(",") {
                guard let zero = fraction() else { return false }
                fractionIsZero = zero
            }
            // 24 is the end of a day only with its minutes written (24:00, 2400).
            guard let minutes = minute ?? (hour == 24 ? nil : 0),
                isTime(hour, minutes, second, fractionIsZero: fractionIsZero)
            else { return false }
            return zoneToEnd(iso: true)
        }

        /// Hours up to 23 (24 only for midnight at the end of a day, 24:00:00), minutes up to 59,
        /// seconds up to 60 (a leap second).
        private func isTime(_ hour: Int, _ minute: Int, _ second: Int, fractionIsZero: Bool) -> Bool {
            if hour == 24 { return minute == 0 && second == 0 && fractionIsZero }
            return hour <= 23 && minute <= 59 && second <= 60
        }

        /// A zone and nothing after it, or nothing at all: `Z`, or a sign and hours and minutes —
        /// in YAML `±H`, `±HH` or `±H(H):MM`; in ISO 8601 `±HH`, `±HH:MM` or `±HHMM`.
        private mutating func zoneToEnd(iso: Bool) -> Bool {
            if rest.isEmpty { return true }
            if take("Z") { return rest.isEmpty }
            guard take("+") || take("-") else { return false }
            let digits = iso ? 2 : digitCount(atMost: 2)
            guard digits > 0, let hours = field(digits), hours <= 14 else { return false }
            if rest.isEmpty { return true }
            guard take(":") || iso, let minutes = field(2), minutes <= 59 else { return false }
            return rest.isEmpty
        }

        /// The digits of a fraction: whether they are all zero, or `nil` when there are none.
        private mutating func fraction() -> Bool? {
            let digits = rest.prefix { $0 >= 48 && $0 <= 57 }
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(digits.count)
            return digits.allSatisfy { $0 == 48 }
        }

        private func digitCount(atMost limit: Int) -> Int {
            rest.prefix(limit).prefix { $0 >= 48 && $0 <= 57 }.count
        }

        /// A number of exactly `count` digits.
        private mutating func field(_ count: Int) -> Int? {
            guard digitCount(atMost: count) == count else { return nil }
            let value = rest.prefix(count).reduce(0) { $0 * 10 + Int($1 - 48) }
            rest = rest.dropFirst(count)
            return value
        }

        private mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard rest.first == UInt8(ascii: character) else { return false }
            rest = rest.dropFirst()
            return true
        }

        private mutating func blanks() -> Bool {
            let count = rest.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
            rest = rest.dropFirst(count)
            return count > 0
        }
    }
}
