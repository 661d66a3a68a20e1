import PolicykollTestSupport
import PolicykollYAML
import Testing

@testable import PolicykollCore

@Suite("Exceptions: approved, justified, expiring; matched by rule, declaration and path")
struct ExceptionTests {
    static let rules =
        Fixtures.rule(id: "R-1", assert: "{path: spec.hosting.model, equals: city-datacenter}")
        + Fixtures.rule(id: "R-2", assert: "{each: spec.locations, assert: {in: [SE]}}", severity: "warning")

    static let declaration = Fixtures.declarationText(
        id: "hr",
        spec: """
              hosting: {model: saas}
              locations: [SE, US, CN]
            """)

    static func exceptionsFile(_ entries: String) -> String {
        "apiVersion: policykoll/v1\nkind: Exceptions\nexceptions:\n" + entries
    }

    static func entry(
        rule: String = "R-1", declaration: String = "hr", path: String? = nil, expires: String = "2027-06-30",
        extra: String = ""
    ) -> String {
        var text = "  - rule: \(rule)\n    declaration: \(declaration)\n"
        if let path { text += "    path: \(path)\n" }
        text +=
            "    reason: Avtal löper ut 2027\n    approvedBy: IT-chef Anna Berg\n    decision: Dnr 1234/26\n    expires: \(expires)\n"
        return text + extra
    }

    func check(_ entries: String, declaration: String = declaration) throws -> CheckReport {
        try Fixtures.check(
            rules: Self.rules, declarations: [("hr.yaml", declaration)],
            exceptions: [("exceptions.yaml", Self.exceptionsFile(entries))])
    }

