import Synchronization

/// A deterministic automaton for a compiled pattern, built lazily while it matches: each state is
/// a set of the program's threads, and a scalar moves to the next state by one table lookup
/// instead of stepping every thread (``PatternMatcher`` simulates the program otherwise).
///
/// Only the states and moves that texts actually reach are worked out, each the first time it
/// is needed, and kept for every later text (a lazy DFA, as RE2 and Rust's regex build theirs).
/// Loading a pack therefore costs no automaton building: a check of one declaration works out
/// a few dozen moves, and a check of thousands soon reads only the table.
///
/// The table has a column per class of scalars that every instruction treats alike
/// (``ScalarClasses``). A scalar of no class is moved as it comes, and its move from each state
/// is remembered apart (up to ``maxOtherMoves``). When a move would need more than
/// ``maxStates`` states, or more work than the budget allows (``maxBuildWork``),
/// ``matches(_:of:)`` answers `nil` and the caller simulates the program; such a move is
/// remembered too, so it is not tried again. Patterns with `\b`/`\B`, or past ``maxConsuming``
/// instructions that read a scalar, get no automaton.
///
/// Every thread that matches the pattern shares the moves found so far: it reads a published,
/// immutable copy of them without holding a lock, and takes the lock only when the text needs a
/// move that copy does not have; it then works the moves out, and publishes a new copy.
///
/// - Complexity: matching is O(*n*) in the scalars of the text once its moves are known; working
///   out a move is O(*t* × *m* / 64) for *t* threads in the state and a program of *m*
///   instructions, done once per state and class.
final class PatternAutomaton: Sendable {
    /// The most states an automaton may have by default.
    static let maxStates = 512
    /// The most instructions that read a scalar before the program is left to simulation: the
    /// table's columns and the closures of the instructions after those are worked out when the
    /// pattern compiles, and kept; that must stay small for any pattern a pack holds (a
    /// 20,000-letter literal included).
    static let maxConsuming = 1_024
    /// The most work (threads moved) spent on working out moves over the automaton's life, by
    /// default: past it, moves not yet known are left to simulation, so that a pattern's table
    /// stops growing where it would cost more than it saves.
    static let maxBuildWork = 2_000_000
    /// The most remembered moves of scalars that have no column.
    static let maxOtherMoves = 4_096

    private let moves: ThreadMoves
    private let classes: ScalarClasses
    private let stateLimit: Int
    private let workLimit: Int
    /// The states and moves found so far.
    private let table: Mutex<Table>

    /// A move not worked out yet.
    private static let unknown: Int32 = -1
    /// A move that leads past the limits: the text is simulated.
    private static let beyondLimits: Int32 = -2

    /// The moves of a scalar that has no column, from one state.
    private struct OtherMove: Hashable, Sendable {
        var state: Int32
        var scalar: UInt32
    }

    /// What matching reads without the lock: the moves known when it was published.
    private final class Snapshot: Sendable {
        /// The next state for state `s` and class `c` at `s * classCount + c`, or ``unknown``,
        /// or ``beyondLimits``.
        let next: [Int32]
        /// What each state means for the text read so far.
        let flags: [ThreadMoves.StateFlags]
        let otherMoves: [OtherMove: Int32]

        init(next: [Int32], flags: [ThreadMoves.StateFlags], otherMoves: [OtherMove: Int32]) {
            self.next = next
            self.flags = flags
            self.otherMoves = otherMoves
        }
    }

    /// The states found so far, by number (state 0 is the start of the text), and their moves.
    private struct Table {
        var states: [ThreadMoves.Threads]
        var numbers: [ThreadMoves.Threads: Int32]
        var next: [Int32]
        var flags: [ThreadMoves.StateFlags]
        var otherMoves: [OtherMove: Int32] = [:]
        var scratch: [UInt64]
        /// The work spent so far (see ``maxBuildWork``).
        var work = 0
        /// The copy that matching reads, and whether the table has changed since it was made.
        var published: Snapshot
        var changed = false

        mutating func publish() {
            published = Snapshot(next: next, flags: flags, otherMoves: otherMoves)
            changed = false
        }
    }

    /// The automaton of a matcher's program, or `nil` when it gets none (see above); the limits
    /// are settable for tests.
    init?(
        _ matcher: PatternMatcher, maxStates: Int = PatternAutomaton.maxStates, maxBuildWork: Int = PatternAutomaton.maxBuildWork
    ) {
        let program = matcher.program
        for instruction in program {
            if case .assertWordBoundary = instruction { return nil }
        }
        guard program.lazy.filter(\.consumes).count <= Self.maxConsuming, let classes = ScalarClasses(matcher) else {
            return nil
        }
        self.classes = classes
        stateLimit = maxStates
        workLimit = maxBuildWork
        let moves = ThreadMoves(program: program, restarts: !matcher.isAnchoredAtStart)
        self.moves = moves
        let initial = moves.initial
        let next = Array(repeating: Self.unknown, count: classes.count)
        let flags = [moves.flags(of: initial)]
        table = Mutex(
            Table(
                states: [initial], numbers: [initial: 0], next: next, flags: flags, scratch: moves.emptyScratch,
                published: Snapshot(next: next, flags: flags, otherMoves: [:])))
    }

