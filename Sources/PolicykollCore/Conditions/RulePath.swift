/// A path into a declaration: dotted keys with optional `[n]` indexes, such as
/// `spec.architecture.integrations[0].target`. A leading `$.` makes it absolute: relative to the
/// declaration under check even inside `each` or `ref`.
public struct RulePath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// Whether the path starts at the declaration under check (`$.`).
    public var isAbsolute: Bool
    /// The steps.
    public var components: [Component]

    /// Creates a path from steps.
    public init(isAbsolute: Bool = false, components: [Component]) {
        self.isAbsolute = isAbsolute
        self.components = components
    }

    /// Parses a path, or returns `nil` when it is malformed (empty keys, bad indexes).
    public init?(parsing text: String) {
        var rest = Substring(text)
        isAbsolute = false
        if rest == "$" {
            isAbsolute = true
            components = []
            return
        }
        if rest.hasPrefix("$.") {
            isAbsolute = true
            rest = rest.dropFirst(2)
        }
        var components: [Component] = []
        for (position, segment) in rest.split(separator: ".", omittingEmptySubsequences: false).enumerated() {
            var segment = segment
            guard let bracket = segment.firstIndex(of: "[") else {
                guard !segment.isEmpty, !segment.contains("]") else { return nil }
                components.append(.key(String(segment)))
                continue
            }
            let key = segment[..<bracket]
            // Only the first segment may start with an index (`[0].name`, relative to a list).
            guard !key.contains("]"), !key.isEmpty || position == 0 else { return nil }
            if !key.isEmpty { components.append(.key(String(key))) }
            segment = segment[bracket...]
            while !segment.isEmpty {
                guard segment.first == "[", let close = segment.firstIndex(of: "]"),
                    let index = Int(segment[segment.index(after: segment.startIndex)..<close]), index >= 0
                else { return nil }
                components.append(.index(index))
                segment = segment[segment.index(after: close)...]
            }
        }
        guard !components.isEmpty else { return nil }
        self.components = components
    }

    /// The path as written: `spec.a[0].b`, with `$.` when absolute.
    public var description: String {
        (isAbsolute ? "$." : "") + RulePath.render(components)
    }

    /// Renders steps as `a.b[0].c`.
    public static func render(_ components: [Component]) -> String {
        // Built as bytes, then made a string once: paths are rendered for every finding.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(components.count * 12)
        for component in components {
            switch component {
            case .key(let key):
                if !bytes.isEmpty { bytes.append(UInt8(ascii: ".")) }
                bytes += key.utf8
            case .index(let index):
                bytes.append(UInt8(ascii: "["))
                bytes += String(index).utf8
                bytes.append(UInt8(ascii: "]"))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
