import PolicykollCore
import PolicykollYAML

extension AuditHTMLReporter.Page {
    func trend() -> String {
        guard let trend = audit.trend else { return "" }
        var html = "<section id=\"forandring\" class=\"wrap\">\n<h2>" + say("Förändring sedan", "Change since")
        html += " \(h(trend.previousLabel))</h2>\n<p class=\"explain\">"
        html += say(
            "Jämfört med revisionen \(h(trend.previousLabel)) per \(trend.previousAsOf). Förändringen anges i procentenheter.",
            "Compared with the audit \(h(trend.previousLabel)) as of \(trend.previousAsOf). Changes are in percentage points.")
        if let pack = trend.previousPackWhenChanged {
            html += " <strong>"
            html += say(
                "Revisionerna gjordes med olika regelpaket (\(h(pack)) → \(h(audit.pack.name)) \(h(audit.pack.version))): förändringen speglar också ändrade regler.",
                "The audits used different rule packs (\(h(pack)) → \(h(audit.pack.name)) \(h(audit.pack.version))): the change also reflects changed rules."
            )
            html += "</strong>"
        }
        html += "</p>\n<div class=\"two\">\n"
        for (heading, rows) in [(say("Område", "Area"), [trend.overall] + trend.areas), ("Organisation", trend.organisations)] {
            html += "<table class=\"data\"><thead><tr><th scope=\"col\">\(heading)</th>"
            html += "<th scope=\"col\" class=\"num\">\(h(trend.previousLabel))</th><th scope=\"col\" class=\"num\">"
            html +=
                say("Nu", "Now") + "</th><th scope=\"col\" class=\"num\">" + say("Förändring", "Change")
                + "</th></tr></thead><tbody>\n"
            for row in rows {
                let change = row.change
                let arrow = change.map { $0 > 0.05 ? "▲" : ($0 < -0.05 ? "▼" : "▶") } ?? ""
                let kind = change.map { $0 > 0.05 ? "up" : ($0 < -0.05 ? "down" : "same") } ?? "same"
                html += "<tr><th scope=\"row\">\(h(row.title.text(language)))</th><td class=\"num\">\(pct(row.previous))</td>"
                html += "<td class=\"num\">\(pct(row.current))</td>"
                html += "<td class=\"num change \(kind)\">\(arrow) \(AuditFormat.change(change, language))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        html += "</div>\n</section>\n"
        return html
    }

    func principles() -> String {
        var html = "<section id=\"principer\" class=\"wrap\">\n<h2>" + say("Principer", "Principles") + "</h2>\n"
        for area in audit.areas {
            html += "<h3>\(h(area.title.text(language))) <span class=\"h-pct\">\(pct(area.tally.percent))</span></h3>\n"
            html += "<table class=\"data\"><thead><tr><th scope=\"col\">" + say("Princip", "Principle") + "</th>"
            html += "<th scope=\"col\">" + say("Efterlevnad", "Compliance") + "</th>"
            html += "<th scope=\"col\" class=\"num\">" + say("Uppfyllda", "Passed") + "</th>"
            html += "<th scope=\"col\" class=\"num\">" + say("Ej uppfyllda", "Failed") + "</th>"
            html += "<th scope=\"col\" class=\"num\">" + say("Undantag", "Excepted") + "</th>"
            html += "<th scope=\"col\" class=\"num\">" + say("Ej tillämpliga", "Not applicable") + "</th></tr></thead><tbody>\n"
            for principle in audit.principles where principle.area == area.id {
                let tally = principle.tally
                html +=
                    "<tr><th scope=\"row\"><span class=\"id\">\(h(principle.id))</span> \(h(principle.title.text(language)))</th>"
                html += "<td class=\"bar-cell\">\(AuditHTMLCharts.miniBar(tally.percent)) \(pct(tally.percent))</td>"
                html += "<td class=\"num\">\(tally.pass)</td><td class=\"num\">\(tally.fail)</td>"
                html += "<td class=\"num\">\(tally.excepted)</td><td class=\"num muted\">\(tally.notApplicable)</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        html += "</section>\n"
        return html
    }

    func mostFailing() -> String {
        var html = "<section id=\"regler\" class=\"wrap\">\n<h2>" + say("Vanligaste bristerna", "Most common gaps") + "</h2>\n"
        html +=
            "<div class=\"two\">\n<div>\n<h3>" + say("Regler som oftast inte uppfylls", "Rules failing most often") + "</h3>\n"
        if audit.mostFailingRules.isEmpty {
            html += "<p>" + say("Ingen regel är ouppfylld.", "No rule fails.") + "</p>\n"
        } else {
            html += "<table class=\"data\"><thead><tr><th scope=\"col\">" + say("Regel", "Rule") + "</th>"
            html += "<th scope=\"col\" class=\"num\">" + say("System", "Systems") + "</th>"
            html += "<th scope=\"col\" class=\"num\">" + say("Efterlevnad", "Compliance") + "</th></tr></thead><tbody>\n"
            for rule in audit.mostFailingRules {
                let definition = audit.pack.rules[rule.ruleIndex]
                html += "<tr><th scope=\"row\"><span class=\"id\">\(h(rule.id))</span> \(h(definition.title.text(language)))</th>"
                html += "<td class=\"num\">\(rule.tally.fail)</td><td class=\"num\">\(pct(rule.tally.percent))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        html += "</div>\n<div>\n<h3>" + say("System med flest öppna fel", "Systems with the most open errors") + "</h3>\n"
        if audit.mostOpenErrors.isEmpty {
            html += "<p>" + say("Inget system har öppna fel.", "No system has an open error.") + "</p>\n"
        } else {
            html += "<table class=\"data\"><thead><tr><th scope=\"col\">System</th><th scope=\"col\">Organisation</th>"
            html += "<th scope=\"col\" class=\"num\">" + say("Öppna fel", "Open errors") + "</th></tr></thead><tbody>\n"
            for index in audit.mostOpenErrors {
                let system = audit.systems[index]
                html += "<tr><th scope=\"row\"><a href=\"#\(systemAnchor(system.id))\">\(h(system.name))</a></th>"
                html += "<td>\(h(system.organisation))</td><td class=\"num\">\(system.openErrors)</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        html += "</div>\n</div>\n</section>\n"
        return html
    }

    func exceptionRegister() -> String {
        var html = "<section id=\"undantag\" class=\"wrap\">\n<h2>" + say("Undantagsregister", "Exception register") + "</h2>\n"
        guard !audit.exceptions.isEmpty else {
            return html + "<p>" + say("Inga undantag är registrerade.", "No exceptions are registered.") + "</p>\n</section>\n"
        }
        let expired = audit.exceptions.filter { $0.state == .expired }.count
        let soon = audit.exceptions.filter(AuditReport.isExpiringSoon).count
        html +=
            "<p>"
            + say(
                "\(audit.exceptions.count) undantag: \(expired) \(expired == 1 ? "utgånget" : "utgångna"), \(soon) går ut inom 90 dagar.",
                "\(audit.exceptions.count) exceptions: \(expired) expired, \(soon) expiring within 90 days.")
        html += "</p>\n<div class=\"scroll\"><table class=\"data\"><thead><tr>"
        for heading in [
            say("Status", "Status"), say("Regel", "Rule"), "System", say("Skäl", "Reason"), say("Beslutat av", "Approved by"),
            say("Beslut", "Decision"), say("Gäller t.o.m.", "Expires"),
        ] {
            html += "<th scope=\"col\">\(heading)</th>"
        }
        html += "</tr></thead><tbody>\n"
        let known = Set(audit.systems.map(\.id))
        for use in audit.exceptions {
            let exception = use.exception
            let kind = use.state == .expired ? "expired" : (AuditReport.isExpiringSoon(use) ? "soon" : use.state.rawValue)
            html += "<tr><td><span class=\"badge \(kind)\">\(say.exceptionState(use))</span></td>"
            html += "<td class=\"id\">\(h(exception.rule))</td><td>"
            html +=
                known.contains(exception.declaration)
                ? "<a href=\"#\(systemAnchor(exception.declaration))\">\(h(exception.declaration))</a>" : h(exception.declaration)
            html += "</td><td>\(h(exception.reason))</td><td>\(h(exception.approvedBy))</td>"
            html += "<td>\(h(exception.decision ?? ""))</td><td class=\"nowrap\">\(exception.expires)"
            if use.state != .expired {
                html += "<br><span class=\"muted\">" + say("\(use.daysLeft) dagar kvar", "\(use.daysLeft) days left") + "</span>"
            }
            html += "</td></tr>\n"
        }
        html += "</tbody></table></div>\n</section>\n"
        return html
    }

    func inventoryProblems() -> String {
        var html =
            "<section id=\"inventering\" class=\"wrap\">\n<h2>" + say("Inventeringens brister", "Inventory problems") + "</h2>\n"
        let warnings = audit.inputWarnings
        let nothing =
            audit.errors.isEmpty && warnings.isEmpty && audit.unknownIntegrationTargets.isEmpty && audit.skippedFiles.isEmpty
        if nothing {
            html +=
                "<p>"
                + say(
                    "Alla filer kunde läsas, inga id förekommer två gånger och alla integrationer pekar på deklarerade system.",
                    "Every file could be read, no id occurs twice and every integration points at a declared system.")
            html += "</p>\n"
        }
        if !audit.errors.isEmpty {
            html +=
                "<h3 id=\"indatafel\">" + say("Indatafel – inte med i revisionen", "Input errors – not in the audit") + "</h3>\n"
            html +=
                "<p>"
                + say(
                    "Dessa filer eller dokument kunde inte läsas eller är ogiltiga (till exempel ett id som förekommer två gånger). Revisionen omfattar allt annat.",
                    "These files or documents could not be read or are invalid (for example an id that occurs twice). The audit covers everything else."
                )
            html +=
                "</p>\n<table class=\"data\"><thead><tr><th scope=\"col\">" + say("Plats", "Location") + "</th><th scope=\"col\">"
            html += say("Fel", "Error") + "</th></tr></thead><tbody>\n"
            for error in audit.errors {
                let location = error.location
                html += "<tr><td class=\"loc\">\(h(location))</td><td>\(h(error.message))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        if !warnings.isEmpty {
            html += "<h3 id=\"varningar\">" + say("Varningar", "Warnings") + "</h3>\n<p>"
            html += say(
                "Sådant som lästes men bör rättas, eller som inte kunde läsas och hoppades över.",
                "What was read but should be corrected, or could not be read and was skipped.")
            html +=
                "</p>\n<table class=\"data\"><thead><tr><th scope=\"col\">" + say("Plats", "Location") + "</th><th scope=\"col\">"
            html += say("Varning", "Warning") + "</th></tr></thead><tbody>\n"
            for warning in warnings {
                let location = warning.location
                html += "<tr><td class=\"loc\">\(h(location))</td><td>\(h(warning.message))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        if !audit.unknownIntegrationTargets.isEmpty {
            html +=
                "<h3>"
                + say("Integrationer mot system som inte är deklarerade", "Integrations with systems that are not declared")
            html += "</h3>\n<table class=\"data\"><thead><tr><th scope=\"col\">System</th><th scope=\"col\">"
            html +=
                say("Integration", "Integration") + "</th><th scope=\"col\">" + say("Mål", "Target") + "</th><th scope=\"col\">"
            html += say("Plats", "Location") + "</th></tr></thead><tbody>\n"
            for problem in audit.unknownIntegrationTargets {
                html += "<tr><td><a href=\"#\(systemAnchor(problem.system))\">\(h(problem.system))</a></td>"
                html += "<td>\(h(problem.integration ?? ""))</td><td class=\"id\">\(h(problem.target))</td>"
                html += "<td class=\"loc\">\(h(problem.file)):\(problem.mark.line)</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        if !audit.skippedFiles.isEmpty {
            html +=
                "<p class=\"muted\">"
                + say(
                    "\(audit.skippedFiles.count) filer utan deklarationer hoppades över:",
                    "\(audit.skippedFiles.count) files without declarations were skipped:")
            html += " " + audit.skippedFiles.map(h).joined(separator: ", ") + "</p>\n"
        }
        html += "</section>\n"
        return html
    }
}
