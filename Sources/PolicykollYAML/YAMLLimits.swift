/// The bounds that keep hostile YAML from exhausting time or memory.
public struct YAMLLimits: Sendable, Equatable {
    /// The deepest nesting of mappings and sequences. libyaml slows quadratically on very deep
    /// flow collections, so the loader stops at the first event past this depth.
    public var maxDepth: Int
    /// The most nodes that aliases (and merges through them) may expand to, per document.
    public var maxAliasExpansion: Int
    /// The most bytes of scalar text that aliases may expand to, per document: a few aliases of a
    /// large scalar are as costly to every reader as many nodes.
    public var maxAliasExpandedBytes: Int

    /// Creates limits.
    public init(maxDepth: Int = 256, maxAliasExpansion: Int = 100_000, maxAliasExpandedBytes: Int = 16 << 20) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxAliasExpandedBytes = maxAliasExpandedBytes
    }

    /// The defaults: depth 256, and 100,000 alias-expanded nodes and 16 MiB of alias-expanded
    /// scalar text per document.
    public static let `default` = YAMLLimits()
}
