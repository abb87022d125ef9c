import Logging
import ReviewRoomCore

/// Decides which lines the daemon logs for something that goes wrong over and over in many
/// sessions (a ``ThrottledLogKind``: store writes of live sessions that fail, connections closed
/// for outbox overflow), so a full disk or a starved server gives a few lines a minute, not one
/// per session or connection: per kind, the first occurrence is logged with its session and
/// details; later ones are counted and summarised at most once per ``intervalSeconds`` ("…
/// failed N times in M sessions in the last minute"); for a write, the first success after
/// failures logs one notice (with ``settleSeconds``, only once no failure came for that long:
/// on a nearly full disk small writes get through now and then, and each one logged "succeeds
/// again" with the disk still full, two lines every second or two); for an event (``ThrottledLogKind/endsWhenQuiet``), an interval
/// with nothing untold ends the stretch, and the next occurrence is logged in full again.
/// ``nextSummaryDue(now:)`` says when a summary comes due with no further report, for the
/// caller's timer. Pure: the caller passes the time.
struct LogThrottle<Kind: ThrottledLogKind>: Sendable {
    /// A kind whose writes are failing.
    private struct Failing: Sendable {
        /// When the first failure (the one logged in full) came.
        let since: Timestamp
        /// Every failure since then.
        var total: Int
        /// When the failures now counted began: the first failure, or the last summary.
        var windowStart: Timestamp
        /// Failures counted since `windowStart`, and the sessions they came from.
        var count: Int
        var sessions: Set<String>
        /// The `session/participant` pairs of the window's failures that named a participant (a
        /// forced close), up to ``maxParticipants``, in the order they came: the summary names
        /// who, so IT can find the link of a script flooding from many tabs.
        var participants: [String] = []
        /// Whether the window's first failure was logged in full (then a window of one needs no summary).
        var firstLogged: Bool
        /// The error of the latest failure (the summary shows it), if the kind has errors.
        var lastError: String?
        /// When a success came with no failure since: the recovery is told ``settleSeconds`` later.
        var recoveredAt: Timestamp?

        /// Starts counting afresh at `now` (after a summary, or a window with nothing to summarise).
        mutating func startWindow(at now: Timestamp) {
            windowStart = now
            count = 0
            sessions = []
            participants = []
            firstLogged = false
        }
    }

    /// How many `session/participant` pairs a summary names at most (the first of its window).
    static var maxParticipants: Int { 5 }

    /// The least time between two summaries of one kind.
    let intervalSeconds: Double
    /// How long successes must go on with no failure before the recovery is told (0: at once).
    let settleSeconds: Double
    private var failing: [Kind: Failing] = [:]

    /// A throttle summarising at most once per `intervalSeconds` (a minute in the daemon) and
    /// telling a recovery once `settleSeconds` passed without a failure.
    init(intervalSeconds: Double = 60, settleSeconds: Double = 0) {
        self.intervalSeconds = intervalSeconds
        self.settleSeconds = settleSeconds
    }

    /// Whether writes of `kind` have failed with no success since.
    func isFailing(_ kind: Kind) -> Bool { failing[kind] != nil }

    /// `kind` happened (a write failed with `error`; an event has none) for `session` at `now`;
    /// `details` (a participant, a seq) go with its line if it gets one. Returns the lines to
    /// log: this one's own line if it is the first (of a stretch), and any summary now due.
    mutating func failed(_ kind: Kind, session: String, error: String? = nil,
                         details: Logger.Metadata = [:], now: Timestamp) -> [ThrottledLogLine] {
        if kind.endsWhenQuiet, let state = failing[kind], state.count <= (state.firstLogged ? 1 : 0),
           state.windowStart.seconds(to: now) >= intervalSeconds || now < state.windowStart {
            // A quiet interval with everything told ended the stretch: this one starts a new one.
            failing[kind] = nil
        }
        guard var state = failing[kind] else {
            failing[kind] = Failing(since: now, total: 1, windowStart: now, count: 1, sessions: [session],
                                    firstLogged: true, lastError: error)
            var metadata = details
            metadata["session"] = "\(session)"
            if let error { metadata["error"] = "\(error)" }
            return dueSummaries(now: now, except: kind)
                + [ThrottledLogLine(level: kind.failureLevel, message: kind.failureMessage, metadata: metadata)]
        }
        var lines = dueSummaries(now: now, except: kind)
        // A failure before the recovery settled: the same stretch goes on.
        state.recoveredAt = nil
        // The wall clock stepped back: the window restarts rather than waiting for the old instant.
        if now < state.windowStart { state.windowStart = now }
        if let summary = summary(kind, state, now: now) {
            lines.append(summary)
            state.startWindow(at: now)
        } else if state.windowStart.seconds(to: now) >= intervalSeconds {
            // A window holding only the failure logged in full closes without a summary.
            state.startWindow(at: now)
        }
        state.total += 1
        state.count += 1
        state.sessions.insert(session)
        if let participant = details["participant"], state.participants.count < Self.maxParticipants {
            let pair = "\(session)/\(participant)"
            if !state.participants.contains(pair) { state.participants.append(pair) }
        }
        state.lastError = error
        failing[kind] = state
        return lines
    }

