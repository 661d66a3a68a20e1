import ArgumentParser
import Foundation
import PolicykollCore
import PolicykollReporters
import PolicykollYAML

/// `policykoll dump`: shows how policykoll reads YAML, one JSON value per document.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the documents of a YAML file as policykoll reads them: JSON, one document per line.",
        discussion: """
            Answers "how did my YAML get interpreted?": YAML 1.2 core schema scalars (so yes, no \
            and dates stay strings), aliases and merge keys expanded. Problems go to standard \
            error; the exit code is 2 when the file has an error.
            """
    )

    @Argument(help: "The YAML file to read, or - for standard input.")
    var file: String

    func run() throws {
        let style = CompilerStyle(useColor: Console.useColor(fileDescriptor: 2))
        // One file: a folder's documents, run together, would not say which file each came from.
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            Console.error(style.render(.error("is a folder; dump reads one file", file: file, at: nil), lines: nil))
            throw ExitStatus.usage.exitCode
        }
        let collected = InputCollector.collect([file])
        let (inputs, problems) = (collected.inputs, collected.problems)
        for problem in problems { Console.error(style.render(problem, lines: nil)) }
        var failed = problems.contains { $0.severity == .error }
        for input in inputs {
            switch InputCollector.read(input) {
            case .failure(let problem):
                Console.error(style.render(problem, lines: nil))
                failed = true
            case .success(let source):
                let stream = YAMLLoader.load(source.bytes)
                var output = ""
                for document in stream.documents {
                    output += document.root.jsonValue.compactText + "\n"
                }
                Console.out(output)
                let lines = SourceLines(source.bytes)
                for diagnostic in stream.diagnostics.map({ Diagnostic($0, file: source.name) }) {
                    Console.error(style.render(diagnostic, lines: lines))
                }
                if stream.hasErrors { failed = true }
                if stream.documents.isEmpty, !stream.hasErrors {
                    Console.error(style.render(.error(InputProblem.emptyFile.message, file: source.name, at: .start), lines: nil))
                    failed = true
                }
            }
        }
        if failed { throw ExitStatus.usage.exitCode }
    }
}
