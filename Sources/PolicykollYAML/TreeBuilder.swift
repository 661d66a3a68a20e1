internal import CYAML

/// Builds nodes from libyaml events: one frame per open collection, anchors per document.
struct TreeBuilder {
    /// A node with the number of nodes and scalar bytes it stands for once aliases are
    /// expanded, and the raw text of a scalar (a mapping key keeps the text as written).
    struct Built {
        var node: YAMLNode
        var size: Int
        var bytes: Int
        var keyText: String?
        /// Whether the node is the merge key: a plain, untagged `<<` (or one tagged `!!merge`).
        var isMergeKey = false
    }

    /// What the last key of an open mapping was.
    enum PendingKey {
        case key(String, Mark)
        case merge
        case invalid
    }

    /// An open mapping or sequence. Its children wait on the builder's shared stacks (from
    /// `start` on) and move into an array of exactly their count when it closes: one
    /// allocation per collection instead of one per doubling.
    struct Frame {
        var isMapping: Bool
        var mark: Mark
        var anchor: String?
        var size = 1
        var bytes = 0
        /// Where the frame's items (sequence) or entries (mapping) start on their stack.
        var start: Int
        var keyPositions: [String: Int] = [:]
        var pendingKey: PendingKey?
        /// Entries merged through `<<`, each with the entry count at the point of the merge key.
        var merges: [(position: Int, entries: [YAMLEntry])] = []
    }

    let limits: YAMLLimits
    private(set) var stream = YAMLStream()
    private var frames: [Frame] = []
    /// The items of every open sequence, innermost last.
    private let openItems = ChildStack<YAMLNode>()
    /// The explicit entries of every open mapping, innermost last.
    private let openEntries = ChildStack<YAMLEntry>()
    private var anchors: [String: Built] = [:]
    private var openAnchors: Set<String> = []
    private var aliasBudgetUsed = 0
    private var aliasBytesUsed = 0
    private var documentMark = Mark.start
    private var documentRoot: YAMLNode?
    private var documentHasErrors = false

    /// Marks made from libyaml's character index, for a file where libyaml's lines differ.
    private let lineBreaks: LineBreakCorrection?

    init(limits: YAMLLimits, lineBreaks: LineBreakCorrection? = nil) {
        self.limits = limits
        self.lineBreaks = lineBreaks
    }

    private var documentIndex: Int { stream.documents.count }

    /// Records an error that stops the stream.
    mutating func fail(_ diagnostic: YAMLDiagnostic) {
        var diagnostic = diagnostic
        diagnostic.documentIndex = nil
        stream.diagnostics.append(diagnostic)
    }

    private mutating func report(_ problem: YAMLProblem, at mark: Mark) {
        stream.diagnostics.append(YAMLDiagnostic(problem, at: mark, documentIndex: documentIndex))
        if problem.isError { documentHasErrors = true }
    }

