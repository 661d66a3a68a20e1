extension JSONValue {
    /// Writes a pretty JSON array of `count` elements, rendered on every core a window at a time
    /// and handed to `sink` in order as they are done: the same bytes as
    /// `.array(elements).write(…, indent: true, level: level)`. `writeElement` appends element
    /// `index` at nesting level `level` (as `write(to:indent:level:)` would).
    ///
    /// Memory stays bounded by the window, however many elements there are.
    public static func writeArrayInParallel(
        count: Int, to output: inout [UInt8], level: Int, sink: ([UInt8]) -> Void,
        writeElement: @Sendable (_ index: Int, _ output: inout [UInt8], _ level: Int) -> Void
    ) {
        guard count > 0 else {
            output += Array("[]".utf8)
            return
        }
        output.append(UInt8(ascii: "["))
        withoutActuallyEscaping(sink) { sink in
            Parallel.renderInOrder(
                count: count,
                consume: { piece in
                    output += piece
                    if output.count >= streamChunk {
                        sink(output)
                        output.removeAll(keepingCapacity: true)
                    }
                }
            ) { index, bytes in
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeNewline(to: &bytes, level: level + 1)
                writeElement(index, &bytes, level + 1)
            }
        }
        writeNewline(to: &output, level: level)
        output.append(UInt8(ascii: "]"))
    }

    /// How many bytes a streaming writer gathers before handing them on.
    public static let streamChunk = 1 << 20

    /// Writes a pretty JSON object whose members write their own values (for streaming members).
    public static func writeObject(
        _ members: [(key: String, write: (inout [UInt8], Int) -> Void)], to output: inout [UInt8], level: Int
    ) {
        output.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            writeNewline(to: &output, level: level + 1)
            writeString(member.key, to: &output)
            output += [UInt8(ascii: ":"), UInt8(ascii: " ")]
            member.write(&output, level + 1)
        }
        writeNewline(to: &output, level: level)
        output.append(UInt8(ascii: "}"))
    }

    /// A line break and the indentation of a nesting level, as pretty JSON writes them.
    public static func writeNewline(to output: inout [UInt8], level: Int) {
        guard level < newlines.count else {
            output.append(UInt8(ascii: "\n"))
            output += repeatElement(UInt8(ascii: " "), count: level * 2)
            return
        }
        output += newlines[level]
    }

    /// The line break and indentation of the first levels, made once: a report writes one per
    /// member, hundreds of thousands of times.
    private static let newlines: [[UInt8]] = (0..<16).map {
        [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: $0 * 2)
    }
}

/// Writes one pretty JSON object member by member, without building a ``JSONValue``: the bytes
/// are those of `JSONValue.object(members).write(to:indent: true, level:)`. For the records a
/// report writes by the hundred thousand.
public struct JSONObjectWriter {
    private let level: Int
    private var isEmpty = true

    /// Starts an object at a nesting level.
    public init(level: Int, output: inout [UInt8]) {
        self.level = level
        output.append(UInt8(ascii: "{"))
    }

    /// Writes a string member. The key is a literal written as it is, so it must need no
    /// escaping (a quote, a backslash or a control character); debug builds check that.
    public mutating func member(_ key: StaticString, _ value: String, to output: inout [UInt8]) {
        writeKey(key, to: &output)
        JSONValue.writeString(value, to: &output)
    }

    /// Writes an integer member (the key as for a string member).
    public mutating func member(_ key: StaticString, _ value: Int, to output: inout [UInt8]) {
        writeKey(key, to: &output)
        output += String(value).utf8
    }

    /// Writes a member whose value is any JSON value (the key as for a string member).
    public mutating func member(_ key: StaticString, _ value: JSONValue, to output: inout [UInt8]) {
        writeKey(key, to: &output)
        value.write(to: &output, indent: true, level: level + 1)
    }

    /// Writes a string member whose key is not a literal: it is escaped as any string is.
    public mutating func member(escapedKey key: String, _ value: String, to output: inout [UInt8]) {
        if !isEmpty { output.append(UInt8(ascii: ",")) }
        isEmpty = false
        JSONValue.writeNewline(to: &output, level: level + 1)
        JSONValue.writeString(key, to: &output)
        output.append(UInt8(ascii: ":"))
        output.append(UInt8(ascii: " "))
        JSONValue.writeString(value, to: &output)
    }

    /// Writes the key of a member whose value the caller writes next (a nested object or
    /// array), and returns the level to write that value at.
    public mutating func key(_ key: StaticString, to output: inout [UInt8]) -> Int {
        writeKey(key, to: &output)
        return level + 1
    }

    /// Closes the object.
    public func close(_ output: inout [UInt8]) {
        guard !isEmpty else {
            output.append(UInt8(ascii: "}"))
            return
        }
        JSONValue.writeNewline(to: &output, level: level)
        output.append(UInt8(ascii: "}"))
    }

    /// Writes `,` (after the first member), the line break and indentation, and `"key": `, put
    /// together first and appended once: appending is the cost here, not the bytes.
    private mutating func writeKey(_ key: StaticString, to output: inout [UInt8]) {
        let indent = (level + 1) * 2
        let isFirst = isEmpty
        isEmpty = false
        key.withUTF8Buffer { keyBytes in
            assert(keyBytes.allSatisfy { $0 >= 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: indent + keyBytes.count + 6) { buffer in
                var count = 0
                func put(_ byte: UInt8) {
                    buffer[count] = byte
                    count += 1
                }
                if !isFirst { put(UInt8(ascii: ",")) }
                put(UInt8(ascii: "\n"))
                for _ in 0..<indent { put(UInt8(ascii: " ")) }
                put(UInt8(ascii: "\""))
                for byte in keyBytes { put(byte) }
                put(UInt8(ascii: "\""))
                put(UInt8(ascii: ":"))
                put(UInt8(ascii: " "))
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
            }
        }
    }
}

/// Writes one pretty JSON array element by element, without building a ``JSONValue``: the bytes
/// are those of `JSONValue.array(items).write(to:indent: true, level:)`.
public struct JSONArrayWriter {
    private let level: Int
    private var isEmpty = true

    /// Starts an array at a nesting level (nothing is written until the first element).
    public init(level: Int) {
        self.level = level
    }

    /// Starts the next element, which the caller writes at the returned level.
    public mutating func element(_ output: inout [UInt8]) -> Int {
        output.append(isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
        isEmpty = false
        JSONValue.writeNewline(to: &output, level: level + 1)
        return level + 1
    }

    /// Closes the array (`[]` when it has no element).
    public func close(_ output: inout [UInt8]) {
        if isEmpty {
            output.append(UInt8(ascii: "["))
        } else {
            JSONValue.writeNewline(to: &output, level: level)
        }
        output.append(UInt8(ascii: "]"))
    }
}
