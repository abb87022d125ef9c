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
    public let perSecond: Double
    /// Bucket size.
    public let burst: Double
    /// More refusals than this within the window close the connection.
    public let refusalLimit: Int
    /// The refusal window in seconds.
    public let refusalWindowSeconds: Double

    private var tokens: Double
    private var last: Double?
    private var refusals: [Double] = []

    /// A full bucket.
    public init(perSecond: Int, burst: Int, refusalLimit: Int = 100, refusalWindowSeconds: Double = 2) {
        self.perSecond = Double(max(1, perSecond))
        self.burst = Double(max(1, burst))
        self.refusalLimit = refusalLimit
        self.refusalWindowSeconds = refusalWindowSeconds
        tokens = Double(max(1, burst))
    }

    /// Takes one message at `seconds` (any monotonic origin).
    public mutating func take(at seconds: Double) -> Verdict {
        if let last { tokens = min(burst, tokens + max(0, seconds - last) * perSecond) }
        last = seconds
        if tokens >= 1 {
            tokens -= 1
            return .allow
        }
        refusals.append(seconds)
        if let firstInWindow = refusals.firstIndex(where: { $0 > seconds - refusalWindowSeconds }), firstInWindow > 0 {
            refusals.removeFirst(firstInWindow)
        }
        return refusals.count > refusalLimit ? .close : .refuse
    }
}
