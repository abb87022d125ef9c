/// How often each participant may join their session, against `reconnects_per_minute`: that
/// many `hello`s go ahead at once, then one every minute ÷ that many; a `hello` beyond is held
/// until its turn, never refused. A page reconnecting with backoff never meets it; a client
/// reconnecting in a loop (a bug, a script left running) is slowed to the pace, so it cannot
/// take the daemon's cores from every other session (each join costs a `welcome`, `presence`
/// for everyone in the session and an attendance write).
///
/// Each participant's turns are kept as the instant their next join would be due at the steady
/// pace (the generic cell rate algorithm's theoretical arrival time): one number a person,
/// however long they loop, dropped once that instant has passed (it then says nothing a fresh
/// start would not). The turns run on the wall clock the sessions use, made to never go back:
/// a clock stepped back an hour (an NTP correction) would otherwise hold a person who had just
/// joined for that hour. A value type with no clock and no I/O; the registry keeps one for the
/// whole daemon (participant ids are unique; a session nobody else is in unloads at each leave,
/// so the session could not keep it) and waits out what it says.
struct JoinPacing: Sendable, Equatable {
    /// When a `hello` may join.
    enum Turn: Sendable, Equatable {
        /// At once.
        case now
        /// At `until` (milliseconds since 1970). `first` is true for the first held `hello` since
        /// the participant last joined at once (the one worth a log line).
        case held(until: Int64, first: Bool)
    }

    /// Joins one participant may make at once, and per minute at the steady pace; 0: no limit.
    let perMinute: Int
    /// Each participant's theoretical arrival time of the next join (ms since 1970).
    private var due: [String: Int64] = [:]
    /// Participants whose turns are kept (tests).
    var tracked: Int { due.count }
    /// Participants held since they last joined at once.
    private var held: Set<String> = []
    /// Size of ``due`` at which entries already past are dropped (doubles with what stays).
    private var pruneAt = 1_024
    /// Added to the wall clock so that the time the turns run on never goes back.
    private var offset: Int64 = 0
    /// The latest instant the turns ran on.
    private var latest = Int64.min

    /// Pacing at `perMinute` joins a minute per participant (0: none).
    init(perMinute: Int) {
        self.perMinute = max(0, perMinute)
    }

    /// Milliseconds between joins at the steady pace.
    private var interval: Int64 { Int64(60_000 / perMinute) }

    /// Takes `participant`'s next turn for a `hello` that arrived at `wallNow` (ms since 1970).
    mutating func turn(for participant: String, at wallNow: Int64) -> Turn {
        guard perMinute > 0 else { return .now }
        if wallNow + offset < latest { offset = latest - wallNow }
        let now = wallNow + offset
        latest = now
        let next = max(due[participant] ?? now, now)
        let start = max(now, next - Int64(perMinute - 1) * interval)
        due[participant] = next + interval
        if due.count >= pruneAt {
            due = due.filter { $0.value > now }
            held = held.filter { due[$0] != nil }
            pruneAt = max(1_024, 2 * due.count)
        }
        if start <= now {
            held.remove(participant)
            return .now
        }
        return .held(until: wallNow + (start - now), first: held.insert(participant).inserted)
    }
}
