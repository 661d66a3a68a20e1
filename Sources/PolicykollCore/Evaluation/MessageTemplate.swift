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

    /// What is wrong with a template, or `nil`: an unclosed `{{`, or a placeholder that is not a
    /// path. (A template with such a mistake would print it to every finding.)
    static func problem(in text: String) -> String? {
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                return "'\(rest[open.lowerBound...].prefix(40))' is not closed with '}}'"
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmed()
            if RulePath(parsing: String(name)) == nil {
                return "'\(rest[open.lowerBound..<close.upperBound])' does not hold a path (such as {{metadata.name}})"
            }
            rest = rest[close.upperBound...]
        }
        return nil
    }

    /// Appends the text, every placeholder filled from the declaration, as UTF-8.
    func fill(from root: YAMLNode, into bytes: inout [UInt8]) {
        for segment in segments {
            switch segment {
            case .literal(let text):
                bytes += text.utf8
            case .value(let path):
                let value = path.flatMap { MessageRenderer.lookup($0, in: root) }
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
