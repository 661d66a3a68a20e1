/// A position in a source file: 1-based line and 1-based column counted in Unicode scalars.
///
/// Stored in 32 bits each (a file is at most 256 MiB): every node and key of a loaded document
/// carries a mark, so their size counts when a million declarations are in memory.
public struct Mark: Hashable, Comparable, Sendable, CustomStringConvertible {
    private var storedLine: UInt32
    private var storedColumn: UInt32

    /// The 1-based line number.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    /// The 1-based column, counted in Unicode scalars (not bytes).
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    /// Creates a mark at a 1-based line and column.
    public init(line: Int, column: Int) {
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    /// The start of a file.
    public static let start = Mark(line: 1, column: 1)

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
    }

    /// `line:column`, as compilers print it.
    public var description: String { "\(line):\(column)" }
}
