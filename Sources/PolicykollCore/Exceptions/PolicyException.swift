public import PolicykollYAML

/// An approved, justified and expiring exception to a rule for one declaration (design §6).
public struct PolicyException: Sendable, Hashable {
    /// The rule it excepts.
    public var rule: String
    /// The declaration's `metadata.id`.
    public var declaration: String
    /// When given, only findings at or below this path are excepted.
    public var path: String?
    /// Why the exception is acceptable.
    public var reason: String
    /// Who approved it.
    public var approvedBy: String
    /// The decision it rests on (a diarienummer), if given.
    public var decision: String?
    /// The last day it applies.
    public var expires: CivilDate
    /// The file it was written in.
    public var file: String
    /// Where its entry starts.
    public var mark: Mark
    /// Whether it was written inline in the declaration's `metadata.exceptions`.
    public var isInline: Bool

    /// Whether it covers a finding: same rule and declaration, and the finding's path at or below
    /// the exception's path (`spec.hosting` covers `spec.hosting.model` and `spec.hosting[0]`).
    public func covers(ruleID: String, declarationID: String, path findingPath: String) -> Bool {
        guard rule == ruleID, declaration == declarationID else { return false }
        guard let path, !path.isEmpty else { return true }
        guard findingPath.hasPrefix(path) else { return false }
        let rest = findingPath.dropFirst(path.count)
        return rest.isEmpty || rest.hasPrefix(".") || rest.hasPrefix("[")
    }

    /// Whether it still applies on a date (it applies through its `expires` day).
    public func isActive(on date: CivilDate) -> Bool {
        expires >= date
    }
}

/// What became of one exception in a run.
public struct ExceptionUse: Sendable, Hashable {
    /// Its state.
    public enum State: String, Sendable, Hashable {
        /// Unexpired, and it covers at least one finding.
        case active
        /// Past its `expires` day: it covers nothing, and the findings it matches stay open.
        case expired
        /// Unexpired, but it matches no finding.
        case unused
    }

    /// The exception.
    public var exception: PolicyException
    /// Its state.
    public var state: State
    /// How many findings it matched (excepted when active; left open when expired).
    public var matched: Int
    /// Days until it expires (negative when expired).
    public var daysLeft: Int
}
