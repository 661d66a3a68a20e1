import Dispatch
import Foundation

/// Runs independent work on every core, keeping results in input order (so output stays
/// deterministic however the work was scheduled).
public enum Parallel {
    /// How many workers: `POLICYKOLL_THREADS` when set (the benchmark's single-thread runs),
    /// else the active processors.
    public static let workers: Int = {
        if let text = ProcessInfo.processInfo.environment["POLICYKOLL_THREADS"], let count = Int(text), count > 0 {
            return count
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Transforms consecutive chunks of `0..<count` concurrently; each chunk's transform runs on
    /// one thread (so it may keep its own caches); the results come back in index order. There
    /// are at most `chunksPerWorker` chunks per core, of at least `minimumChunk` items.
    ///
    /// - Complexity: O(*n*) work spread over the cores; small inputs run on the calling thread.
    public static func mapChunks<Result: Sendable>(
        count: Int, minimumChunk: Int = 16, chunksPerWorker: Int = 16, _ transform: @Sendable (Range<Int>) -> [Result]
    ) -> [Result] {
        guard count > 0 else { return [] }
        let chunkCount = workers == 1 ? 1 : min(max(1, count / minimumChunk), workers * chunksPerWorker)
        guard chunkCount > 1 else { return transform(0..<count) }
        let slots = Slots<[Result]>(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = count * chunk / chunkCount
            let end = count * (chunk + 1) / chunkCount
            slots.set(chunk, transform(start..<end))
        }
        return slots.values().flatMap { $0 }
    }

    /// Renders items `0..<count` as bytes on every core, a window of items at a time, and hands
    /// the pieces to `consume` in item order as each window is done. Memory stays bounded by the
    /// window however many items there are; output is the same on any number of cores.
    public static func renderInOrder(
        count: Int, minimumChunk: Int = 64, consume: ([UInt8]) -> Void,
        render: @Sendable (_ index: Int, _ bytes: inout [UInt8]) -> Void
    ) {
        let window = 2048 * workers
        var start = 0
        while start < count {
            let first = start
            let end = min(count, start + window)
            let pieces = mapChunks(count: end - first, minimumChunk: minimumChunk) { range -> [[UInt8]] in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(range.count * 512)
                for offset in range { render(first + offset, &bytes) }
                return [bytes]
            }
            for piece in pieces where !piece.isEmpty { consume(piece) }
            start = end
        }
    }
}

/// Write-once storage for results produced concurrently at distinct indexes.
private final class Slots<Value: Sendable>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    func values() -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        return storage.map { $0! }
    }
}

/// Values that workers take out one by one (each index once, from any thread), so each is
/// freed as soon as it has been used instead of living until every worker is done.
final class TakeOnce<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    let count: Int

    /// Moves the values in.
    init(_ values: consuming [Value]) {
        count = values.count
        storage = .allocate(capacity: max(1, values.count))
        storage.initialize(repeating: nil, count: max(1, values.count))
        for (index, value) in values.enumerated() { storage[index] = value }
    }

    deinit {
        storage.deinitialize(count: max(1, count))
        storage.deallocate()
    }

    /// The value at an index, leaving nothing behind. Each index must be taken at most once, and
    /// by one thread.
    func take(_ index: Int) -> Value {
        let value = storage[index]!
        storage[index] = nil
        return value
    }
}
