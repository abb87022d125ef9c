import ReviewRoomCore

/// A command read as far as its `type` and `id`: whole, or with the error its fields gave.
///
/// The fields' error is not the answer yet: the session first checks whether the sender may
/// send this command at all (its role, and `session_ended` for a state-changing command after
/// the end), and those refusals come before a field's (SessionRules "Order of checks").
public enum DecodedCommand: Equatable, Sendable {
    /// Every field was read.
    case request(ClientRequest)
    /// Command `name` with a readable `id`, but a field was missing or wrong: `error` is its
    /// `bad_request` (or `invalid_op` for an op that breaks PROTOCOL §3.3), with that `id`.
    case malformedFields(name: CommandName, error: ProtocolError)
}
