extension Floor: Codable {
    enum CodingKeys: String, CodingKey {
        case mode, speaker, since, turnEndsAt, queue, round, spokenSec
    }

    /// Decodes the wire shape `{mode, speaker, since, turnEndsAt, queue, round, spokenSec}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            mode: try c.decode(TurnMode.self, forKey: .mode),
            speaker: try c.decodeIfPresent(String.self, forKey: .speaker),
            since: try c.decodeIfPresent(Timestamp.self, forKey: .since),
            turnEndsAt: try c.decodeIfPresent(Timestamp.self, forKey: .turnEndsAt),
            queue: try c.decode([Hand].self, forKey: .queue),
            round: try c.decodeIfPresent(Round.self, forKey: .round),
            spokenMs: try c.decode([String: Double].self, forKey: .spokenSec).mapValues(Milliseconds.from(seconds:)))
    }

    /// Encodes the wire shape of PROTOCOL.md §3.1 with every key present (`null` where absent).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mode, forKey: .mode)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(since, forKey: .since)
        try c.encode(turnEndsAt, forKey: .turnEndsAt)
        try c.encode(queue, forKey: .queue)
        try c.encode(round, forKey: .round)
        try c.encode(spokenSec, forKey: .spokenSec)
    }
}