    /// Consumes one event; returns `false` when loading must stop.
    mutating func consume(_ event: yaml_event_t) -> Bool {
        let mark = lineBreaks?.mark(event.start_mark) ?? Mark(yaml: event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors.removeAll(keepingCapacity: true)
            openAnchors.removeAll(keepingCapacity: true)
            aliasBudgetUsed = 0
            aliasBytesUsed = 0
            documentMark = mark
            documentRoot = nil
            documentHasErrors = false
        case YAML_DOCUMENT_END_EVENT:
            let root = documentRoot ?? YAMLNode(.null, mark: documentMark)
            stream.documents.append(YAMLDocument(root: root, mark: documentMark, hasErrors: documentHasErrors))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            guard frames.count < limits.maxDepth else {
                fail(YAMLDiagnostic(.depthLimitExceeded(limit: limits.maxDepth), at: mark, documentIndex: nil))
                return false
            }
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let anchor =
                isMapping
                ? string(event.data.mapping_start.anchor) : string(event.data.sequence_start.anchor)
            if let anchor {
                // From here on the name means this (still open) node, not an older one.
                anchors[anchor] = nil
                openAnchors.insert(anchor)
            }
            frames.append(
                Frame(isMapping: isMapping, mark: mark, anchor: anchor, start: isMapping ? openEntries.count : openItems.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = frames.removeLast()
            let built = close(frame)
            if let anchor = frame.anchor {
                openAnchors.remove(anchor)
                anchors[anchor] = built
            }
            return add(built)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text =
                scalar.value.map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
                } ?? ""
            let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            let tag = string(scalar.tag)
            let value = resolveScalar(text, plain: isPlain, tag: tag, mark: mark)
            // Bytes first: every scalar is asked whether it is `<<`.
            let isMergeKey =
                scalar.length == 2 && scalar.value[0] == UInt8(ascii: "<") && scalar.value[1] == UInt8(ascii: "<")
                && ((isPlain && tag == nil) || tag == ScalarResolver.yamlTagPrefix + "merge")
            let built = Built(
                node: YAMLNode(value, mark: mark), size: 1, bytes: scalar.length, keyText: text, isMergeKey: isMergeKey)
            if let anchor = string(scalar.anchor) { anchors[anchor] = built }
            return add(built)
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else {
                let problem: YAMLProblem = openAnchors.contains(name) ? .recursiveAlias(name) : .unknownAnchor(name)
                report(problem, at: mark)
                return add(Built(node: YAMLNode(.null, mark: mark), size: 1, bytes: 0, keyText: ""))
            }
            aliasBudgetUsed += target.size
            guard aliasBudgetUsed <= limits.maxAliasExpansion else {
                fail(YAMLDiagnostic(.aliasExpansionLimitExceeded(limit: limits.maxAliasExpansion), at: mark, documentIndex: nil))
                return false
            }
            // Few nodes can still be a lot of text: 20,000 aliases of one 100 KB scalar are 2 GB
            // for every rule that reads them and for `dump`.
            aliasBytesUsed += target.bytes
            guard aliasBytesUsed <= limits.maxAliasExpandedBytes else {
                fail(
                    YAMLDiagnostic(
                        .aliasExpandedBytesExceeded(limit: limits.maxAliasExpandedBytes), at: mark, documentIndex: nil))
                return false
            }
            var expanded = target
            expanded.node.mark = mark
            return add(expanded)
        default:
            break
        }
        return true
    }

    /// Resolves a scalar and reports what resolution found.
    private mutating func resolveScalar(_ text: String, plain: Bool, tag: String?, mark: Mark) -> YAMLNode.Value {
        // The non-specific tag `!` makes a plain scalar a string.
        if tag == "!" { return .string(text) }
        switch ScalarResolver.resolve(text, plain: plain, tag: tag) {
        case .value(let value):
            if plain, tag == nil, case .string = value, ScalarResolver.isAmbiguousBoolean(text), !isKeyPosition {
                report(.ambiguousBoolean(text), at: mark)
            }
            return value
        case .problem(let problem, let fallback):
            report(problem, at: mark)
            return fallback
        }
    }

    /// Whether the next node completed is a mapping key.
    private var isKeyPosition: Bool {
        guard let frame = frames.last else { return false }
        return frame.isMapping && frame.pendingKey == nil
    }

    /// Adds a completed node to the open collection, or makes it the document's root.
    private mutating func add(_ built: consuming Built) -> Bool {
        guard !frames.isEmpty else {
            documentRoot = built.node
            return true
        }
        let last = frames.count - 1
        frames[last].size += built.size
        frames[last].bytes += built.bytes
        guard frames[last].isMapping else {
            openItems.append(built.node)
            return true
        }
        guard let pending = frames[last].pendingKey else {
            // This node is a key.
            if let keyText = built.keyText {
                frames[last].pendingKey = built.isMergeKey ? .merge : .key(keyText, built.node.mark)
            } else {
                report(.complexKey, at: built.node.mark)
                frames[last].pendingKey = .invalid
            }
            return true
        }
        frames[last].pendingKey = nil
        switch pending {
        case .key(let text, let mark):
            insert(YAMLEntry(key: text, keyMark: mark, value: built.node), into: last)
        case .merge:
            merge(built.node, into: last)
        case .invalid:
            break
        }
        return true
    }

    private mutating func insert(_ entry: consuming YAMLEntry, into index: Int) {
        if let first = firstPosition(of: entry.key, inFrameAt: index) {
            report(.duplicateKey(entry.key, first: openEntries[first].keyMark), at: entry.keyMark)
            return
        }
        let start = frames[index].start
        openEntries.append(entry)
        let count = openEntries.count - start
        if count > Self.scannedKeys {
            // Past the scan, every key of the mapping so far goes into the table once.
            let firstUnlisted = count == Self.scannedKeys + 1 ? start : openEntries.count - 1
            for position in firstUnlisted..<openEntries.count {
                frames[index].keyPositions[openEntries[position].key] = position
            }
        }
    }

    /// Up to this many keys, a duplicate is found by a scan; beyond, by a table.
    private static let scannedKeys = 12

    /// The position on the entry stack of a key among a frame's explicit entries: a scan while
    /// small, a table after.
    private func firstPosition(of key: String, inFrameAt index: Int) -> Int? {
        let start = frames[index].start
        if openEntries.count - start > Self.scannedKeys { return frames[index].keyPositions[key] }
        for position in start..<openEntries.count where openEntries[position].key == key { return position }
        return nil
    }

    private mutating func merge(_ node: YAMLNode, into index: Int) {
        var merged: [YAMLEntry] = []
        switch node.value {
        case .mapping(let entries):
            merged = entries
        case .sequence(let items):
            // Earlier mappings in the list take precedence over later ones. A set, not a scan of
            // `merged`: a merge of two inline mappings of 50,000 keys must not be quadratic.
            var keys: Set<String> = []
            for item in items {
                guard case .mapping(let entries) = item.value else {
                    report(.invalidMerge(found: "a list holding \(item.typeNameWithArticle)"), at: item.mark)
                    return
                }
                for entry in entries where keys.insert(entry.key).inserted {
                    merged.append(entry)
                }
            }
        default:
            report(.invalidMerge(found: node.typeNameWithArticle), at: node.mark)
            return
        }
        frames[index].merges.append((openEntries.count - frames[index].start, merged))
    }

    /// Finishes a collection, taking its children off their stack; merged keys go where the `<<`
    /// stood unless written explicitly.
    private mutating func close(_ frame: Frame) -> Built {
        guard frame.isMapping else {
            let items = openItems.removeAll(from: frame.start)
            return Built(node: YAMLNode(.sequence(items), mark: frame.mark), size: frame.size, bytes: frame.bytes, keyText: nil)
        }
        let entries = openEntries.removeAll(from: frame.start)
        guard !frame.merges.isEmpty else {
            return Built(node: YAMLNode(.mapping(entries), mark: frame.mark), size: frame.size, bytes: frame.bytes, keyText: nil)
        }
        var explicitKeys = Set(entries.map(\.key))
        var result: [YAMLEntry] = []
        var mergeIndex = 0
        for position in 0...entries.count {
            while mergeIndex < frame.merges.count, frame.merges[mergeIndex].position == position {
                for entry in frame.merges[mergeIndex].entries where !explicitKeys.contains(entry.key) {
                    explicitKeys.insert(entry.key)
                    result.append(entry)
                }
                mergeIndex += 1
            }
            if position < entries.count { result.append(entries[position]) }
        }
        return Built(node: YAMLNode(.mapping(result), mark: frame.mark), size: frame.size, bytes: frame.bytes, keyText: nil)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
