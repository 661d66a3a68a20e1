import PolicykollYAML

/// A repository's `.policykoll.yaml`: the defaults of `policykoll check` for that repository.
///
/// ```yaml
/// policy: [policies/goteborg]
/// paths: [systems]
/// exceptions: [exceptions.yaml]
/// baseline: policykoll-baseline.json
/// inventory: [inventory]
/// failOn: warning
/// lang: en
/// outputs:
///   - {format: sarif, output: policykoll.sarif}
///   - {format: text}
/// ```
///
/// Relative paths are relative to the folder of the configuration file. Flags on the command
/// line override the file; an unknown key is an error.
public struct ProjectConfiguration: Sendable, Equatable {
    /// One report to write: a format, and a file (standard output when `nil`).
    public struct Output: Sendable, Equatable {
        /// The format name (`text`, `json`, `sarif`, `junit`, `markdown`, `github`).
        public var format: String
        /// The file, or `nil` for standard output.
        public var output: String?
    }

    /// The default file name, looked for in the working directory.
    public static let fileName = ".policykoll.yaml"
    static let keys = [
        "apiVersion", "kind", "policy", "paths", "exceptions", "baseline", "inventory", "failOn", "lang", "asOf", "outputs",
    ]

    /// Rule pack paths.
    public var policy: [String] = []
    /// Declaration paths checked when none are given on the command line.
    public var paths: [String] = []
    /// Exceptions files.
    public var exceptions: [String] = []
    /// The baseline report.
    public var baseline: String?
    /// Inventory paths.
    public var inventory: [String] = []
    /// `error`, `warning`, `info` or `never`.
    public var failOn: String?
    /// `sv` or `en`.
    public var lang: String?
    /// A fixed as-of date.
    public var asOf: String?
    /// The reports to write.
    public var outputs: [Output] = []

    /// Creates an empty configuration.
    public init() {}

    /// Reads a configuration file; `folder` is prefixed to its relative paths.
    public static func load(_ file: SourceFile, folder: String) -> (
        configuration: ProjectConfiguration?, diagnostics: [Diagnostic]
    ) {
        let stream = YAMLLoader.load(file.bytes)
        var diagnostics = stream.diagnostics.map { Diagnostic($0, file: file.name) }
        guard !stream.hasErrors else { return (nil, diagnostics) }
        // Empty documents (a trailing `---`) are passed over, as in every other file.
        let documents = stream.nonEmptyDocuments
        guard documents.count <= 1 else {
            diagnostics.append(
                .error("a configuration file holds one YAML document", file: file.name, at: documents[1].mark))
            return (nil, diagnostics)
        }
        var configuration = ProjectConfiguration()
        guard let root = documents.first?.root else { return (configuration, diagnostics) }
        var collector = ProblemCollector(file: file.name)
        guard root.entries != nil else {
            collector.report(.notAMapping(what: "a configuration file", found: root.typeName), at: root.mark)
            return (nil, diagnostics + collector.diagnostics)
        }
        collector.checkKeys(of: root, allowed: keys, context: "the configuration")
        if let version = root["apiVersion"], version.string != DeclarationValidator.apiVersion {
            collector.report(.unsupportedAPIVersion(version.string ?? version.typeName), at: version.mark)
        }
        if let kind = root["kind"], kind.string != "Config" {
            collector.reportUnexpected(kind, key: "kind", expected: "'Config'")
        }
        func paths(_ key: String) -> [String] {
            guard let node = root[key], !node.isNull else { return [] }
            let items = node.items ?? [node]
            var result: [String] = []
            for item in items {
                guard let text = item.string, !text.isEmpty else {
                    collector.report(
                        .wrongType(key: key, expected: "a path or a list of paths", found: item.typeName), at: item.mark)
                    continue
                }
                result.append(resolve(text, in: folder))
            }
            return result
        }
        func choice(_ key: String, among values: [String]) -> String? {
            guard let node = root[key], !node.isNull else { return nil }
            guard let text = node.string, values.contains(text) else {
                collector.reportUnexpected(node, key: key, expected: "one of \(values.joined(separator: ", "))")
                return nil
            }
            return text
        }
        configuration.policy = paths("policy")
        configuration.paths = paths("paths")
        configuration.exceptions = paths("exceptions")
        configuration.inventory = paths("inventory")
        // One baseline: a list is not silently cut to its first path.
        if let node = root["baseline"], node.items != nil {
            collector.report(.wrongType(key: "baseline", expected: "a path", found: node.typeName), at: node.mark)
        } else {
            configuration.baseline = paths("baseline").first
        }
        configuration.failOn = choice("failOn", among: ["error", "warning", "info", "never"])
        configuration.lang = choice("lang", among: ["sv", "en"])
        if let node = root["asOf"], !node.isNull {
            if let text = node.string, text.utf8.count == 10, CivilDate(iso: text) != nil {
                configuration.asOf = text
            } else if node.string?.lowercased() == "today" {
                // The default, said explicitly (as rules' `before: today` say it).
                configuration.asOf = nil
            } else {
                collector.report(.invalidDate(node.string ?? node.typeName), at: node.mark)
            }
        }
        if let node = root["outputs"], !node.isNull {
            for item in node.items ?? [] {
                guard item.entries != nil else {
                    collector.report(.notAMapping(what: "an output", found: item.typeName), at: item.mark)
                    continue
                }
                collector.checkKeys(of: item, allowed: ["format", "output"], context: "an output")
                let format = collector.requiredString("format", in: item, context: "an output")
                let output = collector.optionalString("output", in: item)
                if let format {
                    guard Self.formats.contains(format.0) else {
                        collector.report(
                            .invalidValue(
                                key: "format", expected: "one of \(Self.formats.joined(separator: ", "))", found: format.0),
                            at: format.1)
                        continue
                    }
                    configuration.outputs.append(Output(format: format.0, output: output.map { resolve($0, in: folder) }))
                }
            }
            if node.items == nil {
                collector.report(.wrongType(key: "outputs", expected: "a list", found: node.typeName), at: node.mark)
            }
        }
        diagnostics += collector.diagnostics
        // Unknown keys are found in a first pass, values in a second: show them in line order.
        diagnostics.sort(by: Diagnostic.ordered)
        return (diagnostics.contains { $0.severity == .error } ? nil : configuration, diagnostics)
    }

    /// The report formats an output may name (those of `check --format`).
    public static let formats = ["text", "json", "sarif", "junit", "markdown", "github"]

    /// A path relative to the configuration's folder (absolute paths and `-` stay as they are).
    static func resolve(_ path: String, in folder: String) -> String {
        guard !path.hasPrefix("/"), path != "-", !folder.isEmpty, folder != "." else { return path }
        return folder.hasSuffix("/") ? folder + path : folder + "/" + path
    }
}
