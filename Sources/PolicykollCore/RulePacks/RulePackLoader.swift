import PolicykollYAML

/// Loads and strictly validates rule packs (design §4) before anything is evaluated.
///
/// Every problem is reported with its location; a pack with any error is not returned.
public enum RulePackLoader {
    static let rulePackKeys = ["apiVersion", "kind", "metadata", "areas", "rules"]
    static let rulesKeys = ["apiVersion", "kind", "metadata", "rules"]
    static let metadataKeys = ["name", "version", "title", "description"]
    static let areaKeys = ["id", "title", "description", "principles"]
    static let principleKeys = ["id", "title", "description", "source", "derived", "references"]
    static let ruleKeys = [
        "id", "title", "severity", "area", "principle", "appliesTo", "when", "assert", "message",
        "remediation", "rationale", "references", "examples",
    ]

    /// The outcome of loading: the pack when valid, and every diagnostic (errors and warnings).
    public struct Result: Sendable {
        /// The pack, or `nil` when any error was found.
        public var pack: RulePack?
        /// Errors and warnings, in file order.
        public var diagnostics: [Diagnostic]
        /// When the pack is invalid: what its files say of it (name, version, hash, the areas
        /// read), with no rules. A run that cannot use the pack still names it in its reports.
        public var withoutRules: RulePack?
    }

    /// Loads a pack from its files (one pack may span many files; several packs may be given).
    public static func load(_ files: [SourceFile]) -> Result {
        var diagnostics: [Diagnostic] = []
        var packs: [(name: String, version: String, title: LocalizedText?)] = []
        var areas: [Area] = []
        var areaMarks: [String: String] = [:]
        var principleMarks: [String: String] = [:]
        var rules: [Rule] = []
        var catalogueReferences: [(file: String, area: (String, Mark)?, principle: (String, Mark)?)] = []
        var ruleMarks: [String: String] = [:]

        // A pattern that several files (or documents) use is compiled once.
        var patterns: [String: CompiledPattern] = [:]
        for file in files.sorted(by: { $0.name < $1.name }) {
            let stream = YAMLLoader.load(file.bytes)
            diagnostics += stream.diagnostics.map { Diagnostic($0, file: file.name) }
            if let empty = InputProblem.emptiness(of: stream, file: file.name) { diagnostics.append(empty) }
            for document in stream.nonEmptyDocuments where !document.hasErrors {
                var collector = ProblemCollector(file: file.name)
                var compiler = ConditionCompiler(file: file.name, patterns: patterns)
                defer { patterns = compiler.patterns }
                let root = document.root
                guard root.entries != nil else {
                    collector.report(.notAMapping(what: "a rule pack document", found: root.typeName), at: root.mark)
                    diagnostics += collector.diagnostics
                    continue
                }
                if let version = collector.requiredString("apiVersion", in: root, context: "a rule pack document"),
                    version.0 != DeclarationValidator.apiVersion
                {
                    collector.report(.unsupportedAPIVersion(version.0), at: version.1)
                }
                let kind = collector.requiredString("kind", in: root, context: "a rule pack document")
                switch kind?.0 {
                case "RulePack":
                    collector.checkKeys(of: root, allowed: rulePackKeys, context: "a RulePack")
                    if let metadata = root["metadata"], metadata.entries != nil {
                        collector.checkKeys(of: metadata, allowed: metadataKeys, context: "metadata")
                        let name = collector.requiredString("name", in: metadata, context: "metadata")
                        let version = collector.requiredString("version", in: metadata, context: "metadata", acceptNumbers: true)
                            .map { (Self.numberAsWritten(metadata["version"], in: file) ?? $0.0, $0.1) }
                        let title = collector.optionalText("title", in: metadata)
                        _ = collector.optionalText("description", in: metadata)
                        if let name, let version {
                            if packs.contains(where: { $0.name == name.0 }) {
                                collector.report(.duplicateRulePackName(name.0), at: name.1)
                            }
                            packs.append((name.0, version.0, title))
                        }
                    } else {
                        collector.report(.missingKey("metadata", in: "a RulePack"), at: root.mark)
                    }
                    for area in readAreas(root, collector: &collector, areaMarks: &areaMarks, principleMarks: &principleMarks) {
                        areas.append(area)
                    }
                case "Rules":
                    collector.checkKeys(of: root, allowed: rulesKeys, context: "a Rules document")
                    if let metadata = root["metadata"], metadata.entries != nil {
                        collector.checkKeys(of: metadata, allowed: metadataKeys, context: "metadata")
                    }
                    if root["rules"] == nil {
                        collector.report(.missingKey("rules", in: "a Rules document"), at: root.mark)
                    }
                case let other?:
                    collector.report(.unexpectedKind(other), at: root["kind"]!.mark)
                case nil:
                    break
                }
                if let rulesNode = root["rules"] {
                    if let items = rulesNode.items {
                        for item in items {
                            // A duplicate id is found whether or not either rule has other errors,
                            // so that one run reports all of them.
                            var isDuplicate = false
                            if let idNode = item["id"], let id = idNode.string {
                                if let first = ruleMarks[id] {
                                    collector.report(.duplicateID(what: "rule", id: id, first: first), at: idNode.mark)
                                    isDuplicate = true
                                } else {
                                    ruleMarks[id] = "\(file.name):\(idNode.mark)"
                                }
                            }
                            let read = readRule(item, file: file.name, collector: &collector, compiler: &compiler)
                            // A rule's area and principle are checked against the catalogue even
                            // when the rule has other errors, so that one run reports them all.
                            catalogueReferences.append((file.name, read.area, read.principle))
                            guard let rule = read.rule, !isDuplicate else { continue }
                            rules.append(rule)
                        }
                    } else if !rulesNode.isNull {
                        collector.report(
                            .wrongType(key: "rules", expected: "a list", found: rulesNode.typeName), at: rulesNode.mark)
                    }
                }
                diagnostics += collector.diagnostics + compiler.problems.diagnostics
            }
        }

        if packs.isEmpty, !files.isEmpty, !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(.error(RulePackProblem.noRulePack.message, file: files.map(\.name).min()!, at: nil))
        }

