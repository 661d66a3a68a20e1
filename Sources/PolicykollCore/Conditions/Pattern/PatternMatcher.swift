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
    }

    private(set) var program: [Instruction] = []
    private var sets: [ScalarSet] = []
    let ignoresCase: Bool
    /// The scalars (case-folded under `(?i)`) a match can start with, when that is known: at a
    /// position where no thread is alive and the scalar is not one of them, nothing can start.
    private var firstScalars: Set<Unicode.Scalar>?

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
        firstScalars = Self.startScalars(of: program)
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
        let scalars = Array(text.unicodeScalars)
        let folded = ignoresCase ? scalars.map(Self.fold) : scalars
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        for position in 0...scalars.count {
            // Unanchored: a new thread starts at every position where a match can start.
            if current.threads.isEmpty, let firstScalars {
                guard position < scalars.count else { break }
                if !firstScalars.contains(folded[position]) { continue }
            }
            add(0, to: &current, at: position, in: scalars)
            if current.containsMatch { return true }
            guard position < scalars.count else { break }
            next.clear()
            for pc in current.threads {
                if step(program[pc], on: scalars[position], folded: folded[position]) {
                    add(pc + 1, to: &next, at: position + 1, in: scalars)
                }
            }
            swap(&current, &next)
            if current.containsMatch { return true }
        }
        return false
    }

    private func step(_ instruction: Instruction, on scalar: Unicode.Scalar, folded: Unicode.Scalar) -> Bool {
        switch instruction {
        case .scalar(let expected):
            return folded == expected
        case .anyExceptNewline:
            return scalar != "\n"
        case .set(let index):
            return sets[index].contains(scalar, ignoringCase: ignoresCase)
        default:
            return false
        }
    }

    /// Adds a thread and everything reachable from it without consuming input.
    private func add(_ start: Int, to list: inout ThreadList, at position: Int, in scalars: [Unicode.Scalar]) {
        var stack = [start]
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

    /// The other cases of a scalar, for `(?i)`.
    static func caseVariants(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
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
