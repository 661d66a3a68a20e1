import PolicykollYAML

/// The rule paths of a pack, numbered prefix by prefix.
///
/// Rules ask for the same places again and again (26 conditions of the default pack read
/// `spec.lifecycle.status`), and paths share prefixes (`spec.security.…`). Numbering every
/// prefix once lets deciding a declaration look each place up once (``PathMemo``) and each
/// longer path take one step from its already known prefix.
struct PathNumbering: Sendable {
    /// For each number: the number of the prefix it extends (`-1` for the root) …
    private(set) var parents: [Int] = []
    /// … and the step it takes from there.
    private(set) var steps: [RulePath.Component] = []
    private var numbers: [Prefix: Int] = [:]

    private struct Prefix: Hashable {
        let parent: Int
        let step: RulePath.Component
    }

    /// How many prefixes are numbered.
    var count: Int { parents.count }

    /// The number of the place that `components` lead to from the root, numbering it and its
    /// prefixes when they are new; `-1` for no components (the root itself).
    mutating func number(_ components: [RulePath.Component]) -> Int {
        var current = -1
        for step in components {
            let prefix = Prefix(parent: current, step: step)
            if let known = numbers[prefix] {
                current = known
                continue
            }
            current = parents.count
            numbers[prefix] = current
            parents.append(prefix.parent)
            steps.append(step)
        }
        return current
    }
}

/// The values at numbered paths (``PathNumbering``) in one declaration, each looked up the
/// first time a rule asks for it and shared by every rule after. One memo serves one
/// declaration on one thread; it is dropped with the declaration's outcomes.
struct PathMemo {
    private let numbering: PathNumbering
    /// The root of the declaration (`$.`).
    let root: YAMLNode
    private var slots: [Slot]

    private enum Slot {
        case unknown
        case missing
        case found(YAMLNode)
    }

    /// A memo of nothing yet for the declaration whose root is `root`.
    init(numbering: PathNumbering, root: YAMLNode) {
        self.numbering = numbering
        self.root = root
        self.slots = Array(repeating: .unknown, count: numbering.count)
    }

    /// The value at the numbered path from the root, or `nil` where the path leads nowhere.
    /// The same answer as walking the path with ``Evaluator/locate(_:from:in:mark:)``.
    mutating func node(_ number: Int) -> YAMLNode? {
        guard number >= 0 else { return root }
        switch slots[number] {
        case .found(let node): return node
        case .missing: return nil
        case .unknown: break
        }
        let value = node(numbering.parents[number]).flatMap { Evaluator.child(of: $0, at: numbering.steps[number]) }
        slots[number] = value.map(Slot.found) ?? .missing
        return value
    }
}
