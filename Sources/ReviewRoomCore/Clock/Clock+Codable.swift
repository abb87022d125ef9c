extension Clock: Codable {
    enum CodingKeys: String, CodingKey {
        case status, phase, phaseStartedAt, durationSec, elapsedSec, remainingSec, endsAt
    }

    /// Decodes the wire shape `{status, phase, phaseStartedAt, durationSec, elapsedSec, remainingSec, endsAt}`
    /// (`remainingSec` is derived and ignored).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            status: try c.decode(ClockStatus.self, forKey: .status),
            phase: try c.decode(Int.self, forKey: .phase),
            phaseStartedAt: try c.decodeIfPresent(Timestamp.self, forKey: .phaseStartedAt),
            durationMs: Milliseconds.from(seconds: try c.decode(Double.self, forKey: .durationSec)),
            elapsedMs: Milliseconds.from(seconds: try c.decode(Double.self, forKey: .elapsedSec)),
            endsAt: try c.decodeIfPresent(Timestamp.self, forKey: .endsAt))
    }

    /// Encodes the wire shape of PROTOCOL.md §3.1 with every key present (`null` where absent).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(phase, forKey: .phase)
        try c.encode(phaseStartedAt, forKey: .phaseStartedAt)
        try c.encode(Milliseconds.seconds(durationMs), forKey: .durationSec)
        try c.encode(Milliseconds.seconds(elapsedMs), forKey: .elapsedSec)
        try c.encode(Milliseconds.seconds(remainingMs), forKey: .remainingSec)
        try c.encode(endsAt, forKey: .endsAt)
    }
}
