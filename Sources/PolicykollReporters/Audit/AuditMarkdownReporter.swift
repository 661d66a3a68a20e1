public import PolicykollCore
import PolicykollYAML

/// The audit's summary and per-area tables in Markdown, for a wiki page or a report appendix.
public struct AuditMarkdownReporter: AuditReporter {
    /// Creates a reporter.
    public init() {}

    public func render(_ audit: AuditReport) -> String {
        let say = Wording(language: audit.language)
        let language = audit.language
        func pct(_ tally: AuditTally) -> String {
            tally.percent == nil ? "–" : AuditFormat.percent(tally.percent, language) + " %"
        }
        func counts(_ tally: AuditTally) -> String {
            "\(tally.pass) | \(tally.fail) | \(tally.excepted) | \(tally.notApplicable)"
        }
        let countHeader = say(
            "uppfyllt | ej uppfyllt | undantag | ej tillämpligt", "pass | fail | excepted | not applicable")
        var text = "# " + say("Efterlevnadsrevision", "Compliance audit") + ": "
        text += "\(MarkdownReporter.code(audit.pack.name)) \(MarkdownReporter.code(audit.pack.version)), "
        text += say("per", "as of") + " \(audit.asOf)\n\n"
        text += "**" + say("Efterlevnad totalt", "Overall compliance") + ": \(pct(audit.overall))** — "
        text += say(
            "\(audit.systems.count) system i " + counted(audit.organisations.count, "organisation", "organisationer") + "; ",
            counted(audit.systems.count, "system", "systems") + " in "
                + counted(audit.organisations.count, "organisation", "organisations") + "; ")
        text += say(
            "\(audit.overall.pass) uppfyllda, \(audit.overall.fail) ej uppfyllda, \(audit.overall.excepted) undantag.",
            "\(audit.overall.pass) passed, \(audit.overall.fail) failed, \(audit.overall.excepted) excepted.")
        text += "\n\n"
        text += say(
            "Efterlevnad = uppfyllda / (uppfyllda + ej uppfyllda). Undantag och ej tillämpliga regler räknas inte in; undantagen visas bredvid.",
            "Compliance = passed / (passed + failed). Excepted and not-applicable outcomes are not counted; exceptions are shown beside it."
        )
        text += "\n\n"
        if !audit.errors.isEmpty {
            text +=
                "> ⚠️ "
                + say(
                    "\(audit.errors.count) indatafel: revisionen omfattar bara det som gick att läsa (se Indatafel nedan).",
                    "\(audit.errors.count) input errors: the audit covers only what could be read (see Input errors below).")
            text += "\n\n"
        }

        text += "## " + say("Per område", "By area") + "\n\n"
        text += "| " + say("område", "area") + " | " + say("efterlevnad", "compliance") + " | \(countHeader) |\n"
        text += "|---|---:|---:|---:|---:|---:|\n"
        for area in audit.areas {
            text += "| \(MarkdownReporter.cell(area.title.text(language))) | \(pct(area.tally)) | \(counts(area.tally)) |\n"
        }

        text += "\n## " + say("Per princip", "By principle") + "\n\n"
        text += "| " + say("princip", "principle") + " | " + say("efterlevnad", "compliance") + " | \(countHeader) |\n"
        text += "|---|---:|---:|---:|---:|---:|\n"
        for principle in audit.principles {
            let title = MarkdownReporter.cell("\(principle.id) \(principle.title.text(language))")
            text += "| \(title) | \(pct(principle.tally)) | \(counts(principle.tally)) |\n"
        }

        text += "\n## " + say("Per organisation", "By organisation") + "\n\n"
        text += "| organisation | system | " + say("efterlevnad", "compliance") + " | "
        text += audit.areas.map { MarkdownReporter.cell($0.title.text(language)) }.joined(separator: " | ") + " |\n"
        text += "|---|---:|---:|" + String(repeating: "---:|", count: audit.areas.count) + "\n"
        for organisation in audit.organisations {
            text += "| \(MarkdownReporter.cell(organisation.name)) | \(organisation.systems) | \(pct(organisation.tally)) | "
            text += organisation.areas.map(pct).joined(separator: " | ") + " |\n"
        }

        if !audit.mostFailingRules.isEmpty {
            text += "\n## " + say("Regler som oftast inte uppfylls", "Rules failing most often") + "\n\n"
            text += "| " + say("regel", "rule") + " | " + say("titel", "title") + " | "
            text += say("system som inte uppfyller", "failing systems") + " | " + say("efterlevnad", "compliance") + " |\n"
            text += "|---|---|---:|---:|\n"
            for rule in audit.mostFailingRules {
                let title = audit.pack.rules[rule.ruleIndex].title.text(language)
                text +=
                    "| \(MarkdownReporter.code(rule.id)) | \(MarkdownReporter.cell(title)) | \(rule.tally.fail) | \(pct(rule.tally)) |\n"
            }
        }

        if let trend = audit.trend {
            text += "\n## " + say("Förändring sedan", "Change since") + " \(MarkdownReporter.cell(trend.previousLabel))"
            text += " (\(trend.previousAsOf))\n\n"
            if let pack = trend.previousPackWhenChanged {
                let now = "\(audit.pack.name) \(audit.pack.version)"
                text += say(
                    "**Revisionerna gjordes med olika regelpaket** (\(MarkdownReporter.cell(pack)) → \(MarkdownReporter.cell(now))): förändringen speglar också ändrade regler.\n\n",
                    "**The audits used different rule packs** (\(MarkdownReporter.cell(pack)) → \(MarkdownReporter.cell(now))): the change also reflects changed rules.\n\n"
                )
            }
            text += "| | \(MarkdownReporter.cell(trend.previousLabel)) | " + say("nu", "now") + " | "
            text += say("förändring (procentenheter)", "change (percentage points)") + " |\n|---|---:|---:|---:|\n"
            for row in [trend.overall] + trend.areas + trend.organisations {
                let name = MarkdownReporter.cell(row.title.text(language))
                text +=
                    "| \(name) | \(AuditFormat.percent(row.previous, language)) | \(AuditFormat.percent(row.current, language)) | "
                text += AuditFormat.change(row.change, language) + " |\n"
            }
        }

        let expiring = audit.exceptions.filter { $0.state == .expired || AuditReport.isExpiringSoon($0) }
        if !audit.exceptions.isEmpty {
            text += "\n## " + say("Undantag", "Exceptions") + "\n\n"
            text += say(
                "\(audit.exceptions.count) undantag, varav \(expiring.count) utgångna eller går ut inom 90 dagar.",
                "\(audit.exceptions.count) exceptions, \(expiring.count) of them expired or expiring within 90 days.")
            text += "\n"
        }
        if !audit.errors.isEmpty {
            text += "\n## " + say("Indatafel", "Input errors") + "\n\n"
            text += MarkdownReporter.table(audit.errors, heading: say("fel", "error"), language: language)
        }
        let warnings = audit.inputWarnings
        if !warnings.isEmpty {
            text += "\n## " + say("Varningar", "Warnings") + "\n\n"
            text += MarkdownReporter.table(warnings, heading: say("varning", "warning"), language: language)
        }
        return text
    }
}
