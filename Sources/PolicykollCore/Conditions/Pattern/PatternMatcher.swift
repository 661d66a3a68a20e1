/// A compiled regular expression that matches in time linear in the text: a Thompson NFA
/// simulated over all positions at once (no backtracking), so no pattern and no value can make
/// a check hang, whatever a rule pack or a declaration contains.
///
/// - Complexity: O(*n* × *m*) for a text of *n* scalars and a program of *m* instructions.
struct PatternMatcher: Sendable {
    /// The most instructions a pattern may compile to (bounded repetitions expand).
    static let maxInstructions = 20_000

    enum Instruction: Sendable {
        case scalar(Unicode.Scalar)
        case anyExceptNewline
        case set(Int)
        case split(Int, Int)
        case jump(Int)
        case assertStart
        case assertEnd
        case assertWordBoundary(negated: Bool)
        case match

        /// Whether the instruction reads a scalar.
        var consumes: Bool {
            switch self {
            case .scalar, .anyExceptNewline, .set: true
            default: false
            }
        }
    }

    private(set) var program: [Instruction] = []
    /// The pattern's classes (`[…]`, `\\w`…), by the index `.set` instructions name.
    private(set) var sets: [ScalarSet] = []
    /// Each set's answer for the 128 ASCII scalars, as two 64-bit masks, worked out once: most
    /// text is ASCII, and a set with `\\s` or `\\w` is otherwise asked about Unicode properties.
    private var asciiMasks: [(low: UInt64, high: UInt64)] = []
    let ignoresCase: Bool
    /// The scalars (case-folded under `(?i)`) a match can start with, when that is known: at a
    /// position where no thread is alive and the scalar is not one of them, nothing can start.
    private var firstScalars: Set<Unicode.Scalar>?
    /// Whether every match must start at the start of the text (`^…`): then no thread is
    /// started after the first position, and the search ends as soon as none is alive.
    private(set) var isAnchoredAtStart = false
    /// When the whole pattern is one literal or an alternation of literals (`a|bc|def`, possibly
    /// after `^` and under `(?i)`): the literals (case-folded under `(?i)`), searched for
    /// directly instead of simulating the program.
    private var literals: LiteralSearch?
    /// The program as a deterministic automaton, when it has one (see ``PatternAutomaton``).
    private(set) var automaton: PatternAutomaton?

    /// Compiles a pattern, or throws a ``PatternError`` saying what is not supported and where.
    init(_ pattern: String) throws {
        var parser = PatternParser(pattern)
        let syntax = try parser.parse()
        ignoresCase = parser.ignoresCase
        try emit(syntax)
        program.append(.match)
        if ignoresCase {
            // Literal scalars are compared case-folded.
            program = program.map { instruction in
                if case .scalar(let scalar) = instruction { return .scalar(Self.fold(scalar)) }
                return instruction
            }
        }
        asciiMasks = sets.map { set in
            var masks: (low: UInt64, high: UInt64) = (0, 0)
            for value in UInt32(0)..<128 where set.contains(Unicode.Scalar(value)!, ignoringCase: ignoresCase) {
                if value < 64 { masks.low |= 1 << UInt64(value) } else { masks.high |= 1 << UInt64(value - 64) }
            }
            return masks
        }
        firstScalars = Self.startScalars(of: program)
        isAnchoredAtStart = Self.startsAnchored(program)
        literals = LiteralSearch(syntax, ignoresCase: ignoresCase)
        automaton = PatternAutomaton(self)
    }

