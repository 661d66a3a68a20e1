/// The columns of a ``PatternAutomaton``'s table: classes of scalars that every instruction of the
/// pattern's program treats alike, so that one move serves the whole class.
///
/// There is a class per group of the 128 ASCII scalars, one per non-ASCII scalar the pattern
/// names (in each of its cases under `(?i)`), and one per combination of the pattern's distinct
/// classes (`[…]`, `\w`…) for any other scalar. A non-ASCII scalar that fits none of these has
/// no column: under `(?i)`, one that folds to any of the pattern's scalars (`K`, the Kelvin sign,
/// folds to `k`); and any, when the pattern has more than six distinct classes.
struct ScalarClasses: Sendable {
    /// The most non-ASCII scalars with a class of their own.
    static let maxNamed = 256

    /// The class of each ASCII scalar.
    private let asciiClass: [UInt8]
    /// The class of each named non-ASCII scalar.
    private let namedClass: [UInt32: Int]
    /// For any other non-ASCII scalar that is not (case-folded) one of the pattern's scalars:
    /// its class by which of the pattern's distinct classes hold it, a bit per distinct class
    /// (``distinctSets``, by the index of one `.set` that has it); `nil` when the pattern has
    /// too many distinct classes for that.
    private let classOfSetMask: [Int]?
    private let distinctSets: [Int]
    /// The scalars the pattern names (case-folded under `(?i)`).
    private let literalScalars: Set<UInt32>
    /// Each class's answers: a bit per instruction that reads a scalar (in program order),
    /// ``words`` words per class.
    private let answers: [UInt64]
    private let words: Int
    /// How many classes there are.
    let count: Int

    /// The classes of a matcher's program, or `nil` when it names too many non-ASCII scalars.
    init?(_ matcher: PatternMatcher) {
        let program = matcher.program
        let consuming = program.filter(\.consumes)
        let words = (consuming.count + 63) / 64
        self.words = words
        var answers: [UInt64] = []
        var count = 0
        var classOfAnswers: [[UInt64]: Int] = [:]
        /// A new class with these answers.
        func newClass(_ bits: [UInt64]) -> Int {
            answers += bits
            count += 1
            return count - 1
        }
        /// The class with these answers, new if no class has them yet.
        func classOf(_ bits: [UInt64]) -> Int {
            if let known = classOfAnswers[bits] { return known }
            let number = newClass(bits)
            classOfAnswers[bits] = number
            return number
        }
        /// The answers of the instructions for one scalar.
        func answersFor(_ scalar: Unicode.Scalar) -> [UInt64] {
            let folded = matcher.ignoresCase ? PatternMatcher.fold(scalar) : scalar
            var bits = Array(repeating: UInt64(0), count: words)
            for (index, instruction) in consuming.enumerated()
            where matcher.step(instruction, on: scalar, folded: folded) {
                bits[index / 64] |= 1 << UInt64(index % 64)
            }
            return bits
        }
        asciiClass = (UInt32(0)..<128).map { UInt8(classOf(answersFor(Unicode.Scalar($0)!))) }
        // Named non-ASCII scalars (and their other cases under `(?i)`) get a class of their
        // own: a class stands for one exact scalar, whose answers are known.
        var named: [UInt32: Int] = [:]
        var literals: Set<UInt32> = []
        var distinctSets: [Int] = []
        // The bit in a set mask of each `.set` index (the bit of its distinct class).
        var bitOfSet: [Int: Int] = [:]
        for instruction in program {
            switch instruction {
            case .scalar(let scalar):
                literals.insert(scalar.value)
                guard !scalar.isASCII else { continue }
                let variants = matcher.ignoresCase ? [scalar] + PatternMatcher.caseVariants(of: scalar) : [scalar]
                for variant in variants where !variant.isASCII && named[variant.value] == nil {
                    named[variant.value] = newClass(answersFor(variant))
                }
            case .set(let index) where bitOfSet[index] == nil:
                // `\d{4}` repeats one class four times: equal classes share a bit.
                if let same = distinctSets.firstIndex(where: { matcher.sets[$0] == matcher.sets[index] }) {
                    bitOfSet[index] = same
                } else {
                    bitOfSet[index] = distinctSets.count
                    distinctSets.append(index)
                }
            default:
                break
            }
        }
        guard named.count <= Self.maxNamed else { return nil }
        namedClass = named
        literalScalars = literals
        self.distinctSets = distinctSets
        // Other non-ASCII scalars: `.` holds them, no named scalar is one of them, so only the
        // pattern's classes tell them apart. A class per combination of those.
        if distinctSets.count <= 6 {
            classOfSetMask = (0..<(1 << distinctSets.count)).map { mask in
                var bits = Array(repeating: UInt64(0), count: words)
                for (index, instruction) in consuming.enumerated() {
                    let holds: Bool
                    switch instruction {
                    case .anyExceptNewline: holds = true
                    case .set(let set): holds = mask & (1 << bitOfSet[set]!) != 0
                    default: holds = false
                    }
                    if holds { bits[index / 64] |= 1 << UInt64(index % 64) }
                }
                return classOf(bits)
            }
        } else {
            classOfSetMask = nil
        }
        self.answers = answers
        self.count = count
    }

    /// The class of a scalar, or `nil` when it has none and must be moved as it comes.
    func column(of scalar: Unicode.Scalar, matcher: PatternMatcher) -> Int? {
        let value = scalar.value
        if value < 128 { return Int(asciiClass[Int(value)]) }
        if let named = namedClass[value] { return named }
        // A non-ASCII scalar the pattern does not name, when it is not (case-folded) one of the
        // pattern's scalars either: then only the pattern's classes tell it apart.
        guard let classOfSetMask else { return nil }
        if matcher.ignoresCase, literalScalars.contains(PatternMatcher.fold(scalar).value) { return nil }
        var mask = 0
        for (bit, index) in distinctSets.enumerated() where matcher.setContains(index, scalar) { mask |= 1 << bit }
        return classOfSetMask[mask]
    }

    /// Whether the scalars of a class are accepted by the instruction at a position among those
    /// that read a scalar.
    func accepts(_ column: Int, consuming index: Int) -> Bool {
        answers[column * words + index / 64] & (1 << UInt64(index % 64)) != 0
    }
}
