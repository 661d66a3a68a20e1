import PolicykollYAML

/// A message template parsed once: literal text and `{{ path }}` placeholders that read the
/// declaration (`—` when the path has no value).
struct MessageTemplate {
    enum Segment {
        case literal(String)
        case value(RulePath?)
    }

    let segments: [Segment]

    /// Parses a template; an unclosed `{{` is kept as text.
    init(_ text: String) {
        var segments: [Segment] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            literal += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                literal += rest[open.lowerBound...]
                rest = rest[rest.endIndex...]
                break
            }
            if !literal.isEmpty { segments.append(.literal(literal)) }
            literal = ""
            let name = rest[open.upperBound..<close.lowerBound].trimmed()
            segments.append(.value(RulePath(parsing: String(name))))
            rest = rest[close.upperBound...]
        }
        literal += rest
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
    }

    /// The text with every placeholder filled from the declaration.
    func fill(from root: YAMLNode) -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case .literal(let text):
                output += text
            case .value(let path):
                let value = path.flatMap { MessageRenderer.lookup($0, in: root) }
                output += MessageRenderer.shorten(ValueSemantics.display(value))
            }
        }
        return output
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
