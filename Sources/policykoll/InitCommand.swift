import ArgumentParser
import Foundation
import PolicykollCore

/// `policykoll init`: a commented declaration template to start from.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented declaration template to start from (to standard output without FILE).",
        discussion: "Never overwrites an existing file unless --force is given."
    )

    @Argument(help: "The file to write. Default: standard output.")
    var file: String?

    @Flag(name: .long, help: "Overwrite FILE if it exists.")
    var force = false

    @Option(
        name: .long,
        help: "The language of the comments: sv or en. Default: from the locale (LC_ALL, LC_MESSAGES or LANG), else sv.")
    var lang: Language?

    func run() throws {
        let text = DeclarationTemplate.text(resolveLanguage(lang))
        guard let file, file != "-" else {
            Console.out(text)
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            try fail("\(file) is a folder; give a file name")
        }
        // Anything at the path, a symbolic link to nowhere included, is the user's.
        var status = stat()
        if lstat(file, &status) == 0, !force {
            try fail("\(file) already exists; policykoll init never overwrites a file unless --force is given")
        }
        // Written as a report is: through a symbolic link, keeping an existing file's permissions.
        if let problem = ReportOutput.write(
            to: file, protecting: ProtectedFiles(paths: []), what: "the template", produce: { $0(Array(text.utf8)) })
        {
            try fail("\(file): \(problem.message)")
        }
        Console.error("wrote \(file)\n")
    }

    private func fail(_ message: String) throws -> Never {
        Console.error("error: \(message)\n")
        throw ExitStatus.usage.exitCode
    }
}
