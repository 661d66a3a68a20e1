/// How sets of a pattern program's threads move when a scalar is read, for ``PatternAutomaton``.
///
/// A set is a bitset over the program's instructions: the instructions waiting for a scalar and
/// the `$` waiting for the end of the text. Each instruction's closure (everything reachable from
/// it without reading a scalar) is worked out once, so a move is a few word-wide ORs, and a known
/// set is found by hashing a few words.
struct ThreadMoves: Sendable {
    /// A set of threads, with the flags that make it another state: whether it is the state at
    /// the start of the text (where `^` holds), and whether a thread has reached `match` (all
    /// such sets are one state).
    struct Threads: Hashable, Sendable {
        var bits: [UInt64]
        var isInitial = false
        var matched = false

        func hash(into hasher: inout Hasher) {
            hasher.combine(isInitial)
            hasher.combine(matched)
            bits.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// What a state means for the text read so far.
    struct StateFlags: OptionSet, Sendable {
        let rawValue: UInt8
        /// A match was reached.
        static let matched = StateFlags(rawValue: 1)
        /// No match can follow, whatever comes.
        static let dead = StateFlags(rawValue: 2)
        /// The text matches if it ends here.
        static let matchesAtEnd = StateFlags(rawValue: 4)
    }

    private let program: [PatternMatcher.Instruction]
    /// Whether a new search starts at every scalar (the pattern is not anchored at the start).
    private let restarts: Bool
    /// Words per bitset.
    private let width: Int
    /// The closures of the instructions a move can lead to, `width` words each, and whether each
    /// reaches `match`: row 0 is the first instruction's (where a new search starts), row *k* + 1
    /// that of the instruction after the *k*-th that reads a scalar.
    private let closureBits: [UInt64]
    private let closureMatches: [Bool]
    /// Each instruction's position among the instructions that read a scalar, or -1.
    private let column: [Int]
    /// The instructions that read a scalar, by that position.
    private let consumingPCs: [Int]
    /// Whether a set with no thread stays so: no new search can start, or it starts nowhere.
    private let restartIsEmpty: Bool
    /// The threads at the start of the text.
    let initial: Threads

    init(program: [PatternMatcher.Instruction], restarts: Bool) {
        self.program = program
        self.restarts = restarts
        let width = (program.count + 63) / 64
        self.width = width
        var column = Array(repeating: -1, count: program.count)
        let consumingPCs = program.indices.filter { program[$0].consumes }
        for (index, pc) in consumingPCs.enumerated() { column[pc] = index }
        let consuming = consumingPCs.count
        self.column = column
        self.consumingPCs = consumingPCs
        var bits = Array(repeating: UInt64(0), count: (consuming + 1) * width)
        var matches = Array(repeating: false, count: consuming + 1)
        var walk = ClosureWalk(program: program)
        for pc in program.indices where pc == 0 || program[pc - 1].consumes {
            let row = pc == 0 ? 0 : column[pc - 1] + 1
            matches[row] = walk.closure(of: pc, atStart: false) { member in
                bits[row * width + member / 64] |= 1 << UInt64(member % 64)
            }
        }
        closureBits = bits
        closureMatches = matches
        restartIsEmpty = !restarts || (bits[0..<width].allSatisfy { $0 == 0 } && !matches[0])
        var initial = Threads(bits: Array(repeating: 0, count: width), isInitial: true)
        initial.matched = walk.closure(of: 0, atStart: true) { member in
            initial.bits[member / 64] |= 1 << UInt64(member % 64)
        }
        if initial.matched { initial.bits = Array(repeating: 0, count: width) }
        self.initial = initial
    }

    /// A bitset's worth of zeros, for ``move(_:scratch:consumes:)`` to work in.
    var emptyScratch: [UInt64] { Array(repeating: 0, count: width) }

    /// The instruction that is the `index`-th of those that read a scalar.
    func pc(ofConsuming index: Int) -> Int { consumingPCs[index] }

    /// The threads after `threads` read a scalar that `consumes` accepts (asked of the
    /// instructions that read a scalar, by their position among those), past the start of the
    /// text.
    func move(_ threads: Threads, scratch: inout [UInt64], consumes: (Int) -> Bool) -> Threads {
        for index in scratch.indices { scratch[index] = 0 }
        var matched = false
        forEachMember(of: threads) { pc in
            // Every set that reached `match` is one state.
            let index = column[pc]
            if index >= 0, consumes(index), absorb(row: index + 1, into: &scratch) { matched = true }
            return !matched
        }
        if matched || (restarts && absorb(row: 0, into: &scratch)) { return matchedThreads }
        return Threads(bits: scratch)
    }

    /// Calls `body` with each instruction in a set, in program order, while it returns `true`.
    private func forEachMember(of threads: Threads, _ body: (Int) -> Bool) {
        for (index, word) in threads.bits.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                guard body(index * 64 + rest.trailingZeroBitCount) else { return }
                rest &= rest - 1
            }
        }
    }

    /// What a set of threads means for the text read so far.
    func flags(of threads: Threads) -> StateFlags {
        if threads.matched { return .matched }
        var flags: StateFlags = []
        if restartIsEmpty, threads.bits.allSatisfy({ $0 == 0 }) { flags.insert(.dead) }
        if reachesMatchAtEnd(threads) { flags.insert(.matchesAtEnd) }
        return flags
    }

    private var matchedThreads: Threads { Threads(bits: Array(repeating: 0, count: width), matched: true) }

    /// Adds a closure (a row of ``closureBits``) to a set; whether it reaches `match`.
    private func absorb(row: Int, into scratch: inout [UInt64]) -> Bool {
        if closureMatches[row] { return true }
        let base = row * width
        closureBits.withUnsafeBufferPointer { closures in
            scratch.withUnsafeMutableBufferPointer { scratch in
                for index in 0..<width { scratch[index] |= closures[base + index] }
            }
        }
        return false
    }

    /// Whether the text ending in this set matches: a waiting `$` now holds (and `^` too, if the
    /// text is empty).
    private func reachesMatchAtEnd(_ threads: Threads) -> Bool {
        var seen = Set<Int>()
        var stack: [Int] = []
        forEachMember(of: threads) { pc in
            if case .assertEnd = program[pc] { stack.append(pc + 1) }
            return true
        }
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

/// Walks the instructions reachable from one without reading a scalar, marking those seen by
/// generation so that walking from every instruction of a program allocates nothing per walk.
private struct ClosureWalk {
    let program: [PatternMatcher.Instruction]
    private var seen: [UInt32]
    private var generation: UInt32 = 0
    private var stack: [Int] = []

    init(program: [PatternMatcher.Instruction]) {
        self.program = program
        seen = Array(repeating: 0, count: program.count)
    }

    /// Reports each instruction reachable from `seed` that reads a scalar, and each `$` waiting
    /// for the end; `true` (and maybe not all of them) when `match` is reachable. `^` is passed
    /// only at the start.
    mutating func closure(of seed: Int, atStart: Bool, member: (Int) -> Void) -> Bool {
        generation += 1
        stack.removeAll(keepingCapacity: true)
        stack.append(seed)
        while let pc = stack.popLast() {
            guard seen[pc] != generation else { continue }
            seen[pc] = generation
            switch program[pc] {
            case .jump(let target): stack.append(target)
            case .split(let first, let second):
                stack.append(first)
                stack.append(second)
            case .assertStart: if atStart { stack.append(pc + 1) }
            case .assertEnd: member(pc)
            case .assertWordBoundary: break  // no automaton is built for these
            case .match: return true
            case .scalar, .anyExceptNewline, .set: member(pc)
            }
        }
        return false
    }
}