    /// Whether every path from the first instruction passes `^` before it consumes anything.
    private static func startsAnchored(_ program: [Instruction]) -> Bool {
        var seen: Set<Int> = []
        var stack = [0]
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch program[pc] {
            case .assertStart: continue
            case .jump(let target): stack.append(target)
            case .split(let first, let second): stack += [first, second]
            default: return false
            }
        }
        return true
    }

    /// The scalars the program must consume first, or `nil` when anything else can come first
    /// (a class, `.`, an assertion, or an empty match).
    private static func startScalars(of program: [Instruction]) -> Set<Unicode.Scalar>? {
        var result: Set<Unicode.Scalar> = []
        var seen: Set<Int> = []
        var stack = [0]
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch program[pc] {
            case .scalar(let scalar): result.insert(scalar)
            case .jump(let target): stack.append(target)
            case .split(let first, let second): stack += [first, second]
            default: return nil
            }
        }
        return result
    }

    /// The simple lowercase form of a scalar (itself when the mapping is not one scalar).
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            return ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
        }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : scalar
    }

    // MARK: - Compilation

    private mutating func append(_ instruction: Instruction) throws -> Int {
        guard program.count < Self.maxInstructions else {
            throw PatternError(
                reason: "the pattern is too large (its repetitions expand beyond \(Self.maxInstructions) steps)", position: 1)
        }
        program.append(instruction)
        return program.count - 1
    }

    private mutating func emit(_ syntax: PatternSyntax) throws {
        switch syntax {
        case .empty:
            break
        case .scalar(let scalar):
            _ = try append(.scalar(scalar))
        case .anyExceptNewline:
            _ = try append(.anyExceptNewline)
        case .set(let set):
            sets.append(set)
            _ = try append(.set(sets.count - 1))
        case .startAnchor:
            _ = try append(.assertStart)
        case .endAnchor:
            _ = try append(.assertEnd)
        case .wordBoundary(let negated):
            _ = try append(.assertWordBoundary(negated: negated))
        case .concatenation(let items):
            for item in items { try emit(item) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index < branches.count - 1 {
                    let split = try append(.split(0, 0))
                    try emit(branch)
                    jumps.append(try append(.jump(0)))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repetition(let inner, let min, let max):
            for _ in 0..<min { try emit(inner) }
            if let max {
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(try append(.split(0, 0)))
                    try emit(inner)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let split = try append(.split(0, 0))
                try emit(inner)
                _ = try append(.jump(split))
                program[split] = .split(split + 1, program.count)
            }
        }
    }

    // MARK: - Matching

    /// Whether the pattern matches anywhere in the text (unanchored).
    func matches(_ text: String) -> Bool {
        if let automaton, let answer = automaton.matches(text, of: self) { return answer }
        return simulate(text)
    }

    /// Whether the pattern matches anywhere in the text, by simulating the program (the
    /// automaton's reference in tests).
    func simulate(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let folded = ignoresCase ? scalars.map(Self.fold) : scalars
        if let literals { return literals.found(in: folded) }
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        var stack: [Int] = []
        stack.reserveCapacity(program.count)
        for position in 0...scalars.count {
            if isAnchoredAtStart, position > 0 {
                // Nothing can start here; the search is over once no thread is alive.
                if current.threads.isEmpty { return false }
            } else {
                // Unanchored: a new thread starts at every position where a match can start.
                if current.threads.isEmpty, let firstScalars {
                    guard position < scalars.count else { break }
                    if !firstScalars.contains(folded[position]) { continue }
                }
                add(0, to: &current, at: position, in: scalars, stack: &stack)
                if current.containsMatch { return true }
            }
            guard position < scalars.count else { break }
            next.clear()
            for pc in current.threads {
                if step(program[pc], on: scalars[position], folded: folded[position]) {
                    add(pc + 1, to: &next, at: position + 1, in: scalars, stack: &stack)
                }
            }
            swap(&current, &next)
            if current.containsMatch { return true }
        }
        return false
    }

    /// Whether the pattern's class (`[…]`, `\\w`…) at an index holds a scalar (under `(?i)`, in
    /// any of its cases).
    func setContains(_ index: Int, _ scalar: Unicode.Scalar) -> Bool {
        sets[index].contains(scalar, ignoringCase: ignoresCase)
    }

    /// Whether an instruction accepts a scalar (case-folded first under `(?i)`).
    func step(_ instruction: Instruction, on scalar: Unicode.Scalar) -> Bool {
        step(instruction, on: scalar, folded: ignoresCase ? Self.fold(scalar) : scalar)
    }

    /// Whether an instruction accepts a scalar, given the scalar case-folded under `(?i)`.
    func step(_ instruction: Instruction, on scalar: Unicode.Scalar, folded: Unicode.Scalar) -> Bool {
        switch instruction {
        case .scalar(let expected):
            return folded == expected
        case .anyExceptNewline:
            return scalar != "\n"
        case .set(let index):
            let value = scalar.value
            if value < 64 { return asciiMasks[index].low & (1 << UInt64(value)) != 0 }
            if value < 128 { return asciiMasks[index].high & (1 << UInt64(value - 64)) != 0 }
            return sets[index].contains(scalar, ignoringCase: ignoresCase)
        default:
            return false
        }
    }

    /// Adds a thread and everything reachable from it without consuming input.
    private func add(
        _ start: Int, to list: inout ThreadList, at position: Int, in scalars: [Unicode.Scalar], stack: inout [Int]
    ) {
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assertStart:
                if position == 0 { stack.append(pc + 1) }
            case .assertEnd:
                if position == scalars.count { stack.append(pc + 1) }
            case .assertWordBoundary(let negated):
                let before = position > 0 && ScalarSet.isWord(scalars[position - 1])
                let after = position < scalars.count && ScalarSet.isWord(scalars[position])
                if (before != after) != negated { stack.append(pc + 1) }
            case .match:
                list.containsMatch = true
            case .scalar, .anyExceptNewline, .set:
                list.threads.append(pc)
            }
        }
    }

    /// The other cases of a scalar, for `(?i)`: its lowercase, uppercase and titlecase forms
    /// that are one scalar each.
    static func caseVariants(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if scalar.isASCII {
            // Unicode's mappings of ASCII stay in ASCII; asking for them costs hundreds of
            // instructions, and every class is asked about all 128 when a pattern compiles.
            let value = scalar.value
            let lower = (65...90).contains(value) ? value + 32 : value
            let upper = (97...122).contains(value) ? value - 32 : value
            return [Unicode.Scalar(lower)!, Unicode.Scalar(upper)!, Unicode.Scalar(upper)!]
        }
        return unicodeCaseVariants(of: scalar)
    }

    /// ``caseVariants(of:)`` by Unicode's properties (also the reference for ASCII in tests).
    static func unicodeCaseVariants(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        let properties = scalar.properties
        return [properties.lowercaseMapping, properties.uppercaseMapping, properties.titlecaseMapping].compactMap { mapping in
            let scalars = mapping.unicodeScalars
            return scalars.count == 1 ? scalars.first : nil
        }
    }
}

