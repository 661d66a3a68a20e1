import ArgumentParser
import Foundation
import PolicykollCore
import PolicykollReporters
import PolicykollYAML

/// The settings of one `check` run: the configuration file's values with the flags on top.
struct CheckSettings {
    /// One report to write.
    struct Output: Equatable {
        var format: CheckFormat
        /// The file, or `nil` for standard output.
        var path: String?
    }

    var paths: [String]
    var policy: [String]
    var exceptions: [String]
    var baseline: String?
    var inventory: [String]
    var failOn: FailOn
    var language: Language
    var asOf: CivilDate
    var outputs: [Output]
    /// The configuration file read, if any: an input too, never a report's target.
    var configurationFile: String?

    /// Merges the configuration file (if any) and the flags; prints problems and throws exit 2
    /// on a bad configuration or a usage error.
    static func resolve(_ command: CheckCommand, style: CompilerStyle) throws -> CheckSettings {
        let shared = try SharedSettings.resolve(
            .init(
                paths: command.paths, policy: command.policy, inventory: command.inventory, exceptions: command.exceptions,
                lang: command.lang, asOf: command.asOf, config: command.config, noConfig: command.noConfig),
            style: style)
        let configuration = shared.configuration
        guard !shared.paths.isEmpty else {
            throw ValidationError(InputProblem.noInput.message)
        }
        let outputs = try outputs(command, configuration: configuration)
        for output in outputs {
            if let warning = mismatchedExtension(output) { Console.error(style.render(warning, lines: nil)) }
        }
        let settings = CheckSettings(
            paths: shared.paths, policy: shared.policy, exceptions: shared.exceptions,
            baseline: command.baseline ?? configuration.baseline, inventory: shared.inventory,
            failOn: command.failOn ?? configuration.failOn.flatMap(FailOn.init(rawValue:)) ?? .error,
            language: shared.language, asOf: shared.asOf, outputs: outputs, configurationFile: shared.configurationFile)
        try requireStandardInputOnce([
            ("paths", settings.paths), ("--inventory", settings.inventory), ("--exceptions", settings.exceptions),
            ("--policy", settings.policy), ("--baseline", [settings.baseline].compactMap { $0 }),
        ])
        return settings
    }

    /// Pairs each `--output` with the `--format` at the same position; a format without an
    /// output writes to standard output, and only one may.
    private static func outputs(_ command: CheckCommand, configuration: ProjectConfiguration) throws -> [Output] {
        var outputs: [Output]
        if command.format.isEmpty, command.output.isEmpty, !configuration.outputs.isEmpty {
            outputs = try configuration.outputs.map { output in
                guard let format = CheckFormat(rawValue: output.format) else {
                    throw ValidationError(
                        "unknown format '\(output.format)' in the configuration; use one of \(CheckFormat.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                return Output(format: format, path: output.output)
            }
        } else if command.format.isEmpty {
            guard command.output.count <= 1 else {
                throw ValidationError("each --output needs a --format before it (e.g. --format sarif --output results.sarif)")
            }
            outputs = [Output(format: .text, path: command.output.first)]
        } else {
            guard command.output.count <= command.format.count else {
                throw ValidationError("there are more --output than --format options; each --output belongs to one --format")
            }
            outputs = command.format.enumerated().map { index, format in
                Output(format: format, path: index < command.output.count ? command.output[index] : nil)
            }
        }
        let toStandardOutput = outputs.filter { $0.path == nil || $0.path == "-" }
        guard toStandardOutput.count <= 1 else {
            throw ValidationError("only one report can go to standard output; give the others an --output file")
        }
        let files = outputs.compactMap(\.path).filter { $0 != "-" }
        guard Set(files.map { Self.fileKey($0) }).count == files.count else {
            throw ValidationError("two reports would be written to the same file")
        }
        return outputs
    }

    /// A warning when a report goes to a file whose extension names another format: `--format
    /// sarif --format text --output r.txt` pairs `r.txt` with SARIF, by position.
    static func mismatchedExtension(_ output: Output) -> Diagnostic? {
        guard let path = output.path, path != "-", let dot = path.lastIndex(of: "."),
            !path[dot...].contains("/")
        else { return nil }
        let formats: [String: [CheckFormat]] = [
            "json": [.json], "sarif": [.sarif], "xml": [.junit], "md": [.markdown], "markdown": [.markdown],
            "txt": [.text, .github], "log": [.text, .github],
        ]
        // SARIF 2.1.0 names `.sarif.json` as well as `.sarif`.
        let isSARIFJSON = path.lowercased().hasSuffix(".sarif.json")
        guard let expected = isSARIFJSON ? [.sarif] : formats[path[path.index(after: dot)...].lowercased()],
            !expected.contains(output.format)
        else { return nil }
        return Diagnostic(
            .warning, file: path, mark: nil,
            message:
                "gets the \(output.format.rawValue) report: --output files are paired with --format options by position "
                + "(write each --output right after its --format)")
    }

    /// What tells two output paths apart: an existing file (whatever names lead to it), the
    /// target of a link to a file not there yet, or else the absolute path.
    enum FileKey: Hashable {
        case file(FileIdentity)
        case path(String)
    }

    static func fileKey(_ path: String, depth: Int = 0) -> FileKey {
        if let identity = FileIdentity(path: path) { return .file(identity) }
        if depth < 8, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
            return fileKey(target.hasPrefix("/") ? target : PathName.folder(of: path) + "/" + target, depth: depth + 1)
        }
        return .path(InputCollector.canonical(path))
    }
}
