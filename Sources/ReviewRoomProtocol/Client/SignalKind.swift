/// The kinds of the ephemeral `signal` command (PROTOCOL.md §3.2). The raw value is the wire `kind`.
public enum SignalKind: String, Sendable, CaseIterable {
    /// `agree`
    case agree
    /// `clarify`
    case clarify
    /// `slower`
    case slower
    /// `time`
    case time
}