    @Test("an Exceptions document of another or no apiVersion says so at its apiVersion")
    func apiVersion() throws {
        for (text, message, line, column) in [
            (
                "apiVersion: policykoll/v2\nkind: Exceptions\nexceptions: []\n",
                "unsupported apiVersion 'policykoll/v2'; expected 'policykoll/v1'", 1, 13
            ),
            ("kind: Exceptions\nexceptions: []\n", "an Exceptions document needs 'apiVersion'", 1, 1),
        ] {
            let report = try Fixtures.check(
                rules: Self.rules, declarations: [("hr.yaml", Self.declaration)], exceptions: [("exceptions.yaml", text)])
            #expect(
                report.errors.map { "\($0.mark?.line ?? 0):\($0.mark?.column ?? 0) \($0.message)" } == [
                    "\(line):\(column) \(message)"
                ])
        }
    }

    @Test("a trailing --- in an exceptions file is passed over")
    func trailingDocumentMarker() throws {
        let report = try Fixtures.check(
            rules: Self.rules, declarations: [("hr.yaml", Self.declaration)],
            exceptions: [("exceptions.yaml", Self.exceptionsFile(Self.entry()) + "---\n")])
        #expect(report.errors.isEmpty, "\(report.errors.map(\.message))")
        #expect(report.findings.filter { $0.ruleID == "R-1" }.map(\.status) == [.excepted])
    }

    @Test("an unexpired exception makes the finding excepted: still reported, never open")
    func active() throws {
        let report = try check(Self.entry())
        let finding = try #require(report.findings.first { $0.ruleID == "R-1" })
        #expect(finding.status == .excepted)
        #expect(finding.exception?.reason == "Avtal löper ut 2027")
        #expect(!report.hasOpenFinding(atOrAbove: .error))
        #expect(report.summary.excepted == 1)
        #expect(report.exceptions.map(\.state) == [.active])
        #expect(report.warnings.isEmpty)
    }

    @Test("an exception applies through its expiry day")
    func lastDay() throws {
        let report = try check(Self.entry(expires: "2026-11-26"))
        #expect(report.findings.first { $0.ruleID == "R-1" }?.status == .excepted)
        #expect(report.warnings.first?.message.contains("expires on 2026-11-26, in 0 days") == true)
    }

    @Test("an expired exception does not apply, and the report says it expired")
    func expired() throws {
        let report = try check(Self.entry(expires: "2026-11-25"))
        #expect(report.findings.first { $0.ruleID == "R-1" }?.status == .open)
        #expect(report.exceptions.map(\.state) == [.expired])
        let warning = try #require(report.warnings.first)
        #expect(warning.message == "the exception for R-1 on hr expired on 2026-11-25; its finding is open again")
        #expect(warning.file == "exceptions.yaml")
        #expect(warning.mark == Mark(line: 4, column: 5))
    }

    @Test("an expired exception whose finding another, active exception covers does not call it open again")
    func expiredButCovered() throws {
        let report = try check(Self.entry(expires: "2026-01-01") + Self.entry(expires: "2027-06-30"))
        #expect(report.findings.first { $0.ruleID == "R-1" }?.status == .excepted)
        #expect(report.exceptions.map(\.state) == [.expired, .active])
        #expect(report.warnings.map(\.message) == ["the exception for R-1 on hr expired on 2026-01-01"])

        // Nor one that the baseline still covers.
        let open = try check(Self.entry(expires: "2026-01-01"))
        let finding = try #require(open.findings.first { $0.ruleID == "R-1" })
        let baselined = try Fixtures.check(
            rules: Self.rules, declarations: [("hr.yaml", Self.declaration)],
            exceptions: [("exceptions.yaml", Self.exceptionsFile(Self.entry(expires: "2026-01-01")))],
            baseline: "{\"findings\": [{\"fingerprint\": \"\(finding.fingerprint)\"}]}")
        #expect(baselined.findings.first { $0.ruleID == "R-1" }?.status == .baseline)
        #expect(baselined.warnings.map(\.message) == ["the exception for R-1 on hr expired on 2026-01-01"])
    }

    @Test("an exception for a rule the pack does not have is unused, and the warning names the likely rule")
    func unknownRule() throws {
        let report = try check(Self.entry(rule: "R-11") + Self.entry(rule: "ZZZ-99"))
        #expect(report.errors.isEmpty)
        #expect(report.exceptions.map(\.state) == [.unused, .unused])
        #expect(
            report.warnings.map(\.message) == [
                "the exception for R-11 on hr matches no finding (unused): the rule pack has no rule 'R-11'; did you mean 'R-1'?",
                "the exception for ZZZ-99 on hr matches no finding (unused): the rule pack has no rule 'ZZZ-99'",
            ])
        #expect(report.warnings.first?.mark == Mark(line: 4, column: 5))
    }

    @Test("an exception expiring within 30 days gives a warning; later ones do not")
    func expiringSoon() throws {
        let soon = try check(Self.entry(expires: "2026-12-20"))
        #expect(soon.warnings.map(\.message) == ["the exception for R-1 on hr expires on 2026-12-20, in 24 days"])
        let later = try check(Self.entry(expires: "2026-12-27"))
        #expect(later.warnings.isEmpty)
    }

    @Test("an exception that matches nothing is reported as unused")
    func unused() throws {
        let report = try check(Self.entry(declaration: "other-system"))
        #expect(report.exceptions.map(\.state) == [.unused])
        #expect(report.warnings.first?.message.contains("matches no finding (unused)") == true)
    }

    @Test("a path narrows the exception to findings at or below it")
    func pathNarrowing() throws {
        let report = try check(Self.entry(rule: "R-2", path: "\"spec.locations[1]\""))
        let statuses = report.findings.filter { $0.ruleID == "R-2" }.map { "\($0.path) \($0.status.rawValue)" }
        #expect(statuses == ["spec.locations[1] excepted", "spec.locations[2] open"])
        let wide = try check(Self.entry(rule: "R-2", path: "spec.locations"))
        #expect(wide.findings.filter { $0.ruleID == "R-2" }.allSatisfy { $0.status == .excepted })
        let sibling = try check(Self.entry(rule: "R-2", path: "spec.loc"))
        #expect(sibling.findings.filter { $0.ruleID == "R-2" }.allSatisfy { $0.status == .open })
    }

    @Test("inline exceptions in metadata.exceptions imply their declaration")
    func inline() throws {
        let declaration = """
            apiVersion: policykoll/v1
            kind: System
            metadata:
              id: hr
              name: HR
              organisation: Intraservice
              exceptions:
                - {rule: R-1, reason: Beslut i nämnden, approvedBy: Nämnden, expires: 2027-01-31}
            spec:
              hosting: {model: saas}
              locations: [SE]
            """
        let report = try Fixtures.check(rules: Self.rules, declarations: [("hr.yaml", declaration)])
        #expect(report.errors.isEmpty)
        #expect(report.findings.map(\.status) == [.excepted])
        #expect(report.exceptions.first?.exception.isInline == true)
    }

    @Test(
        "a malformed exception is a located input error",
        arguments: [
            ("  - {rule: R-1, declaration: hr, approvedBy: X, expires: 2027-01-01}\n", "an exception needs 'reason'", 4, 5),
            ("  - {rule: R-1, declaration: hr, reason: R, expires: 2027-01-01}\n", "an exception needs 'approvedBy'", 4, 5),
            ("  - {rule: R-1, declaration: hr, reason: R, approvedBy: X}\n", "an exception needs 'expires'", 4, 5),
            ("  - {rule: R-1, reason: R, approvedBy: X, expires: 2027-01-01}\n", "an exception needs 'declaration'", 4, 5),
            (
                "  - {rule: R-1, declaration: hr, reason: R, approvedBy: X, expires: 2027-02-30}\n",
                "'expires' must be a date (YYYY-MM-DD), found '2027-02-30'", 4, 69
            ),
            (
                "  - {rule: R-1, declaration: hr, reason: R, approvedBy: X, expires: 2027}\n",
                "'expires' must be a date (YYYY-MM-DD), found '2027'", 4, 69
            ),
            (
                "  - {rule: R-1, declaration: hr, reason: R, approvedBy: X, expires: 2027-01-01, expiry: x}\n",
                "unknown key 'expiry' in an exception; did you mean 'expires'?", 4, 81
            ),
            ("  - just a string\n", "'exception' must be a mapping, found a string", 4, 5),
            (
                "  - {rule: R-1, declaration: hr, reason: '', approvedBy: X, expires: 2027-01-01}\n",
                "'reason' is empty; an exception must say it", 4, 42
            ),
            (
                "  - {rule: R-1, declaration: hr, reason: R, approvedBy: '  ', expires: 2027-01-01}\n",
                "'approvedBy' is empty; an exception must say it", 4, 57
            ),
            (
                "  - {rule: R-1, declaration: hr, reason: [R], approvedBy: X, expires: 2027-01-01}\n",
                "'reason' must be a string, found a list", 4, 42
            ),
            (
                "  - {rule: R-1, declaration: hr, path: 'spec..x', reason: R, approvedBy: X, expires: 2027-01-01}\n",
                "'path' must be a path such as spec.architecture.hosting (dotted keys with optional [n] indexes), found 'spec..x'",
                4, 40
            ),
        ])
    func malformed(entries: String, message: String, line: Int, column: Int) throws {
        let report = try check(entries)
        let error = report.errors.first { $0.message == message }
        #expect(error != nil, "expected '\(message)' in \(report.errors.map(\.message))")
        #expect(error?.file == "exceptions.yaml")
        #expect(error?.mark == Mark(line: line, column: column))
        // The declaration is still checked.
        #expect(report.findings.contains { $0.ruleID == "R-1" && $0.status == .open })
    }

    @Test("a file that is not an Exceptions document is an error")
    func wrongDocument() throws {
        let report = try Fixtures.check(
            rules: Self.rules, declarations: [("hr.yaml", Self.declaration)],
            exceptions: [("exceptions.yaml", "apiVersion: policykoll/v1\nkind: Rules\nrules: []\n")])
        #expect(report.errors.first?.message.contains("found kind 'Rules'") == true)
    }
}

