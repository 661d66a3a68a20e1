public import PolicykollCore

/// The recorded audits of a history and the trend per area and organisation, as text, JSON or
/// Markdown (`policykoll history DB`).
public struct HistoryReporter: Sendable {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        case text, json, markdown
    }

    /// The format.
    public var format: Format
    /// The language of headings and area titles.
    public var language: Language

    /// Creates a reporter.
    public init(format: Format, language: Language) {
        self.format = format
        self.language = language
    }

    /// One trend table: a row per group, a value per audit.
    struct Table {
        var rows: [(key: String, title: String, values: [Double?])]

        /// The change between the last two audits that both have a value.
        static func change(_ values: [Double?]) -> Double? {
            guard values.count >= 2, let last = values[values.count - 1], let before = values[values.count - 2] else {
                return nil
            }
            return AuditTally.floorOneDecimal(last) - AuditTally.floorOneDecimal(before)
        }
    }

    /// Renders the history of a database.
    public func render(_ audits: [AuditSnapshot], database: String) -> String {
        let areas = areaTable(audits)
        let organisations = organisationTable(audits)
        switch format {
        case .json: return json(audits, areas: areas, organisations: organisations).prettyText + "\n"
        case .markdown: return markdown(audits, areas: areas, organisations: organisations)
        case .text: return text(audits, database: database, areas: areas, organisations: organisations)
        }
    }

    func areaTable(_ audits: [AuditSnapshot]) -> Table {
        var order: [String] = []
        var titles: [String: String] = [:]
        for audit in audits {
            for area in audit.areas where titles[area.id] == nil {
                order.append(area.id)
                titles[area.id] = area.title.text(language)
            }
        }
        return Table(
            rows: order.map { id in
                (id, titles[id] ?? id, audits.map { audit in audit.areas.first { $0.id == id }?.tally.percent })
            })
    }

    func organisationTable(_ audits: [AuditSnapshot]) -> Table {
        let names = Set(audits.flatMap { $0.organisations.map(\.name) }).sorted()
        return Table(
            rows: names.map { name in
                (name, name, audits.map { audit in audit.organisations.first { $0.name == name }?.tally.percent })
            })
    }

    // MARK: - JSON

    func json(_ audits: [AuditSnapshot], areas: Table, organisations: Table) -> JSONValue {
        func rows(_ table: Table, key: String) -> JSONValue {
            .array(
                table.rows.map { row in
                    .object([
                        (key, .string(row.key)), ("title", .string(row.title)),
                        (
                            "values",
                            .array(
                                zip(audits, row.values).map { audit, value in
                                    .object([("label", .string(audit.label)), ("pct", AuditJSONReporter.percent(value))])
                                })
                        ),
                        ("change", AuditFormat.roundedChange(Table.change(row.values)).map { .double($0) } ?? .null),
                    ])
                })
        }
        return .object([
            (
                "audits",
                .array(
                    audits.map { audit in
                        .object(
                            [
                                ("label", .string(audit.label)), ("asOf", .string(audit.asOf.description)),
                                (
                                    "policy",
                                    .object([
                                        ("name", .string(audit.policyName)), ("version", .string(audit.policyVersion)),
                                        ("sha256", .string(audit.policySHA256)),
                                    ])
                                ),
                                ("toolVersion", .string(audit.toolVersion)), ("recordedAt", .string(audit.recordedAt)),
                                ("systems", .int(audit.systems)), ("inputErrors", .int(audit.inputErrors)),
                                ("overall", AuditJSONReporter.percent(audit.overall)),
                            ] + AuditJSONReporter.counts(audit.overall))
                    })
            ),
            ("overall", rows(Table(rows: [("overall", "overall", audits.map(\.overall.percent))]), key: "id")),
            ("areas", rows(areas, key: "id")),
            ("organisations", rows(organisations, key: "name")),
        ])
    }

    // MARK: - Text and Markdown

    func text(_ audits: [AuditSnapshot], database: String, areas: Table, organisations: Table) -> String {
        let say = Wording(language: language)
        guard !audits.isEmpty else {
            return say("Inga revisioner är registrerade i \(database).\n", "No audits are recorded in \(database).\n")
        }
        var text = say("Registrerade revisioner i \(database)\n\n", "Audits recorded in \(database)\n\n")
        let header = [
            say("etikett", "label"), say("per", "as of"), say("regelpaket", "rule pack"), say("system", "systems"),
            say("indatafel", "input errors"),
            say("efterlevnad", "compliance"), say("registrerad", "recorded"),
        ]
        let rows = audits.map { audit in
            [
                audit.label, audit.asOf.description, "\(audit.policyName) \(audit.policyVersion)", String(audit.systems),
                String(audit.inputErrors), percentText(audit.overall.percent), audit.recordedAt ?? "",
            ]
        }
        text += Self.columns([header] + rows, rightAligned: [3, 4, 5])
        let overall = Table(rows: [("", say("Hela inventeringen", "Whole inventory"), audits.map(\.overall.percent))])
        for (heading, table) in [
            (say("Efterlevnad totalt", "Overall compliance"), overall), (say("Per område", "By area"), areas),
            (say("Per organisation", "By organisation"), organisations),
        ] {
            text += "\n" + heading + " (%; " + say("förändring sedan föregående", "change since the previous audit") + ")\n\n"
            let header = [""] + audits.map(\.label) + [say("förändring", "change")]
            let rows = table.rows.map { row in
                [row.title] + row.values.map(percentText) + [AuditFormat.change(Table.change(row.values), language)]
            }
            text += Self.columns([header] + rows, rightAligned: Set(1..<(audits.count + 2)))
        }
        return text
    }

    func markdown(_ audits: [AuditSnapshot], areas: Table, organisations: Table) -> String {
        let say = Wording(language: language)
        var text = "# " + say("Efterlevnad över tid", "Compliance over time") + "\n\n"
        guard !audits.isEmpty else { return text + say("Inga revisioner är registrerade.\n", "No audits are recorded.\n") }
        text += "| " + say("etikett", "label") + " | " + say("per", "as of") + " | " + say("regelpaket", "rule pack")
        // Input errors, as in the text: an audit that could not read everything is shown as incomplete.
        text += " | " + say("system", "systems") + " | " + say("indatafel", "input errors") + " | "
        text += say("efterlevnad", "compliance") + " |\n|---|---|---|---:|---:|---:|\n"
        for audit in audits {
            text +=
                "| \(MarkdownReporter.cell(audit.label)) | \(audit.asOf) | \(MarkdownReporter.cell("\(audit.policyName) \(audit.policyVersion)")) | "
            text += "\(audit.systems) | \(audit.inputErrors) | \(percentText(audit.overall.percent)) |\n"
        }
        for (heading, table) in [
            (say("Per område", "By area"), areas), (say("Per organisation", "By organisation"), organisations),
        ] {
            text += "\n## \(heading)\n\n| | " + audits.map { MarkdownReporter.cell($0.label) }.joined(separator: " | ")
            text += " | " + say("förändring", "change") + " |\n|---|" + String(repeating: "---:|", count: audits.count + 1) + "\n"
            for row in table.rows {
                text += "| \(MarkdownReporter.cell(row.title)) | " + row.values.map(percentText).joined(separator: " | ")
                text += " | \(AuditFormat.change(Table.change(row.values), language)) |\n"
            }
        }
        return text
    }

    func percentText(_ value: Double?) -> String {
        value == nil ? "–" : AuditFormat.percent(value, language) + " %"
    }

    /// Aligned columns, two spaces apart.
    static func columns(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let cleaned = rows.map { $0.map { String($0.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) }) } }
        var widths: [Int] = []
        for row in cleaned {
            for (index, cell) in row.enumerated() {
                if index >= widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        var text = ""
        for row in cleaned {
            var line = ""
            for (index, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                line += (index == 0 ? "" : "  ") + (rightAligned.contains(index) ? padding + cell : cell + padding)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
        }
        return text
    }
}
