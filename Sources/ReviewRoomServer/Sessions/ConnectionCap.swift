/// How many connections each participant of one session holds, against
/// `max_connections_per_participant`. It decides whether a `hello` is admitted: at the cap the
/// newest is refused and the oldest are never closed, so someone holding a leaked link cannot
/// push the real person off. It also says which refusal to log: the first one since the
/// participant reached the cap, not every attempt.
///
/// A value type with no clock and no I/O; the session actor keeps one beside its members.
struct ConnectionCap: Sendable, Equatable {
    /// What a `hello` gets.
    enum Admission: Sendable, Equatable {
        /// Admitted: the connection now holds one of the participant's slots.
        case admitted
        /// Refused: the participant already holds `limit` connections. `firstWhileFull` is true
        /// for the first refusal since they reached the cap (the one worth a log line).
        case refused(firstWhileFull: Bool)
    }

    /// Most connections one participant may hold at once; 0 means no limit.
    let limit: Int
    /// Open connections by participant id (absent: none).
    private var open: [String: Int] = [:]
    /// Participants refused since they last reached the cap (cleared when a slot frees).
    private var refusedWhileFull: Set<String> = []

    /// A cap of `limit` connections per participant (0: unlimited), with nobody connected.
    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// The connections `participant` holds.
    func count(of participant: String) -> Int {
        open[participant] ?? 0
    }

    /// Admits one more connection of `participant` if they are below the cap, counting it.
    mutating func admit(_ participant: String) -> Admission {
        let held = count(of: participant)
        guard limit == 0 || held < limit else {
            return .refused(firstWhileFull: refusedWhileFull.insert(participant).inserted)
        }
        open[participant] = held + 1
        return .admitted
    }

    /// Frees one slot of `participant` (a connection left or is being closed by the server).
    mutating func release(_ participant: String) {
        guard let held = open[participant] else { return }
        open[participant] = held > 1 ? held - 1 : nil
        refusedWhileFull.remove(participant)
    }

    /// Frees every slot (the session stopped and closed all its connections).
    mutating func releaseAll() {
        open.removeAll()
        refusedWhileFull.removeAll()
    }
}
