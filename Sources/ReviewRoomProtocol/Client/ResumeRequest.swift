/// `resume: {epoch, after}` in a `hello`: the last event the client has seen.
public struct ResumeRequest: Equatable, Sendable {
    /// The history the client's `after` belongs to.
    public var epoch: String
    /// The last seq the client has seen (`Int64.max` for an integral `after` too large for
    /// any seq, `Int64.min` for one too small: neither can be replayed from).
    public var after: Int64

    /// Creates a resume request.
    public init(epoch: String, after: Int64) {
        self.epoch = epoch
        self.after = after
    }
}