@Suite("Baselines: findings of an earlier report do not fail the gate")
struct BaselineTests {
    @Test("findings whose fingerprint is in the baseline get status baseline; new ones stay open")
    func baseline() throws {
        let rules =
            Fixtures.rule(id: "R-1", assert: "{path: spec.x, exists: true}")
            + Fixtures.rule(id: "R-2", assert: "{path: spec.y, exists: true}")
        let fingerprint = Finding.fingerprint(ruleID: "R-1", declarationID: "sys", path: "spec.x")
        let baseline =
            "{\"findings\": [{\"fingerprint\": \"\(fingerprint)\"}, {\"ruleId\": \"R-9\", \"declaration\": \"gone\", \"path\": \"a\"}]}"
        let report = try Fixtures.check(
            rules: rules, declarations: [("d.yaml", Fixtures.declarationText(spec: "  z: 1"))], baseline: baseline)
        #expect(report.errors.isEmpty)
        #expect(report.findings.map { "\($0.ruleID) \($0.status.rawValue)" } == ["R-1 baseline", "R-2 open"])
        #expect(report.summary.baseline == 1)
        #expect(report.summary.error == 1)
    }

    @Test("a finding that was excepted in the baseline report is not baselined: when its exception expires it is open")
    func exceptedIsNotBaselined() throws {
        let rules = Fixtures.rule(id: "R-1", assert: "{path: spec.x, exists: true}")
        let fingerprint = Finding.fingerprint(ruleID: "R-1", declarationID: "sys", path: "spec.x")
        for (status, expected) in [("excepted", "R-1 open"), ("open", "R-1 baseline"), ("baseline", "R-1 baseline")] {
            let baseline = "{\"findings\": [{\"status\": \"\(status)\", \"fingerprint\": \"\(fingerprint)\"}]}"
            let report = try Fixtures.check(
                rules: rules, declarations: [("d.yaml", Fixtures.declarationText(spec: "  z: 1"))], baseline: baseline)
            #expect(report.findings.map { "\($0.ruleID) \($0.status.rawValue)" } == [expected], "was \(status)")
        }
    }

