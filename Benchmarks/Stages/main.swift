// policykoll-stages: the single-thread cost of each stage of a check, on the files named on
// standard input (one path per line), for `scripts/benchmark.py --stages`.
//
// Each stage runs `repeat` times (the first argument, default 3) and prints its best time:
//   read       the files' bytes, as the checker reads them (InputCollector.read)
//   parse      libyaml's events built into YAML nodes (YAMLLoader)
//   load       parse plus envelope validation into declarations (DeclarationLoader)
//   evaluate   every rule of the embedded pack on every declaration, failures explained (on
//              whole declarations in one pass, without wording messages: the check's two
//              passes and its findings are in its own figures, not here)
// The differences between lines are what each step adds on top of libyaml.

import EmbeddedPolicies
import Foundation
import PolicykollCore
import PolicykollYAML

func seconds(_ work: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func best(_ runs: Int, _ work: () -> Void) -> Double {
    (0..<runs).map { _ in seconds(work) }.min() ?? 0
}

let repeatCount = max(1, CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 3)
var paths: [String] = []
while let line = readLine() {
    if !line.isEmpty { paths.append(line) }
}
guard !paths.isEmpty else {
    FileHandle.standardError.write(Data("usage: policykoll-stages [repeat] < list-of-files\n".utf8))
    exit(2)
}

// Read as the checker reads (one open, fstat and read per file); a file that cannot be read
// stops the run rather than being timed as empty.
var files: [SourceFile] = []
let read = best(repeatCount) {
    files = paths.map { path in
        switch InputCollector.read(.file(path, discovered: true)) {
        case .success(let file): return file
        case .failure(let problem):
            FileHandle.standardError.write(Data("policykoll-stages: \(problem.file): \(problem.message)\n".utf8))
            exit(2)
        }
    }
}
var documents = 0
let parse = best(repeatCount) {
    documents = files.reduce(0) { $0 + YAMLLoader.load($1.bytes).documents.count }
}
// As in a check, each file's declarations are dropped once counted: keeping them all would
// time memory growth, not validation.
let validator = DeclarationValidator()
var declarationCount = 0
let load = best(repeatCount) {
    declarationCount = files.reduce(0) { $0 + DeclarationLoader.load($1, validator: validator).declarations.count }
}
let declarations = files.flatMap { DeclarationLoader.load($0, validator: validator).declarations }
let packFiles = EmbeddedPolicies.files.map { SourceFile(name: $0.path, text: $0.text) }
guard let pack = RulePackLoader.load(packFiles).pack else {
    FileHandle.standardError.write(Data("policykoll-stages: the embedded pack does not load\n".utf8))
    exit(2)
}
let evaluator = Evaluator(
    rules: pack.rules, index: DeclarationIndex(declarations), asOf: CivilDate(year: 2026, month: 11, day: 26)!)
var failures = 0
let evaluate = best(repeatCount) {
    failures = 0
    for declaration in declarations {
        for outcome in evaluator.evaluate(declaration) {
            if case .fail = outcome.result { failures += 1 }
        }
    }
}
print(
    "files \(files.count) documents \(documents) declarations \(declarations.count) rules \(pack.rules.count) failures \(failures)"
)
print("read \(read)")
print("parse \(parse)")
print("load \(load)")
print("evaluate \(evaluate)")
