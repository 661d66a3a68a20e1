/// A value kept behind one reference and copied only when it is written while shared: a copy of
/// a struct holding it costs one reference count, however many strings the value has.
///
/// For the records a run holds and moves by the hundred thousand (findings, declarations).
struct CopyOnWrite<Value: Sendable>: Sendable {
    /// The reference; written only through a uniquely referenced `CopyOnWrite`, so never while
    /// another thread can see it.
    private final class Box: @unchecked Sendable {
        var value: Value

        init(_ value: Value) {
            self.value = value
        }
    }

    private var box: Box

    init(_ value: Value) {
        box = Box(value)
    }

    /// The value; writing it copies the box first if it is shared.
    var value: Value {
        // Read in place: reading one field must not copy (and reference-count) all of them.
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    /// Whether two holders share one box (then their values are equal without comparing).
    func isSameBox(as other: CopyOnWrite<Value>) -> Bool {
        box === other.box
    }
}
