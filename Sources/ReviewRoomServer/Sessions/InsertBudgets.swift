import ReviewRoomProtocol

/// How much note text each participant of one session may still insert
/// (`max_inserted_units_per_second`, off by default): a token bucket per participant, refilled at that many
/// UTF-16 units a second up to twice `max_note_units`, so a whole note pasted or replaced at
/// once always fits. Every inserted unit is sent on to everyone in the session (and stored),
/// so without it one participant within the per-connection message limit (a script replacing
/// a 60,000-character note 49 times a second) made the server send 1.7 MB/s to each of the
/// others, and those on a slow link were closed with 4029. Edits beyond it are answered
/// `rate_limited` and not applied. Pure: the caller passes the time.
struct InsertBudgets {
    /// Units per second per participant; 0: no limit.
    let perSecond: Int
    /// Bucket size per participant.
    let burst: Int
    private var buckets: [String: TokenBucket] = [:]

    /// Budgets for a session with `limits`.
    init(limits: LiveLimits) {
        perSecond = limits.maxInsertedUnitsPerSecond
        burst = 2 * limits.maxNoteUnits
    }

    /// Takes `units` from `participant`'s budget at `seconds`; false (nothing taken) when it
    /// does not hold them. Always true without a limit or for an edit inserting nothing.
    mutating func take(_ units: Int, by participant: String, at seconds: Double) -> Bool {
        guard perSecond > 0, units > 0 else { return true }
        return buckets[participant, default: TokenBucket(perSecond: Double(perSecond), burst: Double(burst))]
            .take(Double(units), at: seconds)
    }

    /// Gives back `units` taken for an edit that was then not applied.
    mutating func giveBack(_ units: Int, by participant: String) {
        guard perSecond > 0, units > 0 else { return }
        buckets[participant]?.giveBack(Double(units))
    }
}
