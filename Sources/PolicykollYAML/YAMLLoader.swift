internal import CYAML

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Loads YAML text into documents of ``YAMLNode``s, using libyaml's event API.
///
/// The loader resolves scalars by the YAML 1.2 core schema, expands aliases and `<<` merge keys,
/// rejects duplicate keys, and bounds nesting depth and alias expansion (``YAMLLimits``) inside
/// the event loop, so hostile input fails fast instead of exhausting time or memory.
public enum YAMLLoader {
    /// Loads every document of a YAML stream.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes (UTF-8, or UTF-16 with a byte-order mark).
    ///   - limits: The depth and alias-expansion bounds.
    /// - Returns: The documents read and every diagnostic; never throws.
    /// - Complexity: O(*n*) in the size of the input plus the nodes that aliases expand to.
    public static func load(_ bytes: [UInt8], limits: YAMLLimits = .default) -> YAMLStream {
        if let nulOffset = binaryOffset(bytes) {
            let mark = SourceLines(bytes).mark(ofByteOffset: nulOffset)
            return YAMLStream(diagnostics: [YAMLDiagnostic(.binaryFile, at: mark, documentIndex: nil)])
        }
        let lineBreaks = LineBreakCorrection(bytes)
        var builder = TreeBuilder(limits: limits, lineBreaks: lineBreaks)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            return YAMLStream(diagnostics: [
                YAMLDiagnostic(.syntax(problem: "libyaml could not start", context: nil), at: .start, documentIndex: nil)
            ])
        }
        defer { yaml_parser_delete(&parser) }
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) != 0 else {
                    builder.fail(syntaxDiagnostic(parser, bytes: bytes, lineBreaks: lineBreaks))
                    return
                }
                let keepGoing = builder.consume(event)
                let isStreamEnd = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if !keepGoing || isStreamEnd { return }
            }
        }
        var stream = builder.stream
        // libyaml puts the end of the stream, and an empty document at the very end (`---` then
        // spaces), on a line after the last; point into the file instead.
        let lastIsEmpty = stream.documents.last?.root.isNull ?? false
        if !stream.diagnostics.isEmpty || lastIsEmpty {
            let lines = SourceLines(bytes)
            for index in stream.diagnostics.indices {
                stream.diagnostics[index].mark = lines.clamped(stream.diagnostics[index].mark)
            }
            if lastIsEmpty, let last = stream.documents.indices.last {
                stream.documents[last].mark = lines.clamped(stream.documents[last].mark)
                stream.documents[last].root.mark = lines.clamped(stream.documents[last].root.mark)
            }
        }
        return stream
    }

    /// Loads a string (UTF-8).
    public static func load(_ text: String, limits: YAMLLimits = .default) -> YAMLStream {
        load(Array(text.utf8), limits: limits)
    }

    /// The offset of the first NUL byte, unless the file is UTF-16 (which has NULs in its text).
    static func binaryOffset(_ bytes: [UInt8]) -> Int? {
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            return nil
        }
        // memchr: every file is scanned whole before parsing.
        return bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// Where the character that a reader error is about starts. libyaml reports some errors at
    /// the byte that broke the character (a bad UTF-8 continuation byte, the unit after a high
    /// surrogate) rather than where the character starts.
    static func characterStart(_ problem: String, offset: Int, bytes: [UInt8]) -> Int {
        guard offset > 0, offset <= bytes.count else { return offset }
        switch problem {
        case "invalid trailing UTF-8 octet":
            var start = offset - 1
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            return start
        case "expected low surrogate area":
            return offset - 2
        default:
            return offset
        }
    }

    /// libyaml's words for a broken encoding, in words a non-programmer can act on.
    static func plainEncodingProblem(_ problem: String) -> String {
        switch problem {
        case "invalid leading UTF-8 octet": "a byte that cannot start a UTF-8 character"
        case "invalid trailing UTF-8 octet": "a UTF-8 character is cut short"
        case "incomplete UTF-8 octet sequence": "the file ends in the middle of a UTF-8 character"
        case "invalid length of a UTF-8 sequence": "an overlong UTF-8 encoding"
        case "invalid Unicode character": "a code point that is not a character (such as a UTF-16 surrogate)"
        default: problem
        }
    }

    /// Turns libyaml's error state into a located diagnostic.
    private static func syntaxDiagnostic(
        _ parser: yaml_parser_t, bytes: [UInt8], lineBreaks: LineBreakCorrection?
    ) -> YAMLDiagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        let lines = SourceLines(bytes)
        if parser.error == YAML_READER_ERROR {
            let mark = lines.mark(ofByteOffset: characterStart(problem, offset: parser.problem_offset, bytes: bytes))
            if problem.contains("control characters") {
                return YAMLDiagnostic(.controlCharacter(UInt32(bitPattern: parser.problem_value)), at: mark, documentIndex: nil)
            }
            return YAMLDiagnostic(.invalidEncoding(plainEncodingProblem(problem)), at: mark, documentIndex: nil)
        }
        if parser.error == YAML_MEMORY_ERROR {
            return YAMLDiagnostic(.syntax(problem: "out of memory", context: nil), at: .start, documentIndex: nil)
        }
        func place(_ yamlMark: yaml_mark_t) -> Mark { lineBreaks?.mark(yamlMark) ?? Mark(yaml: yamlMark) }
        let mark = place(parser.problem_mark)
        if problem.contains("tab") || lines.scalar(at: mark) == "\t" {
            return YAMLDiagnostic(.tabIndentation, at: mark, documentIndex: nil)
        }
        let contextText = parser.context.map { String(cString: $0) }
        if problem == "found unexpected end of stream", contextText?.contains("quoted scalar") == true {
            // Point at the opening quote, where the fix is, rather than at the end of the file.
            return YAMLDiagnostic(
                .syntax(
                    problem: "a quoted string starts here and is never closed: the file ends before its closing quote",
                    context: nil),
                at: place(parser.context_mark), documentIndex: nil)
        }
        var context: String?
        if let text = contextText {
            let contextMark = place(parser.context_mark)
            context = contextMark == mark ? text : "\(text) at \(contextMark)"
        }
        return YAMLDiagnostic(.syntax(problem: problem, context: context), at: mark, documentIndex: nil)
    }
}

extension Mark {
    /// Converts libyaml's 0-based mark.
    init(yaml mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}
