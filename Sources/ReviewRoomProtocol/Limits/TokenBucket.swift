/// A token bucket: `perSecond` tokens flow in every second up to `burst`, and each use takes
/// its cost out. Pure: the caller passes the time of each use (any monotonic origin; a time
/// earlier than the last adds nothing).
public struct TokenBucket: Sendable {
    /// Tokens added per second.
    public let perSecond: Double
    /// Bucket size.
    public let burst: Double

    private var tokens: Double
    private var last: Double?

    /// A full bucket of `burst` tokens (each at least 1).
    public init(perSecond: Double, burst: Double) {
        self.perSecond = max(1, perSecond)
        self.burst = max(1, burst)
        tokens = max(1, burst)
    }

    /// Takes `cost` tokens at `seconds` when the bucket holds them (and returns true); takes
    /// nothing and returns false when it does not.
    public mutating func take(_ cost: Double = 1, at seconds: Double) -> Bool {
        if let last { tokens = min(burst, tokens + max(0, seconds - last) * perSecond) }
        last = max(last ?? seconds, seconds)
        guard tokens >= cost else { return false }
        tokens -= cost
        return true
    }

    /// Puts `cost` tokens back (a use that was taken and then did not happen), up to `burst`.
    public mutating func giveBack(_ cost: Double) {
        tokens = min(burst, tokens + cost)
    }
}
