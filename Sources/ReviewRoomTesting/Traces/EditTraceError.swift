/// Why an editing trace could not be loaded or replayed.
public struct EditTraceError: Error, CustomStringConvertible, Equatable {
    /// The kind of failure.
    public enum Code: String, Sendable {
        /// `gzip -dc` exited with a failure status.
        case gzipFailed = "gzip_failed"
        /// A plain trace file could not be read.
        case unreadable
        /// The data is not editing-trace JSON.
        case notATrace = "not_a_trace"
        /// A concurrent replay found the trace, or the server's answers, inconsistent with its schedule.
        case scheduleBroken = "schedule_broken"
    }

    /// The kind of failure.
    public var code: Code
    /// What was wrong, in words.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message alone (the bench prints it as `Error: <message>`, as it always has).
    public var description: String { message }
}