    /// Whether the pattern of `matcher` (the one the automaton was built from) matches anywhere
    /// in the text, or `nil` when the text needs a move past the limits (then the caller
    /// simulates the program).
    func matches(_ text: String, of matcher: PatternMatcher) -> Bool? {
        let known = table.withLock { $0.published }
        if known.flags[0].contains(.matched) { return true }
        let scalars = text.unicodeScalars
        var state = 0
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let target: Int32
            if let column = classes.column(of: scalar, matcher: matcher) {
                target = known.next[state * classes.count + column]
            } else {
                target = known.otherMoves[OtherMove(state: Int32(state), scalar: scalar.value)] ?? Self.unknown
            }
            if target == Self.unknown {
                let rest = scalars[index...]
                return table.withLock { table in self.finish(rest, from: state, in: &table, matcher: matcher) }
            }
            if target == Self.beyondLimits { return nil }
            state = Int(target)
            let flags = known.flags[state]
            if flags.contains(.matched) { return true }
            if flags.contains(.dead) { return false }
            scalars.formIndex(after: &index)
        }
        return known.flags[state].contains(.matchesAtEnd)
    }

    /// The states found so far (for tests: how far the lazy table has grown).
    var stateCount: Int { table.withLock { $0.states.count } }

    /// The work spent on moves so far (for tests).
    var buildWork: Int { table.withLock { $0.work } }

    /// Matches the rest of a text from a state under the lock, working out the moves not known
    /// yet, and publishes what it found.
    private func finish(
        _ rest: Substring.UnicodeScalarView, from start: Int, in table: inout Table, matcher: PatternMatcher
    ) -> Bool? {
        defer { if table.changed { table.publish() } }
        var state = start
        for scalar in rest {
            let target: Int32
            if let column = classes.column(of: scalar, matcher: matcher) {
                target = move(from: state, column: column, in: &table)
            } else {
                target = move(from: state, on: scalar, in: &table, matcher: matcher)
            }
            if target == Self.beyondLimits { return nil }
            state = Int(target)
            let flags = table.flags[state]
            if flags.contains(.matched) { return true }
            if flags.contains(.dead) { return false }
        }
        return table.flags[state].contains(.matchesAtEnd)
    }

    /// The move of a state on a class, worked out and recorded when it is not known yet.
    private func move(from state: Int, column: Int, in table: inout Table) -> Int32 {
        let slot = state * classes.count + column
        if table.next[slot] != Self.unknown { return table.next[slot] }
        let target = workOut(from: state, in: &table) { classes.accepts(column, consuming: $0) }
        table.next[slot] = target
        table.changed = true
        return target
    }

    /// The move of a state on a scalar that has no column, worked out and remembered (while
    /// there is room) when it is not known yet.
    private func move(from state: Int, on scalar: Unicode.Scalar, in table: inout Table, matcher: PatternMatcher)
        -> Int32
    {
        let key = OtherMove(state: Int32(state), scalar: scalar.value)
        if let known = table.otherMoves[key] { return known }
        let target = workOut(from: state, in: &table) { matcher.step(matcher.program[moves.pc(ofConsuming: $0)], on: scalar) }
        if table.otherMoves.count < Self.maxOtherMoves {
            table.otherMoves[key] = target
            table.changed = true
        }
        return target
    }

    /// The state a state's threads move to when the instructions that read a scalar answer as
    /// `accepts` says (by their position among those), within the budget and the state limit;
    /// otherwise ``beyondLimits``.
    private func workOut(from state: Int, in table: inout Table, accepts: (Int) -> Bool) -> Int32 {
        guard spend(on: state, in: &table) else { return Self.beyondLimits }
        let threads = moves.move(table.states[state], scratch: &table.scratch, consumes: accepts)
        return number(of: threads, in: &table)
    }

    /// Counts the work of moving a state's threads; `false` when the budget does not allow it.
    private func spend(on state: Int, in table: inout Table) -> Bool {
        let cost = table.states[state].bits.reduce(1) { $0 + $1.nonzeroBitCount }
        guard table.work + cost <= workLimit else { return false }
        table.work += cost
        return true
    }

    /// The number of a set of threads, adding it as a new state when it is not known yet; or
    /// ``beyondLimits`` when the table is full.
    private func number(of threads: ThreadMoves.Threads, in table: inout Table) -> Int32 {
        if let known = table.numbers[threads] { return known }
        guard table.states.count < stateLimit else { return Self.beyondLimits }
        let number = Int32(table.states.count)
        table.states.append(threads)
        table.numbers[threads] = number
        table.flags.append(moves.flags(of: threads))
        table.next.append(contentsOf: repeatElement(Self.unknown, count: classes.count))
        table.changed = true
        return number
    }
}
