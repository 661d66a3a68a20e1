/// A deterministic automaton for a compiled pattern, built once when the pattern compiles: each
/// state is a set of the program's threads, and a scalar moves to the next state by one table
/// lookup instead of stepping every thread (``PatternMatcher`` simulates the program otherwise).
///
/// The table has a column per class of scalars that every instruction treats alike: classes of
/// the 128 ASCII scalars, one per non-ASCII scalar the pattern names (in each of its cases under
/// `(?i)`), and one per combination of the pattern's classes (`[…]`, `\w`…) for any other scalar.
/// A scalar that fits none of these (under `(?i)`, one that folds to a named scalar; or any, when
/// the pattern has more than six classes) is moved as it comes; if that leads to a set of threads
/// the table does not have, ``matches(_:of:)`` answers `nil` and the caller simulates the program.
/// Patterns with `\b`/`\B`, and patterns past ``maxStates`` states or the building budget
/// (``maxConsuming``, ``maxBuildWork``), get no automaton.
///
/// - Complexity: matching is O(*n*) in the scalars of the text; building is
///   O(*states* × *classes* × *m*) for a program of *m* instructions, done once per pattern.
struct PatternAutomaton: Sendable {
    /// The most states an automaton may have; beyond that the program is simulated instead.
    static let maxStates = 512
    /// The most instructions that read a scalar, and the most work (threads moved) while
    /// building, before the program is left to simulation: building must stay cheap for any
    /// pattern a pack holds (a 20,000-letter literal included).
    static let maxConsuming = 1_024
    static let maxBuildWork = 2_000_000

    /// A set of threads: the instructions waiting for a scalar, the `$` waiting for the end of
    /// the text, whether it is the state at the start of the text (where `^` holds), and whether
    /// a thread has reached `match` (all such sets are one state).
    private struct Threads: Hashable {
        var consuming: [Int] = []
        var waitingForEnd: [Int] = []
        var isInitial = false
        var matched = false
    }

    /// Each state's threads, by state number; state 0 is the start of the text.
    private let states: [Threads]
    private let numbers: [Threads: Int32]
    /// The class of each ASCII scalar, then of each named non-ASCII scalar.
    private let asciiClass: [UInt8]
    private let namedClass: [UInt32: Int]
    /// For any other non-ASCII scalar that is not (case-folded) one of the pattern's scalars:
    /// its class by which of the pattern's classes (`[…]`, `\w`…) hold it, a bit per class
    /// (``setIndexes``); `nil` when the pattern has too many classes for that.
    private let classOfSetMask: [Int]?
    private let setIndexes: [Int]
    /// The scalars the pattern names (case-folded under `(?i)`).
    private let literalScalars: Set<UInt32>
    private let classCount: Int
    /// The next state for state `s` and class `c` at `s * classCount + c`.
    private let next: [Int32]
    /// Per state: a match was reached (``matched``), or the state can never lead to one
    /// (``dead``), or it matches when the text ends there (``matchesAtEnd``).
    private let flags: [UInt8]

    private static let matched: UInt8 = 1
    private static let dead: UInt8 = 2
    private static let matchesAtEnd: UInt8 = 4

