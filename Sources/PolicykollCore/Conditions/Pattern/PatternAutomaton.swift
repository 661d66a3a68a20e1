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
/// (``ScalarClasses``); a scalar of no class is moved as it comes, and the state it leads to is
/// kept like any other. When a text
/// would need more than ``maxStates`` states, or more work than ``maxBuildWork`` allows,
/// ``matches(_:of:)`` answers `nil` and the caller simulates the program. Patterns with
/// `\b`/`\B`, or past ``maxConsuming`` instructions that read a scalar, get no automaton.
///
/// The table is shared by every thread that matches the pattern, behind a lock taken once per
/// text.
///
/// - Complexity: matching is O(*n*) in the scalars of the text once its moves are known; working
///   out a move is O(*m*) for a program of *m* instructions, done once per state and class.
final class PatternAutomaton: Sendable {
    /// The most states an automaton may have; a text that needs more is simulated instead.
    static let maxStates = 512
    /// The most instructions that read a scalar before the program is left to simulation: the
    /// table's classes and the instructions' closures are worked out when the pattern compiles,
    /// and that must stay cheap for any pattern a pack holds (a 20,000-letter literal included).
    static let maxConsuming = 1_024
    /// The most work (threads moved) spent on working out moves, over the automaton's life: past
    /// it, moves not yet known are left to simulation, so that no pack and no text can make a
    /// pattern's table cost more than simulating would.
    static let maxBuildWork = 2_000_000

    private let moves: ThreadMoves
    private let classes: ScalarClasses
    /// The states and moves found so far.
    private let table: Mutex<Table>

    private static let unknown: Int32 = -1

    /// The states found so far, by number (state 0 is the start of the text), and their moves.
    private struct Table {
        var states: [ThreadMoves.Threads]
        var numbers: [ThreadMoves.Threads: Int32]
        /// The next state for state `s` and class `c` at `s * classCount + c`, or ``unknown``.
        var next: [Int32]
        /// What each state means for the text read so far.
        var flags: [ThreadMoves.StateFlags]
        var scratch: [UInt64]
        /// The work spent so far (see ``maxBuildWork``).
        var work = 0
    }

    /// The automaton of a matcher's program, or `nil` when it gets none (see above).
    init?(_ matcher: PatternMatcher) {
        let program = matcher.program
        for instruction in program {
            if case .assertWordBoundary = instruction { return nil }
        }
        guard program.lazy.filter(\.consumes).count <= Self.maxConsuming, let classes = ScalarClasses(matcher) else {
            return nil
        }
        self.classes = classes
        let moves = ThreadMoves(program: program, restarts: !matcher.isAnchoredAtStart)
        self.moves = moves
        let initial = moves.initial
        table = Mutex(
            Table(
                states: [initial], numbers: [initial: 0], next: Array(repeating: Self.unknown, count: classes.count),
                flags: [moves.flags(of: initial)], scratch: moves.emptyScratch))
    }

    /// Whether the pattern of `matcher` (the one the automaton was built from) matches anywhere
    /// in the text, or `nil` when the text needs more states or work than the automaton may have
    /// (then the caller simulates the program).
    func matches(_ text: String, of matcher: PatternMatcher) -> Bool? {
        table.withLock { table -> Bool? in
            var state = 0
            if table.flags[0].contains(.matched) { return true }
            for scalar in text.unicodeScalars {
                let target: Int32?
                if let column = self.classes.column(of: scalar, matcher: matcher) {
                    let known = table.next[state * self.classes.count + column]
                    target = known != Self.unknown ? known : self.move(from: state, column: column, in: &table)
                } else if self.spend(on: state, in: &table) {
                    let threads = self.moves.move(table.states[state], scratch: &table.scratch) { pc in
                        matcher.step(matcher.program[pc], on: scalar)
                    }
                    target = self.number(of: threads, in: &table)
                } else {
                    target = nil
                }
                guard let target else { return nil }
                state = Int(target)
                let flag = table.flags[state]
                if flag.contains(.matched) { return true }
                if flag.contains(.dead) { return false }
            }
            return table.flags[state].contains(.matchesAtEnd)
        }
    }

    /// The states found so far (for tests: how far the lazy table has grown).
    var stateCount: Int { table.withLock { $0.states.count } }

    /// The work spent on moves so far (for tests).
    var buildWork: Int { table.withLock { $0.work } }

    /// Counts the work of moving a state's threads; `false` when the budget does not allow it.
    private func spend(on state: Int, in table: inout Table) -> Bool {
        let cost = table.states[state].bits.reduce(1) { $0 + $1.nonzeroBitCount }
        guard table.work + cost <= Self.maxBuildWork else { return false }
        table.work += cost
        return true
    }

    /// Works out and records the move of a state on a class, or `nil` when the budget is spent or
    /// the move leads to a new state and the table is full.
    private func move(from state: Int, column: Int, in table: inout Table) -> Int32? {
        guard spend(on: state, in: &table) else { return nil }
        let threads = moves.move(table.states[state], scratch: &table.scratch) { pc in
            classes.accepts(column, consuming: moves.column[pc])
        }
        guard let target = number(of: threads, in: &table) else { return nil }
        table.next[state * classes.count + column] = target
        return target
    }

    /// The number of a set of threads, adding it as a new state when it is not known yet; `nil`
    /// when the table is full.
    private func number(of threads: ThreadMoves.Threads, in table: inout Table) -> Int32? {
        if let known = table.numbers[threads] { return known }
        guard table.states.count < Self.maxStates else { return nil }
        let number = Int32(table.states.count)
        table.states.append(threads)
        table.numbers[threads] = number
        table.flags.append(moves.flags(of: threads))
        table.next.append(contentsOf: repeatElement(Self.unknown, count: classes.count))
        return number
    }
}