        // The catalogue is complete only now: check each rule's area and principle against it.
        for (file, ruleArea, rulePrinciple) in catalogueReferences {
            var collector = ProblemCollector(file: file)
            let area = ruleArea.flatMap { ruleArea in areas.first { $0.id == ruleArea.0 } }
            if let ruleArea, area == nil {
                collector.report(.unknownArea(ruleArea.0), at: ruleArea.1)
            }
            if let rulePrinciple {
                if let principle = areas.lazy.flatMap(\.principles).first(where: { $0.id == rulePrinciple.0 }) {
                    if let ruleArea, area != nil, principle.area != ruleArea.0 {
                        collector.report(
                            .principleInOtherArea(principle: rulePrinciple.0, area: principle.area, ruleArea: ruleArea.0),
                            at: rulePrinciple.1)
                    }
                } else {
                    collector.report(.unknownPrinciple(rulePrinciple.0), at: rulePrinciple.1)
                }
            }
            diagnostics += collector.diagnostics
        }

        diagnostics.sort(by: Diagnostic.ordered)
        let pack = RulePack(
            name: packs.map(\.name).joined(separator: "+"),
            version: packs.map(\.version).joined(separator: "+"),
            title: packs.count == 1 ? packs[0].title : nil,
            sha256: hash(files),
            areas: areas,
            rules: rules)
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return Result(pack: nil, diagnostics: diagnostics, withoutRules: pack.withoutRules())
        }
        return Result(pack: pack, diagnostics: diagnostics)
    }

    /// SHA-256 over the files' names and bytes in name order.
    static func hash(_ files: [SourceFile]) -> String {
        var bytes: [UInt8] = []
        for file in files.sorted(by: { $0.name < $1.name }) {
            bytes += Array(file.name.split(separator: "/").last.map(String.init)?.utf8 ?? "".utf8)
            bytes.append(0)
            bytes += file.bytes
            bytes.append(0)
        }
        return Hashing.sha256Hex(bytes)
    }

    private static func readAreas(
        _ root: YAMLNode, collector: inout ProblemCollector, areaMarks: inout [String: String],
        principleMarks: inout [String: String]
    ) -> [Area] {
        guard let areasNode = root["areas"] else {
            collector.report(.missingKey("areas", in: "a RulePack"), at: root.mark)
            return []
        }
        guard let items = areasNode.items else {
            collector.report(.wrongType(key: "areas", expected: "a list", found: areasNode.typeName), at: areasNode.mark)
            return []
        }
        var areas: [Area] = []
        for item in items {
            guard item.entries != nil else {
                collector.report(.notAMapping(what: "an area", found: item.typeName), at: item.mark)
                continue
            }
            collector.checkKeys(of: item, allowed: areaKeys, context: "an area")
            let id = collector.requiredString("id", in: item, context: "an area")
            let title = collector.requiredText("title", in: item, context: "an area")
            _ = collector.optionalText("description", in: item)
            guard let id else { continue }
            if let first = areaMarks[id.0] {
                collector.report(.duplicateID(what: "area", id: id.0, first: first), at: id.1)
                continue
            }
            areaMarks[id.0] = "\(collector.file):\(id.1)"
            var principles: [Principle] = []
            if let principlesNode = item["principles"] {
                if let list = principlesNode.items {
                    for principleNode in list {
                        guard let principle = readPrinciple(principleNode, area: id.0, collector: &collector) else { continue }
                        if let first = principleMarks[principle.id] {
                            collector.report(
                                .duplicateID(what: "principle", id: principle.id, first: first), at: principleNode["id"]!.mark)
                            continue
                        }
                        principleMarks[principle.id] = "\(collector.file):\(principleNode["id"]!.mark)"
                        principles.append(principle)
                    }
                } else {
                    collector.report(
                        .wrongType(key: "principles", expected: "a list", found: principlesNode.typeName), at: principlesNode.mark
                    )
                }
            }
            areas.append(Area(id: id.0, title: title ?? LocalizedText(id.0), principles: principles))
        }
        return areas
    }

    private static func readPrinciple(_ node: YAMLNode, area: String, collector: inout ProblemCollector) -> Principle? {
        guard node.entries != nil else {
            collector.report(.notAMapping(what: "a principle", found: node.typeName), at: node.mark)
            return nil
        }
        collector.checkKeys(of: node, allowed: principleKeys, context: "a principle")
        let id = collector.requiredString("id", in: node, context: "a principle")
        let title = collector.requiredText("title", in: node, context: "a principle")
        let description = collector.optionalText("description", in: node)
        let source = collector.optionalString("source", in: node)
        var derived = false
        if let derivedNode = node["derived"] {
            if case .bool(let flag) = derivedNode.value {
                derived = flag
            } else {
                collector.report(
                    .wrongType(key: "derived", expected: "true or false", found: derivedNode.typeName), at: derivedNode.mark)
            }
        }
        if let references = node["references"] { _ = readReferences(references, collector: &collector) }
        guard let id, let title else { return nil }
        return Principle(id: id.0, title: title, description: description, source: source, derived: derived, area: area)
    }

    /// Reads one rule item: the rule when it is valid, and its area and principle (with their
    /// places) whenever they are written, for the catalogue check.
    private static func readRule(
        _ node: YAMLNode, file: String, collector: inout ProblemCollector, compiler: inout ConditionCompiler
    ) -> (rule: Rule?, area: (String, Mark)?, principle: (String, Mark)?) {
        guard node.entries != nil else {
            collector.report(.notAMapping(what: "a rule", found: node.typeName), at: node.mark)
            return (nil, nil, nil)
        }
        collector.checkKeys(of: node, allowed: ruleKeys, context: "a rule")
        let id = collector.requiredString("id", in: node, context: "a rule")
        if let id, !isValidRuleID(id.0) {
            collector.report(.invalidID(id.0), at: id.1)
        }
        let context = id.map { "rule \($0.0)" } ?? "a rule"
        let title = collector.requiredText("title", in: node, context: context)
        var severity: Severity?
        if let text = collector.requiredString("severity", in: node, context: context) {
            severity = Severity(rawValue: text.0)
            if severity == nil { collector.report(.invalidSeverity(text.0), at: text.1) }
        }
        let area = collector.requiredString("area", in: node, context: context)
        let principle = collector.requiredString("principle", in: node, context: context)
        var appliesTo: [String]?
        if let kinds = node["appliesTo"] {
            if let items = kinds.items, items.allSatisfy({ $0.string != nil }), !items.isEmpty {
                appliesTo = items.compactMap(\.string)
                for item in items { collector.checkKind(item.string!, at: item.mark) }
            } else if let items = kinds.items {
                // Point at what is wrong inside the list: its emptiness, or the item that is no kind.
                if let item = items.first(where: { $0.string == nil }) {
                    collector.report(
                        .wrongType(
                            key: "appliesTo", expected: "a list of kinds (strings)",
                            found: "list holding \(item.typeNameWithArticle)"), at: item.mark)
                } else {
                    collector.report(
                        .wrongType(key: "appliesTo", expected: "a list of at least one kind", found: "empty list"), at: kinds.mark
                    )
                }
            } else if let single = kinds.string {
                appliesTo = [single]
                collector.checkKind(single, at: kinds.mark)
            } else {
                collector.report(.wrongType(key: "appliesTo", expected: "a list of kinds", found: kinds.typeName), at: kinds.mark)
            }
        }
        var when: Condition?
        var whenValid = true
        if let whenNode = node["when"] {
            when = compiler.compile(whenNode)
            whenValid = when != nil
        }
        var assertion: Condition?
        if let assertNode = node["assert"] {
            assertion = compiler.compile(assertNode)
        } else {
            collector.report(.missingKey("assert", in: context), at: node.mark)
        }
        let message = collector.optionalText("message", in: node)
        if let messageNode = node["message"] {
            let texts = messageNode.string != nil ? [messageNode] : (messageNode.entries?.map(\.value) ?? [])
            for textNode in texts {
                if let text = textNode.string, let detail = MessageTemplate(text).problem {
                    collector.report(.invalidTemplate(detail), at: textNode.mark)
                }
            }
        }
        let remediation = collector.optionalText("remediation", in: node)
        let rationale = collector.optionalText("rationale", in: node)
        let references = node["references"].map { readReferences($0, collector: &collector) } ?? []
        let examples = readExamples(node["examples"], collector: &collector)
        guard let id, let title, let severity, let area, let principle, let assertion, whenValid else {
            return (nil, area, principle)
        }
        let rule = Rule(
            id: id.0, title: title, severity: severity, area: area.0, principle: principle.0, appliesTo: appliesTo,
            when: when, assertion: assertion, message: message, remediation: remediation, rationale: rationale,
            references: references, examples: examples, file: file, mark: id.1)
        return (rule, area, principle)
    }

    static func isValidRuleID(_ id: String) -> Bool {
        id.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
        }
    }

    private static func readReferences(_ node: YAMLNode, collector: inout ProblemCollector) -> [Reference] {
        guard let items = node.items else {
            collector.report(.wrongType(key: "references", expected: "a list", found: node.typeName), at: node.mark)
            return []
        }
        var references: [Reference] = []
        for item in items {
            guard item.entries != nil else {
                collector.report(.notAMapping(what: "a reference", found: item.typeName), at: item.mark)
                continue
            }
            collector.checkKeys(of: item, allowed: ["title", "url"], context: "a reference")
            let title = collector.requiredString("title", in: item, context: "a reference")
            let url = collector.optionalString("url", in: item)
            if let title { references.append(Reference(title: title.0, url: url)) }
        }
        return references
    }

    static let exampleKeys = ["pass", "fail", "asOf", "inventory"]

    private static func readExamples(_ node: YAMLNode?, collector: inout ProblemCollector) -> RuleExamples {
        guard let node, !node.isNull else { return RuleExamples() }
        guard node.entries != nil else {
            collector.report(.notAMapping(what: "examples", found: node.typeName), at: node.mark)
            return RuleExamples()
        }
        collector.checkKeys(of: node, allowed: exampleKeys, context: "examples")
        func list(_ key: String, what: String) -> [YAMLNode] {
            guard let value = node[key], !value.isNull else { return [] }
            guard let items = value.items else {
                collector.report(.wrongType(key: key, expected: "a list of declarations", found: value.typeName), at: value.mark)
                return []
            }
            for item in items where item.entries == nil {
                collector.report(.notAMapping(what: what, found: item.typeName), at: item.mark)
            }
            return items.filter { $0.entries != nil }
        }
        var asOf: CivilDate?
        if let dateNode = node["asOf"], !dateNode.isNull {
            if let text = dateNode.string, text.utf8.count == 10, let date = CivilDate(iso: text) {
                asOf = date
            } else {
                collector.report(.invalidExampleDate(ValueSemantics.display(dateNode)), at: dateNode.mark)
            }
        }
        let inventory = list("inventory", what: "an inventory declaration")
        for item in inventory {
            // `ref` finds a declaration by its id: an inventory entry without one could never be found.
            guard let metadata = item["metadata"], metadata.entries != nil else {
                collector.report(.missingKey("metadata", in: "an inventory declaration"), at: item.mark)
                continue
            }
            if metadata["id"]?.string == nil {
                collector.report(.missingKey("id", in: "the metadata of an inventory declaration"), at: metadata.mark)
            }
        }
        return RuleExamples(
            pass: list("pass", what: "an example declaration"), fail: list("fail", what: "an example declaration"),
            asOf: asOf, inventory: inventory)
    }

    /// An unquoted number's text as written (`1.10`, not the `1.1` it reads as), so that a
    /// version such as `2026.10` keeps its digits; `nil` for anything else.
    static func numberAsWritten(_ node: YAMLNode?, in file: SourceFile) -> String? {
        guard let node, case .float(let value) = node.value,
            let line = SourceLines(file.bytes).line(node.mark.line)
        else { return nil }
        let written = String(
            line.unicodeScalars.dropFirst(node.mark.column - 1).prefix { "0123456789.+-eE".unicodeScalars.contains($0) })
        return Double(written) == value ? written : nil
    }
}
