/// The per-connection message budget of PROTOCOL.md §3.4: a token bucket (`perSecond`,
/// `burst`), and a close once more than `refusalLimit` messages were refused within
/// `refusalWindowSeconds`. Pure: the caller passes the time of each message.
public struct RateLimiter: Sendable {
    /// What to do with one message.
    public enum Verdict: Equatable, Sendable {
        /// Handle it.
        case allow
        /// Answer `rate_limited` and do not apply it.
        case refuse
        /// Close the connection with 4029.
        case close
    }

    /// Tokens added per second.
    public var perSecond: Double { bucket.perSecond }
    /// Bucket size.
    public var burst: Double { bucket.burst }
    /// More refusals than this within the window close the connection.
    public let refusalLimit: Int
    /// The refusal window in seconds.
    public let refusalWindowSeconds: Double

    private var bucket: TokenBucket
    private var refusals: [Double] = []

    /// A full bucket.
    public init(perSecond: Int, burst: Int, refusalLimit: Int = 100, refusalWindowSeconds: Double = 2) {
        bucket = TokenBucket(perSecond: Double(perSecond), burst: Double(burst))
        self.refusalLimit = refusalLimit
        self.refusalWindowSeconds = refusalWindowSeconds
    }

    /// Takes one message at `seconds` (any monotonic origin).
    public mutating func take(at seconds: Double) -> Verdict {
        if bucket.take(at: seconds) { return .allow }
        refusals.append(seconds)
        if let firstInWindow = refusals.firstIndex(where: { $0 > seconds - refusalWindowSeconds }), firstInWindow > 0 {
            refusals.removeFirst(firstInWindow)
        }
        return refusals.count > refusalLimit ? .close : .refuse
    }
}
