public import PolicykollCore
import PolicykollYAML

/// JUnit XML for test-report tools: one test suite per declaration, one test case per applicable
/// rule (passes included); failures carry `file:line:col` and the message; excepted and baseline
/// findings are skipped test cases with their reason. Input errors form a suite of their own.
///
/// Valid against the strict Apache Ant JUnit schema; the timestamp is the as-of date at
/// midnight, so the same input gives the same report.
public struct JUnitReporter: Reporter {
    /// Creates a JUnit reporter.
    public init() {}

    public func render(_ report: CheckReport) -> String {
        let timestamp = "\(report.asOf)T00:00:00"
        var suites: [String] = []
        var findingsByDeclaration: [String: [String: [Finding]]] = [:]
        for finding in report.findings {
            findingsByDeclaration[finding.declarationID, default: [:]][finding.ruleID, default: []].append(finding)
        }
        for (index, result) in report.results.enumerated() {
            let declaration = result.declaration
            let findings = findingsByDeclaration[declaration.id] ?? [:]
            var cases: [String] = []
            var failures = 0
            var skipped = 0
            for outcome in result.outcomes {
                if case .notApplicable = outcome.result { continue }
                let rule = report.pack.rules[outcome.ruleIndex]
                let ruleFindings = findings[rule.id] ?? []
                let open = ruleFindings.filter { $0.status == .open }
                let name = "\(rule.id) \(rule.title.text(report.language))"
                var testCase =
                    "    <testcase name=\"\(XMLText.escape(name))\" classname=\"\(XMLText.escape(declaration.id))\" time=\"0\""
                if !open.isEmpty {
                    failures += 1
                    let body = open.map {
                        "\($0.file):\($0.mark.line):\($0.mark.column): \($0.severity.rawValue): [\($0.ruleID)] \($0.message)"
                    }
                    .joined(separator: "\n")
                    let first = open[0]
                    testCase +=
                        ">\n      <failure message=\"\(XMLText.escape(first.message))\" type=\"\(first.severity.rawValue)\">"
                    testCase += XMLText.content(body) + "</failure>\n    </testcase>"
                } else if !ruleFindings.isEmpty {
                    skipped += 1
                    let first = ruleFindings[0]
                    let reason =
                        first.status == .excepted
                        ? "excepted: \(first.exception?.reason ?? "")"
                        : "in the baseline: \(first.message)"
                    testCase += ">\n      <skipped message=\"\(XMLText.escape(reason))\"/>\n    </testcase>"
                } else {
                    testCase += "/>"
                }
                cases.append(testCase)
            }
            let properties = [
                ("file", declaration.file), ("kind", declaration.kind), ("name", declaration.name),
                ("organisation", declaration.organisation), ("policy", "\(report.pack.name) \(report.pack.version)"),
                ("asOf", report.asOf.description),
            ]
            suites.append(
                suite(
                    name: declaration.id, package: declaration.organisation, id: index, timestamp: timestamp,
                    tests: cases.count, failures: failures, errors: 0, skipped: skipped, properties: properties, cases: cases))
        }
        if !report.errors.isEmpty {
            let cases = report.errors.map { error -> String in
                let location = error.location
                return "    <testcase name=\"\(XMLText.escape(location))\" classname=\"policykoll.input\" time=\"0\">\n"
                    + "      <error message=\"\(XMLText.escape(error.message))\" type=\"input\">"
                    + XMLText.content("\(location): error: \(error.message)") + "</error>\n    </testcase>"
            }
            suites.append(
                suite(
                    name: "policykoll input errors", package: "policykoll", id: suites.count, timestamp: timestamp,
                    tests: cases.count, failures: 0, errors: cases.count, skipped: 0, properties: [], cases: cases))
        }
        // Warnings (expired or unused exceptions, loader notes) are no test: a suite of none
        // carries them as its standard error, where CI systems show a suite's log.
        if !report.warnings.isEmpty {
            let log = report.warnings.map { warning in
                warning.location + ": warning: " + warning.message
            }
            suites.append(
                suite(
                    name: "policykoll warnings", package: "policykoll", id: suites.count, timestamp: timestamp, tests: 0,
                    failures: 0, errors: 0, skipped: 0, properties: [], cases: [], standardError: log.joined(separator: "\n")))
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n" + suites.joined() + "</testsuites>\n"
    }

    private func suite(
        name: String, package: String, id: Int, timestamp: String, tests: Int, failures: Int, errors: Int, skipped: Int,
        properties: [(String, String)], cases: [String], standardError: String = ""
    ) -> String {
        var text = "  <testsuite name=\"\(XMLText.escape(name))\" package=\"\(XMLText.escape(package))\" id=\"\(id)\""
        text += " timestamp=\"\(timestamp)\" hostname=\"localhost\" tests=\"\(tests)\" failures=\"\(failures)\""
        text += " errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"0\">\n"
        if properties.isEmpty {
            text += "    <properties/>\n"
        } else {
            text += "    <properties>\n"
            for (key, value) in properties {
                text += "      <property name=\"\(XMLText.escape(key))\" value=\"\(XMLText.escape(value))\"/>\n"
            }
            text += "    </properties>\n"
        }
        for testCase in cases { text += testCase + "\n" }
        text += "    <system-out/>\n"
        text += standardError.isEmpty ? "    <system-err/>\n" : "    <system-err>\(XMLText.content(standardError))</system-err>\n"
        text += "  </testsuite>\n"
        return text
    }
}
