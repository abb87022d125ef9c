/// Who has the floor, who is waiting, and how long everyone has spoken.
public struct Floor: Equatable, Sendable {
    /// The current phase's turn mode.
    public var mode: TurnMode
    /// Who has the floor, if anyone.
    public var speaker: String?
    /// When the speaker's turn began.
    public var since: Timestamp?
    /// When the speaker's turn is up, for a timed turn.
    public var turnEndsAt: Timestamp?
    /// Raised hands: responses first, then contributions, each first raised first served.
    public var queue: [Hand]
    /// The round in progress, if any.
    public var round: Round?
    /// Milliseconds each participant has held the floor, summed over finished turns.
    public var spokenMs: [String: Int64]

    /// Creates a floor value.
    public init(mode: TurnMode, speaker: String? = nil, since: Timestamp? = nil, turnEndsAt: Timestamp? = nil,
                queue: [Hand] = [], round: Round? = nil, spokenMs: [String: Int64] = [:]) {
        self.mode = mode
        self.speaker = speaker
        self.since = since
        self.turnEndsAt = turnEndsAt
        self.queue = queue
        self.round = round
        self.spokenMs = spokenMs
    }

    /// Seconds each participant has held the floor (the wire `spokenSec`).
    public var spokenSec: [String: Double] { spokenMs.mapValues(Milliseconds.seconds) }

    /// Whether `participant` has a hand raised.
    public func hasHand(_ participant: String) -> Bool { queue.contains { $0.participant == participant } }

    /// Ends the current turn at `instant`: the speaker's time is added to `spokenMs`.
    mutating func endTurn(at instant: Timestamp) {
        if let speaker, let since {
            spokenMs[speaker, default: 0] += max(0, Milliseconds.between(since, instant))
        }
        speaker = nil
        since = nil
        turnEndsAt = nil
    }

    /// Ends any turn and gives the floor to `participant` from `instant`, lowering their hand.
    mutating func give(to participant: String, at instant: Timestamp, turnMs: Int64?) {
        endTurn(at: instant)
        queue.removeAll { $0.participant == participant }
        speaker = participant
        since = instant
        turnEndsAt = turnMs.map { Milliseconds.add($0, to: instant) }
    }

    /// Adds a hand at its place: after every response for a response, at the end for a contribution.
    mutating func enqueue(_ hand: Hand) {
        switch hand.kind {
        case .contribution:
            queue.append(hand)
        case .response:
            let at = queue.firstIndex { $0.kind == .contribution } ?? queue.endIndex
            queue.insert(hand, at: at)
        }
    }

    /// Moves a running round to its next person at `instant` (or ends it after the last).
    mutating func advanceRound(at instant: Timestamp, passing: Bool) {
        guard var round else { return }
        if passing, let speaker { round.passed.append(speaker) }
        endTurn(at: instant)
        round.index += 1
        if round.index < round.order.count {
            let next = round.order[round.index]
            queue.removeAll { $0.participant == next }
            speaker = next
            since = instant
            turnEndsAt = Milliseconds.add(Milliseconds.from(seconds: round.secondsEach), to: instant)
            self.round = round
        } else {
            self.round = nil
        }
    }

    /// The floor at a phase change or the end: turn over, round stopped, hands lowered.
    mutating func reset(at instant: Timestamp, mode: TurnMode) {
        endTurn(at: instant)
        round = nil
        queue = []
        self.mode = mode
    }
}