    /// A write of `kind` succeeded at `now`: after failures, one notice says so (and the kind
    /// starts afresh: its next failure is logged in full). Returns the lines to log.
    mutating func succeeded(_ kind: Kind, now: Timestamp) -> [ThrottledLogLine] {
        var lines = dueSummaries(now: now, except: kind)
        guard var state = failing[kind] else { return lines }
        // The first success since the last failure starts the wait (again, if the clock stepped back).
        if let since = state.recoveredAt, since <= now {} else { state.recoveredAt = now }
        failing[kind] = state
        if let settled = settledRecovery(kind, now: now, after: settleSeconds) { lines.append(settled) }
        return lines
    }

    /// The notice that `kind` works again, if its successes have gone on `after` seconds with
    /// no failure; the kind then starts afresh (its next failure is logged in full).
    private mutating func settledRecovery(_ kind: Kind, now: Timestamp, after: Double) -> ThrottledLogLine? {
        guard let state = failing[kind], let since = state.recoveredAt, since.seconds(to: now) >= after else { return nil }
        failing[kind] = nil
        return ThrottledLogLine(
            level: .notice,
            message: kind.recoveryMessage(total: state.total),
            metadata: ["failures": "\(state.total)", "failingSince": "\(state.since)"])
    }

    /// Summaries of every kind whose window is over with failures not yet logged, at `now`
    /// (also called when nothing of that kind happens, so a summary is not held back for long).
    mutating func dueSummaries(now: Timestamp) -> [ThrottledLogLine] {
        dueSummaries(now: now, except: nil)
    }

    /// Summaries of every kind with failures not yet logged, however short its window: the
    /// daemon is stopping, and what was only counted would otherwise never be told.
    mutating func remainingSummaries(now: Timestamp) -> [ThrottledLogLine] {
        dueSummaries(now: now, except: nil, minimumSeconds: 0)
    }

    /// When the next summary comes due if nothing else happens: a minute after the earliest
    /// window that holds failures not logged yet began; nil when every failure was told (a kind
    /// still failing whose window holds only the failure logged in full needs no summary).
    /// The caller arms a timer for it, so counted failures are told even when no write follows.
    mutating func nextSummaryDue(now: Timestamp) -> Timestamp? {
        var due: Timestamp?
        for (_, state) in failing {
            if let since = state.recoveredAt {
                let settled = since.adding(seconds: settleSeconds)
                if due.map({ settled < $0 }) ?? true { due = settled }
            }
        }
        for (kind, var state) in failing where state.count > (state.firstLogged ? 1 : 0) && state.recoveredAt == nil {
            // The wall clock stepped back: the window restarts rather than waiting for the old instant.
            if now < state.windowStart {
                state.windowStart = now
                failing[kind] = state
            }
            let end = state.windowStart.adding(seconds: intervalSeconds)
            if due.map({ end < $0 }) ?? true { due = end }
        }
        return due
    }

    private mutating func dueSummaries(now: Timestamp, except skipped: Kind?,
                                       minimumSeconds: Double? = nil) -> [ThrottledLogLine] {
        var lines: [ThrottledLogLine] = []
        for kind in Kind.allCases where kind != skipped {
            // A recovery under way: told once settled, with every failure in its count.
            if failing[kind]?.recoveredAt != nil {
                if let settled = settledRecovery(kind, now: now, after: minimumSeconds ?? settleSeconds) { lines.append(settled) }
                continue
            }
            guard var state = failing[kind],
                  let line = summary(kind, state, now: now, after: minimumSeconds) else { continue }
            lines.append(line)
            state.startWindow(at: now)
            failing[kind] = state
        }
        return lines
    }

    /// The summary of `state`'s window if it lasted `after` seconds (the interval unless told)
    /// and holds failures not logged in full.
    private func summary(_ kind: Kind, _ state: Failing, now: Timestamp, after: Double? = nil) -> ThrottledLogLine? {
        let elapsed = state.windowStart.seconds(to: now)
        guard elapsed >= after ?? intervalSeconds, state.count > (state.firstLogged ? 1 : 0) else { return nil }
        let minutes = Int(elapsed / 60)
        let span = minutes <= 1 ? "the last minute" : "the last \(minutes) minutes"
        var metadata: Logger.Metadata = ["failures": "\(state.count)", "sessions": "\(state.sessions.count)"]
        if let error = state.lastError { metadata["error"] = "\(error)" }
        if !state.participants.isEmpty { metadata["participants"] = "\(state.participants.joined(separator: ","))" }
        return ThrottledLogLine(level: kind.failureLevel,
                                message: kind.summaryMessage(count: state.count, logged: state.firstLogged ? 1 : 0,
                                                          sessions: state.sessions.count, span: span),
                                metadata: metadata)
    }
}

/// The throttle of the sessions' store write failures.
typealias BackgroundWriteLogThrottle = LogThrottle<BackgroundWriteKind>
