import Testing

@testable import PolicykollYAML

@Suite("The loader's child stack")
struct ChildStackTests {
    /// Counts the instances alive, to show that moving out neither leaks nor frees twice.
    final class Census {
        var alive = 0
    }

    final class Child {
        let value: Int
        let census: Census

        init(_ value: Int, _ census: Census) {
            self.value = value
            self.census = census
            census.alive += 1
        }

        deinit { census.alive -= 1 }
    }

    @Test("children leave in order from a start, across growth, and the rest stay")
    func movesOutInOrder() {
        let census = Census()
        do {
            let stack = ChildStack<Child>(capacity: 2)
            for value in 0..<100 { stack.append(Child(value, census)) }
            #expect(stack.count == 100)
            #expect(stack[37].value == 37)
            let top = stack.removeAll(from: 60)
            #expect(top.map(\.value) == Array(60..<100))
            #expect(stack.count == 60)
            #expect(stack.removeAll(from: 60).isEmpty)
            #expect(census.alive == 100)
            _ = consume top
            #expect(census.alive == 60)
            stack.append(Child(1000, census))
            #expect(stack[60].value == 1000)
        }
        // The stack's own deinit frees what was still waiting.
        #expect(census.alive == 0)
    }

    @Test("pushes and moves interleaved as nested collections do, from the smallest capacities", arguments: [0, 1, 3])
    func interleaved(capacity: Int) {
        let census = Census()
        do {
            let stack = ChildStack<Child>(capacity: capacity)
            #expect(stack.removeAll(from: 0).isEmpty)
            var expected: [Int] = []
            var next = 0
            // Open a collection, add some children, open one inside, close it, add more, close.
            for round in 0..<20 {
                let outerStart = stack.count
                for _ in 0..<(round % 4) {
                    stack.append(Child(next, census))
                    next += 1
                }
                let innerStart = stack.count
                for _ in 0..<(round % 3 + 1) {
                    stack.append(Child(next, census))
                    next += 1
                }
                let inner = stack.removeAll(from: innerStart)
                #expect(inner.map(\.value) == Array((next - inner.count)..<next))
                stack.append(Child(1000 + round, census))
                let outer = stack.removeAll(from: outerStart)
                expected = Array((next - inner.count - (round % 4))..<(next - inner.count)) + [1000 + round]
                #expect(outer.map(\.value) == expected)
            }
            #expect(stack.count == 0)
            for value in 0..<10 { stack.append(Child(value, census)) }
        }
        #expect(census.alive == 0)
    }

    @Test("strings and nodes survive the move")
    func valueTypes() {
        let stack = ChildStack<YAMLEntry>()
        let long = String(repeating: "x", count: 100)
        stack.append(YAMLEntry(key: "a", keyMark: .start, value: YAMLNode(.string(long), mark: .start)))
        stack.append(YAMLEntry(key: long, keyMark: .start, value: YAMLNode(.sequence([]), mark: .start)))
        let entries = stack.removeAll(from: 0)
        #expect(entries.map(\.key) == ["a", long])
        #expect(entries[0].value.string == long)
        #expect(stack.count == 0)
    }
}
