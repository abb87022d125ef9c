import Logging
import ReviewRoomCore
@testable import ReviewRoomServer
import Testing

/// The daemon-wide throttle of the sessions' fire-and-forget write failures, driven by hand
/// with made-up instants (no clock, no sleep): what a full disk with many live sessions logs.
@Suite("Logging: background write failures throttled daemon-wide")
struct BackgroundWriteLogThrottleTests {
    let t0 = Timestamp(millisecondsSince1970: 1_900_000_000_000)
    let full = "diskFull: database or disk is full"

    @Test func theFirstFailureIsLoggedWithItsSessionAndError() {
        var throttle = BackgroundWriteLogThrottle()
        let lines = throttle.failed(.attendanceJoined, session: "s-1", error: full, details: ["participant": "p-7"], now: t0)
        #expect(lines == [BackgroundWriteLogLine(level: .error, message: "cannot record that a participant came online",
                                                 metadata: ["session": "s-1", "error": "\(full)", "participant": "p-7"])])
        #expect(throttle.isFailing(.attendanceJoined))
        #expect(!throttle.isFailing(.stillOnlineMark))
    }

    @Test func repeatsWithinAMinuteAreCountedNotLogged() {
        var throttle = BackgroundWriteLogThrottle()
        #expect(throttle.failed(.stillOnlineMark, session: "s-0", error: full, now: t0).count == 1)
        for index in 1..<1_000 {
            let at = t0.adding(seconds: Double(index) * 0.059)
            #expect(throttle.failed(.stillOnlineMark, session: "s-\(index)", error: full, now: at).isEmpty, "failure \(index)")
        }
        #expect(throttle.dueSummaries(now: t0.adding(seconds: 59.999)).isEmpty)
    }

    /// 1,000 sessions mark once a minute: an error line, then one summary a minute with the
    /// failures of that minute and how many sessions they came from.
    @Test func aSummaryAfterAMinuteCountsTheFailuresAndTheirSessions() {
        var throttle = BackgroundWriteLogThrottle()
        var logged: [BackgroundWriteLogLine] = []
        for minute in 0..<3 {
            for index in 0..<1_000 {
                let at = t0.adding(seconds: Double(minute * 60) + Double(index) * 0.01)
                logged += throttle.failed(.stillOnlineMark, session: "s-\(index)", error: full, now: at)
            }
        }
        #expect(logged.map(\.level) == [.error, .error, .error])
        #expect(logged.first?.message == "cannot mark online intervals as still open")
        // The first window holds the logged failure too; the next ones start at a summary.
        #expect(logged.dropFirst().map(\.message) == [
            "marking online intervals as still open failed 1000 times in 1000 sessions in the last minute",
            "marking online intervals as still open failed 1000 times in 1000 sessions in the last minute",
        ])
        #expect(logged.last?.metadata["error"] == "\(full)")
        #expect(logged.last?.metadata["failures"] == "1000")
        // The third minute's 1,000 failures are summarised once it is over.
        let due = throttle.dueSummaries(now: t0.adding(seconds: 180))
        #expect(due.map(\.message) == ["marking online intervals as still open failed 1000 times in 1000 sessions in the last minute"])
    }

    @Test func aLongGapIsNamedInMinutesAndALoneLoggedFailureNeedsNoSummary() {
        var throttle = BackgroundWriteLogThrottle()
        _ = throttle.failed(.attendanceLeft, session: "a", error: full, now: t0)
        // Only the logged failure in its window: nothing to summarise however late.
        #expect(throttle.failed(.attendanceLeft, session: "b", error: full, now: t0.adding(seconds: 61)).isEmpty)
        _ = throttle.failed(.attendanceLeft, session: "b", error: full, now: t0.adding(seconds: 70))
        let lines = throttle.failed(.attendanceLeft, session: "c", error: full, now: t0.adding(seconds: 61 + 300))
        #expect(lines.map(\.message) == ["recording that a participant went offline failed 2 times in 1 session in the last 5 minutes"])
    }

    /// A wall clock stepped back an hour does not silence the summaries for that hour.
    @Test func aClockSteppedBackRestartsTheWindow() {
        var throttle = BackgroundWriteLogThrottle()
        _ = throttle.failed(.stillOnlineMark, session: "a", error: full, now: t0)
        let back = t0.adding(seconds: -3_600)
        _ = throttle.failed(.stillOnlineMark, session: "b", error: full, now: back)
        _ = throttle.failed(.stillOnlineMark, session: "c", error: full, now: back.adding(seconds: 30))
        let lines = throttle.failed(.stillOnlineMark, session: "d", error: full, now: back.adding(seconds: 60))
        #expect(lines.map(\.message) == ["marking online intervals as still open failed 3 times in 3 sessions in the last minute"])
    }

    @Test func aSuccessAfterFailuresIsNoticedOnceAndTheNextFailureIsLoggedAgain() {
        var throttle = BackgroundWriteLogThrottle()
        #expect(throttle.succeeded(.stillOnlineMark, now: t0).isEmpty, "nothing failed: nothing to say")
        for index in 0..<5 { _ = throttle.failed(.stillOnlineMark, session: "s-\(index)", error: full, now: t0) }
        let recovered = throttle.succeeded(.stillOnlineMark, now: t0.adding(seconds: 10))
        #expect(recovered.map(\.level) == [.notice])
        #expect(recovered.first?.message == "marking online intervals as still open succeeds again after 5 failures")
        #expect(recovered.first?.metadata["failingSince"] == "\(t0)")
        #expect(throttle.succeeded(.stillOnlineMark, now: t0.adding(seconds: 11)).isEmpty, "the notice comes once")
        #expect(!throttle.isFailing(.stillOnlineMark))
        let again = throttle.failed(.stillOnlineMark, session: "s-9", error: full, now: t0.adding(seconds: 12))
        #expect(again.map(\.message) == ["cannot mark online intervals as still open"])
    }

    /// With a settling time (the daemon's 10 s), writes that fail and succeed by turns, as
    /// small ones do on a nearly full disk, are one stretch: its first failure logged in full,
    /// no "succeeds again" between, and one notice once successes went on that long. An
    /// operations probe saw the pair of lines every second or two for two minutes.
    @Test func writesThatFailAndSucceedByTurnsAreOneStretchUntilTheSuccessesSettle() {
        var throttle = BackgroundWriteLogThrottle(settleSeconds: 10)
        var lines: [ThrottledLogLine] = []
        for second in stride(from: 0, to: 30, by: 2) {
            lines += throttle.failed(.attendanceJoined, session: "s-\(second)", error: full, now: t0.adding(seconds: Double(second)))
            lines += throttle.succeeded(.attendanceJoined, now: t0.adding(seconds: Double(second) + 1))
        }
        #expect(lines.map(\.message) == ["cannot record that a participant came online"], "\(lines.map(\.message))")
        #expect(throttle.isFailing(.attendanceJoined))
        #expect(throttle.nextSummaryDue(now: t0.adding(seconds: 30)) == t0.adding(seconds: 39), "the last success at 29 settles at 39")
        #expect(throttle.succeeded(.attendanceJoined, now: t0.adding(seconds: 35)).isEmpty, "not settled yet")
        let settled = throttle.dueSummaries(now: t0.adding(seconds: 39))
        #expect(settled.map(\.message) == ["recording that a participant came online succeeds again after 15 failures"])
        #expect(!throttle.isFailing(.attendanceJoined))
        #expect(throttle.failed(.attendanceJoined, session: "s-x", error: full, now: t0.adding(seconds: 40)).map(\.message)
                == ["cannot record that a participant came online"], "a new stretch is logged in full")
        // At shutdown a recovery under way is told at once.
        _ = throttle.succeeded(.attendanceJoined, now: t0.adding(seconds: 41))
        #expect(throttle.remainingSummaries(now: t0.adding(seconds: 42)).map(\.message)
                == ["recording that a participant came online succeeds again after 1 failure"])
    }

    /// Kinds are throttled apart: a failing snapshot does not hide a failing mark, a success of
    /// one does not announce the other's recovery, and a due summary of one kind comes out when
    /// another kind reports.
    @Test func eachKindHasItsOwnThrottle() {
        var throttle = BackgroundWriteLogThrottle()
        let first = throttle.failed(.snapshot, session: "s-1", error: full, details: ["seq": "200"], now: t0)
        #expect(first.map(\.level) == [.warning], "a lost snapshot is not fatal")
        #expect(first.first?.metadata["seq"] == "200")
        #expect(throttle.failed(.stillOnlineMark, session: "s-1", error: full, now: t0).map(\.level) == [.error])
        _ = throttle.failed(.snapshot, session: "s-2", error: full, now: t0.adding(seconds: 1))
        #expect(throttle.succeeded(.stillOnlineMark, now: t0.adding(seconds: 2)).map(\.message)
                == ["marking online intervals as still open succeeds again after 1 failure"])
        #expect(throttle.isFailing(.snapshot))
        let later = throttle.succeeded(.attendanceJoined, now: t0.adding(seconds: 60))
        #expect(later.map(\.message) == ["saving a session snapshot failed 2 times in 2 sessions in the last minute"])
        #expect(later.map(\.level) == [.warning])
    }
    /// At shutdown what was only counted is told at once, however short its window; a kind
    /// with nothing untold says nothing, and what was told is not told again.
    @Test func atShutdownTheCountedFailuresAreToldAtOnce() {
        var throttle = BackgroundWriteLogThrottle()
        _ = throttle.failed(.stillOnlineMark, session: "a", error: full, now: t0)
        _ = throttle.failed(.stillOnlineMark, session: "b", error: full, now: t0.adding(seconds: 5))
        _ = throttle.failed(.attendanceLeft, session: "a", error: full, now: t0.adding(seconds: 6))
        #expect(throttle.dueSummaries(now: t0.adding(seconds: 10)).isEmpty, "no minute has passed")
        let remaining = throttle.remainingSummaries(now: t0.adding(seconds: 10))
        #expect(remaining.map(\.message) == ["marking online intervals as still open failed 2 times in 2 sessions in the last minute"])
        #expect(throttle.remainingSummaries(now: t0.adding(seconds: 11)).isEmpty)
    }

    /// Sessions stopped by failing appends: the first stop in full (its session, its error and
    /// which write), then one summary a minute saying how many sessions stopped, each reconnect
    /// that fails again counted, not logged.
    @Test func sessionStopsAreLoggedOnceThenSummedUpWithTheirSessions() {
        var throttle = BackgroundWriteLogThrottle()
        let first = throttle.failed(.sessionChange, session: "s-0", error: full, details: ["write": "events"], now: t0)
        #expect(first == [BackgroundWriteLogLine(level: .error, message: "session stopped: its changes could not be stored",
                                                 metadata: ["session": "s-0", "error": "\(full)", "write": "events"])])
        var later: [BackgroundWriteLogLine] = []
        // 300 sessions stop, and each stops again when its clients reconnect and load it.
        for round in 0..<2 {
            for index in 0..<300 where round > 0 || index > 0 {
                let at = t0.adding(seconds: Double(round * 20) + Double(index) * 0.05)
                later += throttle.failed(.sessionChange, session: "s-\(index)", error: full, details: ["write": "events"], now: at)
            }
        }
        #expect(later.isEmpty, "\(later)")
        let due = throttle.dueSummaries(now: t0.adding(seconds: 60))
        #expect(due == [BackgroundWriteLogLine(
            level: .error,
            message: "storing a session's changes failed 600 times in 300 sessions in the last minute; each failure stopped its session",
            metadata: ["failures": "600", "sessions": "300", "error": "\(full)"])])
        let recovered = throttle.succeeded(.sessionChange, now: t0.adding(seconds: 61))
        #expect(recovered.map(\.level) == [.notice])
        #expect(recovered.first?.message == "storing a session's changes succeeds again after 600 failures")
    }

    /// When the next summary comes due on its own: never while only the failure logged in full
    /// is in its window; a minute after the window began once something was only counted; the
    /// earliest of several kinds; never again once a success told everything.
    @Test func theNextSummaryIsDueAMinuteAfterTheFirstUntoldFailuresWindowBegan() {
        var throttle = BackgroundWriteLogThrottle()
        #expect(throttle.nextSummaryDue(now: t0) == nil, "nothing failed")
        _ = throttle.failed(.sessionChange, session: "a", error: full, now: t0)
        #expect(throttle.nextSummaryDue(now: t0) == nil, "the one failure was logged in full")
        _ = throttle.failed(.sessionChange, session: "b", error: full, now: t0.adding(seconds: 10))
        #expect(throttle.nextSummaryDue(now: t0.adding(seconds: 10)) == t0.adding(seconds: 60))
        _ = throttle.failed(.snapshot, session: "a", error: full, now: t0.adding(seconds: 20))
        _ = throttle.failed(.snapshot, session: "a", error: full, now: t0.adding(seconds: 21))
        #expect(throttle.nextSummaryDue(now: t0.adding(seconds: 21)) == t0.adding(seconds: 60), "the earliest kind")
        #expect(throttle.dueSummaries(now: t0.adding(seconds: 60)).map(\.message)
                == ["storing a session's changes failed 2 times in 2 sessions in the last minute; each failure stopped its session"])
        #expect(throttle.nextSummaryDue(now: t0.adding(seconds: 60)) == t0.adding(seconds: 80), "the snapshots' window")
        _ = throttle.succeeded(.snapshot, now: t0.adding(seconds: 61))
        #expect(throttle.nextSummaryDue(now: t0.adding(seconds: 61)) == nil, "the notice told the snapshots' failures")
        #expect(throttle.isFailing(.sessionChange), "still failing, with nothing to tell")
    }

    /// A wall clock stepped back while failures were counted: the summary comes due a minute
    /// from the new now, not an hour later.
    @Test func aClockSteppedBackBringsTheNextSummaryForward() {
        var throttle = BackgroundWriteLogThrottle()
        _ = throttle.failed(.stillOnlineMark, session: "a", error: full, now: t0)
        _ = throttle.failed(.stillOnlineMark, session: "b", error: full, now: t0)
        let back = t0.adding(seconds: -3_600)
        #expect(throttle.nextSummaryDue(now: back) == back.adding(seconds: 60))
        #expect(throttle.dueSummaries(now: back.adding(seconds: 60)).map(\.message)
                == ["marking online intervals as still open failed 2 times in 2 sessions in the last minute"])
    }
}
