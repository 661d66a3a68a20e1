extension JSONValue {
    /// Writes pretty JSON for an array without building it first: each element's value is made,
    /// written and dropped in turn, so a report with a million findings never holds them twice.
    /// The bytes are the same as `.array(elements).write(…, indent: true, …)`.
    /// `afterEach` runs after every element with the buffer (to hand full chunks onwards).
    public static func writeArray<Elements: Collection>(
        _ elements: Elements, to output: inout [UInt8], level: Int, element: (Elements.Element) -> JSONValue,
        afterEach: (inout [UInt8]) -> Void = { _ in }
    ) {
        guard !elements.isEmpty else {
            output += Array("[]".utf8)
            return
        }
        output.append(UInt8(ascii: "["))
        var first = true
        for item in elements {
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            newline(&output, level: level + 1)
            element(item).write(to: &output, indent: true, level: level + 1)
            afterEach(&output)
        }
        newline(&output, level: level)
        output.append(UInt8(ascii: "]"))
    }

    /// Writes a pretty JSON object whose members write their own values (for streaming members).
    public static func writeObject(
        _ members: [(key: String, write: (inout [UInt8], Int) -> Void)], to output: inout [UInt8], level: Int
    ) {
        output.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            newline(&output, level: level + 1)
            writeString(member.key, to: &output)
            output += [UInt8(ascii: ":"), UInt8(ascii: " ")]
            member.write(&output, level + 1)
        }
        newline(&output, level: level)
        output.append(UInt8(ascii: "}"))
    }

    private static func newline(_ output: inout [UInt8], level: Int) {
        output.append(UInt8(ascii: "\n"))
        for _ in 0..<(level * 2) { output.append(UInt8(ascii: " ")) }
    }
}
