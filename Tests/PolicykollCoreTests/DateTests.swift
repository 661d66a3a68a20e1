import PolicykollCore
import Testing

@Suite("Dates and durations")
struct DateTests {
    @Test("ISO dates parse; impossible dates do not")
    func parse() {
        #expect(CivilDate(iso: "2026-11-26") == CivilDate(year: 2026, month: 11, day: 26))
        #expect(CivilDate(iso: "2024-02-29") != nil)
        #expect(CivilDate(iso: "2026-02-29") == nil)
        #expect(CivilDate(iso: "2026-13-01") == nil)
        #expect(CivilDate(iso: "2026-1-01") == nil)
        #expect(CivilDate(iso: "26-11-2026") == nil)
        #expect(CivilDate(iso: "2026-11-26T10:00:00Z") == CivilDate(year: 2026, month: 11, day: 26))
        #expect(CivilDate(iso: "2026-11-26x") == nil)
        let day = CivilDate(year: 2026, month: 11, day: 26)
        for time in [
            "T10:00", "T23:59:60", "T10:00:00.123456Z", " 10:00:00 +01:00", "T10:00-05", "T10:00+0130", " 21:59:43.10 -5",
            "t10:00:00Z", "T10", "T1030", "T103000", "T10:00:00,5Z", " 9:30:00", "  10:00:00", "\t10:00:00", "T24:00",
            "T24:00:00.000", "T9:30:00", "T10:00:00." + String(repeating: "5", count: 40) + "Z", " 10:00:00 +05:30",
            " 10:00:00+5", "T10+05", "T10:00+0530", "T2400",
        ] {
            #expect(CivilDate(iso: "2026-11-26" + time) == day, "\(time)")
        }
        for time in [
            "T99:99", "T10:0", "T25:00", "T10:60", "T10:00:61", "T10:00.", "T10:00Zx", "T10:00+123", "T10:00+", "T", " ",
            "T10:", "x10:00", "T10:00 junk", "T24:30", "T24:00:60", "T24:00:00.5", " 10", " 10:00",
            "T10:3000", "T1:00", "T10+5", "T10:00+5:30", " 10:00:00+0530", "T10:00:00 ", " 10:00:00\t", "T24", "T24.0",
        ] {
            #expect(CivilDate(iso: "2026-11-26" + time) == nil, "\(time)")
        }
        #expect(CivilDate(year: 2026, month: 1, day: 5)?.description == "2026-01-05")
    }

    @Test("durations parse in order; others are rejected")
    func durations() {
        #expect(ISODuration("P12M")?.months == 12)
        #expect(ISODuration("P1Y6M")?.years == 1)
        #expect(ISODuration("P2W")?.weeks == 2)
        #expect(ISODuration("P90D")?.days == 90)
        for bad in ["12M", "P", "PM", "P1M1Y", "PT1H", "P1.5Y", "P-1D", "P12", ""] {
            #expect(ISODuration(bad) == nil, "\(bad) must be rejected")
        }
    }

    @Test("durations read as words in both languages")
    func durationWords() throws {
        for (text, sv, en) in [
            ("P12M", "12 månader", "12 months"), ("P1Y", "1 år", "1 year"),
            ("P1Y6M", "1 år och 6 månader", "1 year and 6 months"),
            ("P2Y1M1W3D", "2 år, 1 månad, 1 vecka och 3 dagar", "2 years, 1 month, 1 week and 3 days"),
            ("P0D", "0 dagar", "0 days"),
        ] {
            let duration = try #require(ISODuration(text))
            #expect(duration.words(.sv) == sv)
            #expect(duration.words(.en) == en)
        }
    }

    @Test("subtracting clamps to the month's end and crosses years")
    func subtracting() throws {
        let march31 = try #require(CivilDate(iso: "2026-03-31"))
        #expect(march31.subtracting(try #require(ISODuration("P1M"))).description == "2026-02-28")
        #expect(march31.subtracting(try #require(ISODuration("P12M"))).description == "2025-03-31")
        #expect(march31.subtracting(try #require(ISODuration("P3M"))).description == "2025-12-31")
        #expect(march31.subtracting(try #require(ISODuration("P31D"))).description == "2026-02-28")
        #expect(march31.subtracting(try #require(ISODuration("P1Y2W"))).description == "2025-03-17")
        let leap = try #require(CivilDate(iso: "2024-02-29"))
        #expect(leap.subtracting(try #require(ISODuration("P1Y"))).description == "2023-02-28")
    }

    @Test("language from the locale")
    func language() {
        #expect(Language.fromLocale("en_US.UTF-8") == .en)
        #expect(Language.fromLocale("sv_SE.UTF-8") == .sv)
        #expect(Language.fromLocale("C") == .sv)
        #expect(Language.fromEnvironment(["LANG": "en_GB.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_ALL": "sv_SE.UTF-8", "LANG": "en_GB.UTF-8"]) == .sv)
        #expect(Language.fromEnvironment(["LC_MESSAGES": "en_US.UTF-8", "LANG": "sv_SE.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_ALL": "C.UTF-8", "LANG": "en_GB.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_ALL": "", "LC_MESSAGES": "POSIX", "LANG": "en"]) == .en)
        #expect(Language.fromEnvironment([:]) == .sv)
        #expect(Language.fromLocale(nil) == .sv)
    }
}

@Suite("Paths")
struct RulePathTests {
    @Test("paths parse with keys, indexes and $.")
    func parse() throws {
        let path = try #require(RulePath(parsing: "spec.integrations[2].target"))
        #expect(path.components == [.key("spec"), .key("integrations"), .index(2), .key("target")])
        #expect(path.description == "spec.integrations[2].target")
        #expect(RulePath(parsing: "$.spec.x")?.isAbsolute == true)
        #expect(RulePath(parsing: "[0].name")?.components == [.index(0), .key("name")])
        #expect(RulePath(parsing: "a[1][2]")?.components == [.key("a"), .index(1), .index(2)])
        for bad in ["", "a..b", "a.", ".a", "a[", "a[x]", "a[-1]", "a]b", "a.[0]"] {
            #expect(RulePath(parsing: bad) == nil, "'\(bad)' must be rejected")
        }
    }
}