    @Test("a baseline written by another JSON writer, with surrogate-pair escapes, is read")
    func surrogatePairs() throws {
        let rules = Fixtures.rule(id: "R-1", assert: "{path: spec.x, exists: true}")
        let fingerprint = Finding.fingerprint(ruleID: "R-1", declarationID: "sys", path: "spec.x")
        let baseline = "{\"findings\": [{\"message\": \"ok \\ud83d\\ude00\", \"fingerprint\": \"\(fingerprint)\"}]}"
        let report = try Fixtures.check(
            rules: rules, declarations: [("d.yaml", Fixtures.declarationText(spec: "  z: 1"))], baseline: baseline)
        #expect(report.errors.isEmpty, "\(report.errors.map(\.message))")
        #expect(report.findings.map(\.status) == [.baseline])
    }

    @Test("joining surrogate pairs leaves every other escape, and an escaped backslash before u, as it was")
    func surrogatePairJoining() {
        func joined(_ text: String) -> String {
            String(decoding: Baseline.joiningSurrogatePairs(Array(text.utf8)), as: UTF8.self)
        }
        #expect(joined(#""a\ud83d\ude00b""#) == "\"a😀b\"")
        #expect(joined(#""\\ud83d\ude00""#) == #""\\ud83d\ude00""#)
        #expect(joined(#""\ud83d" "\u00e9\n""#) == #""\ud83d" "\u00e9\n""#)
        #expect(joined(#""\ud83d\u0041""#) == #""\ud83d\u0041""#)
    }

    @Test(
        "a malformed baseline is a located input error",
        arguments: [
            ("[1, 2]", "a baseline is an earlier 'policykoll check --format json' report", 1, 1),
            ("{\"findings\": 3}", "'findings' in a baseline must be a list", 1, 14),
            ("{\"findings\": [{\"ruleId\": \"R-1\"}]}", "a baseline finding needs a 'fingerprint'", 1, 15),
            ("{\"findings\": [", "invalid YAML", 1, 15),
            ("{\"findings\": [], \"findings\": []}", "duplicate key 'findings'", 1, 18),
        ])
    func malformed(text: String, message: String, line: Int, column: Int) throws {
        let report = try Fixtures.check(
            rules: Fixtures.rule(assert: "{path: spec.x, exists: true}"),
            declarations: [("d.yaml", Fixtures.declarationText(spec: "  z: 1"))],
            baseline: text)
        let error = report.errors.first { $0.message.contains(message) }
        #expect(error != nil, "expected '\(message)' in \(report.errors.map(\.message))")
        #expect(error?.file == "baseline.json")
        #expect(error?.mark == Mark(line: line, column: column))
        #expect(report.findings.count == 1)
    }
}