    /// Builds the automaton of a matcher's program, or `nil` when it has none (see above).
    init?(_ matcher: PatternMatcher) {
        let program = matcher.program
        for instruction in program {
            if case .assertWordBoundary = instruction { return nil }
        }
        // Scalars that every consuming instruction answers alike share a class; a class's
        // answers are worked out once, from one scalar that stands for it.
        let consumingPCs = program.indices.filter { program[$0].consumes }
        guard consumingPCs.count <= Self.maxConsuming else { return nil }
        var answersOfClass: [[Bool]] = []
        var classOfAnswers: [[Bool]: Int] = [:]
        var asciiClass: [UInt8] = []
        for value in UInt32(0)..<128 {
            let answers = consumingPCs.map { matcher.step(program[$0], on: Unicode.Scalar(value)!) }
            if let known = classOfAnswers[answers] {
                asciiClass.append(UInt8(known))
                continue
            }
            classOfAnswers[answers] = answersOfClass.count
            asciiClass.append(UInt8(answersOfClass.count))
            answersOfClass.append(answers)
        }
        self.asciiClass = asciiClass
        // Named non-ASCII scalars (and their other cases under `(?i)`) get a class of their
        // own: a class stands for one exact scalar, whose answers are known.
        var named: [UInt32: Int] = [:]
        for instruction in program {
            guard case .scalar(let scalar) = instruction, !scalar.isASCII else { continue }
            let variants = matcher.ignoresCase ? [scalar] + PatternMatcher.caseVariants(of: scalar) : [scalar]
            for variant in variants where !variant.isASCII && named[variant.value] == nil {
                named[variant.value] = answersOfClass.count
                answersOfClass.append(consumingPCs.map { matcher.step(program[$0], on: variant) })
            }
        }
        guard named.count <= 256 else { return nil }
        namedClass = named
        // Other non-ASCII scalars: `.` holds them, no named scalar is one of them, so only the
        // pattern's classes tell them apart. A class per combination of those.
        var literals: Set<UInt32> = []
        var setIndexes: [Int] = []
        for instruction in program {
            switch instruction {
            case .scalar(let scalar): literals.insert(scalar.value)
            case .set(let index) where !setIndexes.contains(index): setIndexes.append(index)
            default: break
            }
        }
        literalScalars = literals
        self.setIndexes = setIndexes
        if setIndexes.count <= 6 {
            classOfSetMask = (0..<(1 << setIndexes.count)).map { mask in
                let answers = consumingPCs.map { pc -> Bool in
                    switch program[pc] {
                    case .anyExceptNewline: return true
                    case .set(let index): return mask & (1 << setIndexes.firstIndex(of: index)!) != 0
                    default: return false
                    }
                }
                if let known = classOfAnswers[answers] { return known }
                classOfAnswers[answers] = answersOfClass.count
                answersOfClass.append(answers)
                return answersOfClass.count - 1
            }
        } else {
            classOfSetMask = nil
        }
        classCount = answersOfClass.count

        var builder = Builder(program: program, consumingPCs: consumingPCs, restarts: !matcher.isAnchoredAtStart)
        let initial = Self.closure(of: [0], in: program, atStart: true, isInitial: true)
        var states = [initial]
        builder.remember(builder.key(of: initial), as: 0)
        var next: [Int32] = []
        next.reserveCapacity(classCount * 16)
        var position = 0
        var work = 0
        while position < states.count {
            work += (states[position].consuming.count + 1) * classCount
            guard work <= Self.maxBuildWork else { return nil }
            for answers in answersOfClass {
                let target = builder.move(states[position], answers: answers)
                if let known = builder.number(of: target) {
                    next.append(known)
                    continue
                }
                guard states.count < Self.maxStates else { return nil }
                builder.remember(target, as: Int32(states.count))
                next.append(Int32(states.count))
                states.append(builder.threads(of: target))
            }
            position += 1
        }
        self.states = states
        self.numbers = Dictionary(uniqueKeysWithValues: states.enumerated().map { ($0.element, Int32($0.offset)) })
        self.next = next
        // A set with no thread can never match if no new search can start either.
        let restart = Self.move(Threads(), on: " ", matcher: matcher)
        let restartIsEmpty = restart.consuming.isEmpty && restart.waitingForEnd.isEmpty && !restart.matched
        flags = states.map { threads in
            if threads.matched { return Self.matched }
            var flag: UInt8 = 0
            if threads.consuming.isEmpty, threads.waitingForEnd.isEmpty, restartIsEmpty { flag |= Self.dead }
            if Self.reachesMatchAtEnd(threads, in: program) { flag |= Self.matchesAtEnd }
            return flag
        }
    }