/// The set of program counters alive at one position, deduplicated in O(1) per insert.
private struct ThreadList {
    var threads: [Int] = []
    var containsMatch = false
    private var seen: [UInt32]
    private var generation: UInt32 = 1

    init(capacity: Int) {
        seen = Array(repeating: 0, count: capacity)
        threads.reserveCapacity(capacity)
    }

    /// Inserts a program counter; `false` when it was already there at this position.
    mutating func insert(_ pc: Int) -> Bool {
        guard seen[pc] != generation else { return false }
        seen[pc] = generation
        return true
    }

    mutating func clear() {
        threads.removeAll(keepingCapacity: true)
        containsMatch = false
        generation &+= 1
        if generation == 0 {
            seen = Array(repeating: 0, count: seen.count)
            generation = 1
        }
    }
}

/// A search for any of a few literal strings: by the first scalar, then scalar by scalar.
///
/// - Complexity: O(*n* × *m*) for a text of *n* scalars and literals of *m* scalars in all, the
///   same bound as the program it stands for; in practice a lookup per position.
private struct LiteralSearch: Sendable {
    let literals: [[Unicode.Scalar]]
    let anchored: Bool
    /// The literals by their first scalar.
    private let byFirst: [Unicode.Scalar: [Int]]

    /// The search a pattern stands for, or `nil` when it is not literals only.
    init?(_ syntax: PatternSyntax, ignoresCase: Bool) {
        var body = syntax
        var anchored = false
        if case .concatenation(let items) = syntax, items.first == .startAnchor {
            anchored = true
            body = items.count == 2 ? items[1] : .concatenation(Array(items.dropFirst()))
        }
        let branches: [PatternSyntax]
        if case .alternation(let alternatives) = body { branches = alternatives } else { branches = [body] }
        var literals: [[Unicode.Scalar]] = []
        for branch in branches {
            guard let literal = Self.literal(branch), !literal.isEmpty else { return nil }
            literals.append(ignoresCase ? literal.map(PatternMatcher.fold) : literal)
        }
        self.literals = literals
        self.anchored = anchored
        var byFirst: [Unicode.Scalar: [Int]] = [:]
        for (index, literal) in literals.enumerated() { byFirst[literal[0], default: []].append(index) }
        self.byFirst = byFirst
    }

    /// The scalars of a literal (a scalar, or a concatenation of them), or `nil`.
    private static func literal(_ syntax: PatternSyntax) -> [Unicode.Scalar]? {
        switch syntax {
        case .scalar(let scalar): return [scalar]
        case .concatenation(let items):
            var scalars: [Unicode.Scalar] = []
            for item in items {
                guard case .scalar(let scalar) = item else { return nil }
                scalars.append(scalar)
            }
            return scalars
        default: return nil
        }
    }

    /// Whether a literal occurs in the (already case-folded) text; at its start when anchored.
    func found(in text: [Unicode.Scalar]) -> Bool {
        let lastStart = anchored ? min(0, text.count - 1) : text.count - 1
        guard lastStart >= 0 else { return false }
        for start in 0...lastStart {
            guard let candidates = byFirst[text[start]] else { continue }
            for index in candidates where occurs(literals[index], in: text, at: start) { return true }
        }
        return false
    }

    private func occurs(_ literal: [Unicode.Scalar], in text: [Unicode.Scalar], at start: Int) -> Bool {
        guard text.count - start >= literal.count else { return false }
        for offset in 1..<literal.count where text[start + offset] != literal[offset] { return false }
        return true
    }
}
