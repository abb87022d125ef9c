/// Why someone raised a hand. A `response` goes before every `contribution`.
public enum HandKind: String, Codable, Sendable, CaseIterable {
    /// A plain contribution: waits its turn.
    case contribution
    /// A direct response to what was just said: jumps the contributions.
    case response
}
