import ArgumentParser
import Foundation
import PolicykollCore
import PolicykollReporters
import PolicykollYAML

/// The project's settings file, `.policykoll.yaml` or `--config FILE`: read the same way by
/// `check` and `audit`, so that both run the same pack, exceptions, date and language.
enum ConfigurationFile {
    /// `--config`, else `.policykoll.yaml` in the working directory when present (none with
    /// `--no-config`).
    static func path(config: String?, noConfig: Bool) -> String? {
        if noConfig { return nil }
        if let config { return config }
        // Any entry by that name, a link to nowhere included: the team's settings must not be
        // dropped without a word because the file cannot be read.
        var status = stat()
        return lstat(ProjectConfiguration.fileName, &status) == 0 ? ProjectConfiguration.fileName : nil
    }

    /// The file's settings (the defaults without a file); prints its problems, located, and
    /// throws exit 2 when it cannot be used.
    /// `found` says that the file was found in the working directory rather than named by
    /// `--config`.
    static func load(_ path: String?, found: Bool, style: CompilerStyle) throws -> ProjectConfiguration {
        guard let path else { return ProjectConfiguration() }
        // A `.policykoll.yaml` found in the folder is read only as a regular file: a pipe there
        // would wait for a writer forever. (`--config <(…)` names its pipe on purpose.)
        var status = stat()
        if found, stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG,
            status.st_mode & S_IFMT != S_IFDIR
        {
            Console.error(style.render(.error(InputProblem.specialFile.message, file: path, at: nil), lines: nil))
            throw ExitStatus.usage.exitCode
        }
        // One file, read as named: a folder is an error, not a search for files in it.
        let file: SourceFile
        switch InputCollector.read(.file(path, discovered: false)) {
        case .success(let read): file = read
        case .failure(let problem):
            Console.error(style.render(problem, lines: nil))
            throw ExitStatus.usage.exitCode
        }
        let loaded = ProjectConfiguration.load(file, folder: PathName.folder(of: path))
        let lines = SourceLines(file.bytes)
        for diagnostic in loaded.diagnostics { Console.error(style.render(diagnostic, lines: lines)) }
        guard let configuration = loaded.configuration else { throw ExitStatus.usage.exitCode }
        return configuration
    }
}
