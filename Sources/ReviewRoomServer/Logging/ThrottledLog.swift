import LockedValue
import Logging
import ReviewRoomCore
import ReviewRoomStore
import Synchronization

/// Where live sessions report what goes wrong over and over (one ``ThrottledLogKind``: how
/// their store writes ended — still-here marks, attendance, snapshots, and their own changes,
/// whose failure stops them — or connections closed with 4029 for outbox overflow or flooding): one of each per
/// ``SessionRegistry``, shared by all its sessions, so a full disk logs the first failure of
/// each kind and then a summary a minute, not a line per session per minute. The decisions are
/// ``LogThrottle``'s; this only keeps it, reads the time from the sessions' clock, writes the
/// lines, and runs one timer on that clock while occurrences are counted and not told yet, so
/// their summary comes when it is due even if nothing reports again (everyone left while the
/// disk is still full). Safe from any thread (store completions run on the writer thread).
final class ThrottledLog<Kind: ThrottledLogKind>: Sendable {
    private struct State {
        var throttle: LogThrottle<Kind>
        /// Sleeps until the next summary is due; nil while nothing counted awaits one.
        var timer: Task<Void, Never>?
    }

    private let state: Locked<State>
    /// The ``ThrottledLogKind/bit``s of the kinds now failing, kept equal to the throttle's
    /// under the lock: a success of a kind that is not failing (every append, normally) reads
    /// this word and nothing else — no lock, no clock.
    private let failingKinds = Atomic<UInt8>(0)
    private let logger: Logger
    private let clock: any SessionClock

    /// Logs to `logger`, timed by `clock` (the sessions' clock, so tests drive it by hand).
    init(logger: Logger, clock: any SessionClock, throttle: LogThrottle<Kind> = LogThrottle<Kind>()) {
        state = Locked(State(throttle: throttle))
        self.logger = logger
        self.clock = clock
    }

    /// Whether a timer waits to sum up counted failures.
    var isTimerArmed: Bool { state.withLock { $0.timer != nil } }

    /// `kind` happened for `session` (a write failed with `error`; an event has none); `details`
    /// go with a line about it.
    func failed(_ kind: Kind, session: SessionID, error: (any Error)? = nil, details: Logger.Metadata = [:]) {
        let now = clock.now()
        write(update(now) { $0.failed(kind, session: session.rawValue, error: error.map { "\($0)" }, details: details, now: now) })
    }

    /// A write of `kind` succeeded.
    func succeeded(_ kind: Kind) {
        guard failingKinds.load(ordering: .relaxed) & kind.bit != 0 else { return }
        let now = clock.now()
        write(update(now) { $0.succeeded(kind, now: now) })
    }

    /// Logs what was counted and not told yet, however recent (graceful shutdown); the timer
    /// stops, having nothing left to tell.
    func logRemaining() {
        let now = clock.now()
        write(update(now) { $0.remainingSummaries(now: now) })
    }

    /// Runs `change` on the throttle under the lock, then brings the failing kinds and the
    /// timer in line with it: armed (once) while a summary will come due, stopped otherwise.
    private func update(_ now: Timestamp,
                        _ change: (inout LogThrottle<Kind>) -> [ThrottledLogLine]) -> [ThrottledLogLine] {
        state.withLock { state in
            let lines = change(&state.throttle)
            let failing = Kind.allCases.filter { state.throttle.isFailing($0) }.reduce(UInt8(0)) { $0 | $1.bit }
            failingKinds.store(failing, ordering: .relaxed)
            if let due = state.throttle.nextSummaryDue(now: now) {
                if state.timer == nil { state.timer = startTimer(firstDue: due) }
            } else {
                state.timer?.cancel()
                state.timer = nil
            }
            return lines
        }
    }

    /// Sleeps on the sessions' clock until each summary is due and logs it, until nothing
    /// counted awaits one.
    private func startTimer(firstDue: Timestamp) -> Task<Void, Never> {
        Task { [weak self, clock] in
            var due = firstDue
            while true {
                do {
                    try await clock.sleep(until: due)
                } catch {
                    return  // stopped: nothing left to tell
                }
                guard let next = self?.timerFired() else { return }
                due = next
            }
        }
    }

    /// Logs the summaries due now; returns when the next one is due, or nil (and disarms)
    /// when nothing counted awaits one.
    private func timerFired() -> Timestamp? {
        let now = clock.now()
        let (lines, next) = state.withLock { state -> ([ThrottledLogLine], Timestamp?) in
            // Stopped (under this lock) after its sleep ended: the state is no longer its to change.
            guard !Task.isCancelled else { return ([], nil) }
            let lines = state.throttle.dueSummaries(now: now)
            let next = state.throttle.nextSummaryDue(now: now)
            if next == nil { state.timer = nil }
            return (lines, next)
        }
        write(lines)
        return next
    }

    private func write(_ lines: [ThrottledLogLine]) {
        for line in lines { logger.log(level: line.level, "\(line.message)", metadata: line.metadata) }
    }
}

/// The sessions' store write failures, throttled.
typealias BackgroundWriteLog = ThrottledLog<BackgroundWriteKind>

extension ThrottledLog where Kind == BackgroundWriteKind {
    /// Reports `result` of a write of `kind` for `session`. A session erased meanwhile (a join
    /// racing its DELETE) is no failure: its connections are closed with 4004 once the erasure
    /// is committed, and an error line for it alarmed whoever read the journal.
    func report<Success>(_ kind: BackgroundWriteKind, session: SessionID, _ result: Result<Success, StoreError>,
                         details: Logger.Metadata = [:]) {
        switch result {
        case .success: succeeded(kind)
        case .failure(let error) where error.code == .unknownSession: return
        case .failure(let error): failed(kind, session: session, error: error, details: details)
        }
    }
}