    /// Whether the pattern of `matcher` (the one the automaton was built from) matches anywhere
    /// in the text, or `nil` when a scalar led outside the table (then the caller simulates the
    /// program).
    func matches(_ text: String, of matcher: PatternMatcher) -> Bool? {
        var state = 0
        if flags[0] & Self.matched != 0 { return true }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 128 {
                state = Int(next[state * classCount + Int(asciiClass[Int(value)])])
            } else if let named = namedClass[value] {
                state = Int(next[state * classCount + named])
            } else if let otherClass = classOfOther(scalar, of: matcher) {
                state = Int(next[state * classCount + otherClass])
            } else {
                guard let known = numbers[Self.move(states[state], on: scalar, matcher: matcher)] else { return nil }
                state = Int(known)
            }
            let flag = flags[state]
            if flag & Self.matched != 0 { return true }
            if flag & Self.dead != 0 { return false }
        }
        return flags[state] & Self.matchesAtEnd != 0
    }

    /// The class of a non-ASCII scalar the pattern does not name, when it is not (case-folded) one
    /// of the pattern's scalars either: then only the pattern's classes tell it apart.
    private func classOfOther(_ scalar: Unicode.Scalar, of matcher: PatternMatcher) -> Int? {
        guard let classOfSetMask else { return nil }
        if matcher.ignoresCase, literalScalars.contains(PatternMatcher.fold(scalar).value) { return nil }
        var mask = 0
        for (bit, index) in setIndexes.enumerated() where matcher.setContains(index, scalar) { mask |= 1 << bit }
        return classOfSetMask[mask]
    }

    /// Moves between sets of threads while the table is built. A set is kept as a bitset over the
    /// program's instructions while building, so that a move is a few word-wide ORs of the
    /// single instructions' closures (worked out once) and a known set is found by hashing a
    /// few words; only a new state is turned into ``Threads``.
    private struct Builder {
        let restarts: Bool
        private let program: [PatternMatcher.Instruction]
        /// Words per bitset.
        private let width: Int
        /// Each instruction's closure, `width` words per instruction, and whether it reaches `match`.
        private let closureBits: [UInt64]
        private let closureMatches: [Bool]
        /// Each instruction's position among the consuming ones (or -1).
        private let column: [Int]
        private var numbers: [Key: Int32] = [:]
        private var scratch: [UInt64]

        /// A set of threads as bits, with the flags that make it another state.
        struct Key: Hashable {
            var bits: [UInt64]
            var isInitial = false
            var matched = false

            func hash(into hasher: inout Hasher) {
                hasher.combine(isInitial)
                hasher.combine(matched)
                bits.withUnsafeBytes { hasher.combine(bytes: $0) }
            }
        }

        init(program: [PatternMatcher.Instruction], consumingPCs: [Int], restarts: Bool) {
            self.restarts = restarts
            self.program = program
            let width = (program.count + 63) / 64
            self.width = width
            var column = Array(repeating: -1, count: program.count)
            for (index, pc) in consumingPCs.enumerated() { column[pc] = index }
            self.column = column
            var bits = Array(repeating: UInt64(0), count: program.count * width)
            var matches = Array(repeating: false, count: program.count)
            for pc in program.indices {
                let closure = PatternAutomaton.closure(of: [pc], in: program, atStart: false, isInitial: false)
                matches[pc] = closure.matched
                for member in closure.consuming + closure.waitingForEnd {
                    bits[pc * width + member / 64] |= 1 << UInt64(member % 64)
                }
            }
            closureBits = bits
            closureMatches = matches
            scratch = Array(repeating: 0, count: width)
        }

        /// The bits of a set of threads.
        func key(of threads: Threads) -> Key {
            var bits = Array(repeating: UInt64(0), count: width)
            for pc in threads.consuming + threads.waitingForEnd { bits[pc / 64] |= 1 << UInt64(pc % 64) }
            return Key(bits: bits, isInitial: threads.isInitial, matched: threads.matched)
        }

        /// The set of threads that bits stand for, in program order.
        func threads(of key: Key) -> Threads {
            var threads = Threads(isInitial: key.isInitial, matched: key.matched)
            for (index, word) in key.bits.enumerated() where word != 0 {
                var rest = word
                while rest != 0 {
                    let pc = index * 64 + rest.trailingZeroBitCount
                    rest &= rest - 1
                    if case .assertEnd = program[pc] { threads.waitingForEnd.append(pc) } else { threads.consuming.append(pc) }
                }
            }
            return threads
        }

        func number(of key: Key) -> Int32? { numbers[key] }

        mutating func remember(_ key: Key, as number: Int32) { numbers[key] = number }

        /// The threads after `threads` read a scalar with these answers (one per consuming
        /// instruction, in program order).
        mutating func move(_ threads: Threads, answers: [Bool]) -> Key {
            for index in scratch.indices { scratch[index] = 0 }
            var matched = false
            for pc in threads.consuming where answers[column[pc]] {
                if absorb(pc + 1) {
                    matched = true
                    break
                }
            }
            if !matched, restarts, absorb(0) { matched = true }
            // Every set that reached `match` is one state.
            if matched { return Key(bits: Array(repeating: 0, count: width), matched: true) }
            return Key(bits: scratch)
        }

        /// Adds an instruction's closure to the scratch set; whether it reaches `match`.
        private mutating func absorb(_ pc: Int) -> Bool {
            if closureMatches[pc] { return true }
            let base = pc * width
            closureBits.withUnsafeBufferPointer { closures in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    for index in 0..<width { scratch[index] |= closures[base + index] }
                }
            }
            return false
        }
    }

    /// The threads after `threads` read `scalar` (at a position after the start of the text,
    /// where a new search starts unless the pattern is anchored at the start).
    private static func move(_ threads: Threads, on scalar: Unicode.Scalar, matcher: PatternMatcher) -> Threads {
        var seeds: [Int] = []
        for pc in threads.consuming where matcher.step(matcher.program[pc], on: scalar) { seeds.append(pc + 1) }
        if !matcher.isAnchoredAtStart { seeds.append(0) }
        return closure(of: seeds, in: matcher.program, atStart: false, isInitial: false)
    }

    /// Everything reachable from `seeds` without reading a scalar: `^` is passed only at the
    /// start, `$` waits for the end.
    private static func closure(of seeds: [Int], in program: [PatternMatcher.Instruction], atStart: Bool, isInitial: Bool)
        -> Threads
    {
        var seen = Set<Int>()
        var stack = seeds
        var consuming: [Int] = []
        var waiting: [Int] = []
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch program[pc] {
            case .jump(let target): stack.append(target)
            case .split(let first, let second): stack += [first, second]
            case .assertStart: if atStart { stack.append(pc + 1) }
            case .assertEnd: waiting.append(pc)
            case .assertWordBoundary: break  // no automaton is built for these
            case .match: return Threads(matched: true)
            case .scalar, .anyExceptNewline, .set: consuming.append(pc)
            }
        }
        return Threads(consuming: consuming.sorted(), waitingForEnd: waiting.sorted(), isInitial: isInitial, matched: false)
    }

    /// Whether the text ending in this state matches: a waiting `$` now holds (and `^` too, if
    /// the text is empty).
    private static func reachesMatchAtEnd(_ threads: Threads, in program: [PatternMatcher.Instruction]) -> Bool {
        var seen = Set<Int>()
        var stack = threads.waitingForEnd.map { $0 + 1 }
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch program[pc] {
            case .jump(let target): stack.append(target)
            case .split(let first, let second): stack += [first, second]
            case .assertStart: if threads.isInitial { stack.append(pc + 1) }
            case .assertEnd: stack.append(pc + 1)
            case .match: return true
            case .assertWordBoundary, .scalar, .anyExceptNewline, .set: break
            }
        }
        return false
    }
}
