import PolicykollYAML

extension AuditReport {
    /// Computes the audit from a check of the whole inventory.
    ///
    /// - Parameters:
    ///   - check: The check report (run without a baseline).
    ///   - inputs: The input files' hashes.
    /// - Complexity: O(systems × rules + findings).
    public init(check: CheckReport, inputs: [AuditInput] = []) {
        let pack = check.pack
        let ruleCount = pack.rules.count
        let areaIndex = Dictionary(pack.areas.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var principleIndex: [String: Int] = [:]
        var principleList: [PrincipleCompliance] = []
        for area in pack.areas {
            for principle in area.principles where principleIndex[principle.id] == nil {
                principleIndex[principle.id] = principleList.count
                principleList.append(
                    PrincipleCompliance(id: principle.id, area: area.id, title: principle.title, tally: AuditTally()))
            }
        }
        let ruleArea = pack.rules.map { areaIndex[$0.area] }
        let rulePrinciple = pack.rules.map { principleIndex[$0.principle] }

        var findingsByDeclaration: [String: [Finding]] = [:]
        for finding in check.findings { findingsByDeclaration[finding.declarationID, default: []].append(finding) }
        let ruleIndexByID = Dictionary(pack.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })

        var overall = AuditTally()
        var areaTallies = Array(repeating: AuditTally(), count: pack.areas.count)
        var ruleTallies = Array(repeating: AuditTally(), count: ruleCount)
        var organisationTallies: [String: (systems: Int, tally: AuditTally, areas: [AuditTally])] = [:]
        var systems: [SystemAudit] = []
        systems.reserveCapacity(check.results.count)

        for result in check.results {
            let declaration = result.declaration
            let findings = findingsByDeclaration[declaration.id] ?? []
            // Which failing rules still have an open finding (any status but excepted counts as
            // open: a baseline does not apply to audits).
            var hasOpen = Array(repeating: false, count: ruleCount)
            var openErrors = 0
            for finding in findings where finding.status != .excepted {
                if let index = ruleIndexByID[finding.ruleID] { hasOpen[index] = true }
                if finding.severity == .error { openErrors += 1 }
            }
            var outcomes = Array(repeating: AuditOutcome.notApplicable, count: ruleCount)
            var tally = AuditTally()
            let organisationKey = OrganisationName.key(declaration.organisation)
            var organisation =
                organisationTallies[organisationKey]
                ?? (0, AuditTally(), Array(repeating: AuditTally(), count: pack.areas.count))
            for outcome in result.outcomes {
                let index = outcome.ruleIndex
                let value: AuditOutcome
                switch outcome.result {
                case .pass: value = .pass
                case .notApplicable: value = .notApplicable
                case .fail: value = hasOpen[index] ? .fail : .excepted
                }
                outcomes[index] = value
                tally.add(value)
                ruleTallies[index].add(value)
                if let area = ruleArea[index] {
                    areaTallies[area].add(value)
                    organisation.areas[area].add(value)
                }
                if let principle = rulePrinciple[index] { principleList[principle].tally.add(value) }
            }
            overall.add(tally)
            organisation.systems += 1
            organisation.tally.add(tally)
            organisationTallies[organisationKey] = organisation
            systems.append(
                SystemAudit(
                    id: declaration.id, name: declaration.name, organisation: organisationKey, kind: declaration.kind,
                    file: declaration.file, mark: declaration.mark, outcomes: outcomes, tally: tally, findings: findings,
                    openErrors: openErrors))
        }
        systems.sort {
            $0.organisation != $1.organisation ? OrganisationName.precedes($0.organisation, $1.organisation) : $0.id < $1.id
        }

        let rules = pack.rules.enumerated().map { RuleCompliance(ruleIndex: $0, id: $1.id, tally: ruleTallies[$0]) }
        let mostFailing = rules.filter { $0.tally.fail > 0 }
            .sorted { ($1.tally.fail, $0.ruleIndex) < ($0.tally.fail, $1.ruleIndex) }
        let mostErrors = systems.indices.filter { systems[$0].openErrors > 0 }
            .sorted { (systems[$1].openErrors, $0) < (systems[$0].openErrors, $1) }

        self.init(
            pack: pack, asOf: check.asOf, language: check.language, overall: overall,
            areas: pack.areas.enumerated().map { AreaCompliance(id: $1.id, title: $1.title, tally: areaTallies[$0]) },
            principles: principleList,
            organisations: organisationTallies.keys.sorted(by: OrganisationName.precedes).map { name in
                let entry = organisationTallies[name]!
                return OrganisationCompliance(name: name, systems: entry.systems, tally: entry.tally, areas: entry.areas)
            },
            rules: rules, systems: systems, mostFailingRules: Array(mostFailing.prefix(Self.topCount)),
            mostOpenErrors: Array(mostErrors.prefix(Self.topCount)),
            exceptions: check.exceptions.sorted { lhs, rhs in
                (lhs.exception.expires, lhs.exception.declaration, lhs.exception.rule)
                    < (rhs.exception.expires, rhs.exception.declaration, rhs.exception.rule)
            },
            unknownIntegrationTargets: Self.unknownIntegrationTargets(check.results),
            errors: check.errors, warnings: check.warnings, skippedFiles: check.skippedFiles,
            inputs: inputs.sorted { $0.file < $1.file }, trend: nil)
    }

    /// Integrations (`spec.architecture.integrations[*].target`) that name no declaration of the
    /// audit. Read from the documents directly: the inventory is judged as a whole, not per rule.
    static func unknownIntegrationTargets(_ results: [DeclarationResult]) -> [UnknownIntegrationTarget] {
        let known = Set(results.map(\.declaration.id))
        var unknown: [UnknownIntegrationTarget] = []
        for result in results {
            let declaration = result.declaration
            guard let items = declaration.root["spec"]?["architecture"]?["integrations"]?.items else { continue }
            for item in items {
                guard let targetNode = item["target"], let target = targetNode.string, !known.contains(target) else { continue }
                unknown.append(
                    UnknownIntegrationTarget(
                        system: declaration.id, file: declaration.file, mark: targetNode.mark, integration: item["name"]?.string,
                        target: target))
            }
        }
        return unknown.sorted { ($0.file, $0.mark) < ($1.file, $1.mark) }
    }
}
