import ArgumentParser

/// The fixed exit codes (design §5).
enum ExitStatus: Int32 {
    /// No open finding at or above `--fail-on`.
    case clean = 0
    /// An open finding at or above `--fail-on`.
    case findings = 1
    /// A usage error, an invalid rule pack, or an input that could not be read or validated.
    case usage = 2

    var exitCode: ExitCode { ExitCode(rawValue) }
}
