import PolicykollYAML

/// A message template parsed once: literal text and `{{ path }}` placeholders that read the
/// declaration (`—` when the path has no value).
struct MessageTemplate {
    enum Segment {
        case literal(String)
        case value(RulePath?)
    }

    let segments: [Segment]
    /// What is wrong with the template, or `nil`: the first unclosed `{{`, or placeholder that
    /// is not a path. A rule pack with such a template is invalid (it would print the mistake
    /// into every finding); the segments still keep an unclosed `{{` as text.
    let problem: String?

    /// Parses a template.
    init(_ text: String) {
        var segments: [Segment] = []
        var problem: String?
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            literal += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                problem = problem ?? "'\(rest[open.lowerBound...].prefix(40))' is not closed with '}}'"
                literal += rest[open.lowerBound...]
                rest = rest[rest.endIndex...]
                break
            }
            if !literal.isEmpty { segments.append(.literal(literal)) }
            literal = ""
            let name = rest[open.upperBound..<close.lowerBound].trimmed()
            let path = RulePath(parsing: String(name))
            if path == nil {
                problem =
                    problem ?? "'\(rest[open.lowerBound..<close.upperBound])' does not hold a path (such as {{metadata.name}})"
            }
            segments.append(.value(path))
            rest = rest[close.upperBound...]
        }
        literal += rest
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
        self.problem = problem
    }

    /// Appends the text, every placeholder filled from the declaration, as UTF-8.
    func fill(from root: YAMLNode, into bytes: inout [UInt8]) {
        for segment in segments {
            switch segment {
            case .literal(let text):
                bytes += text.utf8
            case .value(let path):
                // A null is a value not given: shown as missing, as every operator reads it.
                let value = path.flatMap { MessageRenderer.lookup($0, in: root) }.flatMap { $0.isNull ? nil : $0 }
                bytes += MessageRenderer.shorten(ValueSemantics.display(value)).utf8
            }
        }
    }
}

extension Substring {
    fileprivate func trimmed() -> Substring {
        var result = self
        while result.first == " " || result.first == "\t" { result = result.dropFirst() }
        while result.last == " " || result.last == "\t" { result = result.dropLast() }
        return result
    }
}
