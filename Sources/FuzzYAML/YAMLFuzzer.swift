import PolicykollCore
import PolicykollReporters
import PolicykollYAML

/// One fuzz input through the YAML loader and declaration validation, as `check` and `dump` use
/// them: load, validate every document, render every document as `dump` does, and render every
/// diagnostic in compiler style with its source line.
///
/// A crash, a hang or a broken invariant (a diagnostic pointing outside the file) is a finding.
enum YAMLFuzzer {
    static let validator = DeclarationValidator()
    static let style = CompilerStyle(useColor: false)

    static func run(_ bytes: [UInt8]) {
        let stream = YAMLLoader.load(bytes)
        for document in stream.documents {
            _ = document.root.jsonValue.compactText
        }
        // Half the inputs as if found in a folder, so the "not a declaration, skipped" path runs too.
        let file = SourceFile(name: "fuzz.yaml", bytes: bytes, discovered: bytes.count % 2 == 0)
        let loaded = DeclarationLoader.load(file, validator: validator)
        let lines = SourceLines(bytes)
        for diagnostic in loaded.diagnostics {
            if let mark = diagnostic.mark {
                precondition(
                    mark.line >= 1 && mark.line <= lines.count && mark.column >= 1,
                    "a diagnostic points outside the file: \(mark) (\(lines.count) lines): \(diagnostic.message)")
            }
            _ = style.render(diagnostic, lines: lines)
        }
        for declaration in loaded.declarations {
            _ = declaration.root.jsonValue.compactText
        }
    }
}
