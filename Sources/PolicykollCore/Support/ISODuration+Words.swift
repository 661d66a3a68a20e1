extension ISODuration {
    /// The duration as a person reads it: `12 månader`, `1 year and 6 months`.
    public func words(_ language: Language) -> String {
        let sv = language == .sv
        let units: [(Int, String, String, String, String)] = [
            (years, "år", "år", "year", "years"), (months, "månad", "månader", "month", "months"),
            (weeks, "vecka", "veckor", "week", "weeks"), (days, "dag", "dagar", "day", "days"),
        ]
        let parts = units.filter { $0.0 > 0 }.map { count, svOne, svMany, enOne, enMany in
            "\(count) " + (sv ? (count == 1 ? svOne : svMany) : (count == 1 ? enOne : enMany))
        }
        // `P0D`: no part above zero.
        guard let last = parts.last else { return sv ? "0 dagar" : "0 days" }
        guard parts.count > 1 else { return last }
        return parts.dropLast().joined(separator: ", ") + (sv ? " och " : " and ") + last
    }
}
