/// Where the children of every open collection wait while the loader builds a document, the
/// innermost collection's last. When a collection closes, its children leave the stack by being
/// moved into an array of exactly their count: no copy, no reference counting, one allocation.
///
/// `Array` cannot give up its last elements without destroying them, so this stack keeps its
/// own storage; it is used by one ``TreeBuilder`` on one thread and never shared.
final class ChildStack<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// The number of children waiting.
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// Puts a child on top.
    func append(_ element: consuming Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// The child at a position (0 is the bottom).
    subscript(position: Int) -> Element {
        _read {
            precondition(position >= 0 && position < count, "ChildStack position out of range")
            yield storage[position]
        }
    }

    /// Moves the children from `start` to the top into an array, in order; `start` remain.
    func removeAll(from start: Int) -> [Element] {
        precondition(start >= 0 && start <= count, "ChildStack start out of range")
        let moved = count - start
        guard moved > 0 else { return [] }
        let children = [Element](unsafeUninitializedCapacity: moved) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: storage + start, count: moved)
            initialized = moved
        }
        count = start
        return children
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity *= 2
    }
}
