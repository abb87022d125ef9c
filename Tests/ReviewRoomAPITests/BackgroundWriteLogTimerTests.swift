import Logging
import ReviewRoomCore
@testable import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// The daemon-wide ``BackgroundWriteLog`` sums up what it only counted on its own, on the
/// sessions' clock (a ``ManualSessionClock`` here, moved by hand, never slept on): failures
/// that stop coming are still told once their minute is over.
@Suite("Logging: counted background write failures are summed up without a further write")
struct BackgroundWriteLogTimerTests {
    struct DiskFull: Error, CustomStringConvertible {
        var description: String { "diskFull: database or disk is full" }
    }

    let t0 = Timestamp(millisecondsSince1970: 1_900_000_000_000)
    let clock: ManualSessionClock
    let log = AwaitableLog<String>(name: "daemon log")
    let writes: BackgroundWriteLog
    let logger: Logger

    init() {
        let clock = ManualSessionClock(start: t0)
        let sink = DaemonLogHandler.Sink { [log] in log.append($0) }
        let logger = Logger(label: "test.writes") {
            DaemonLogHandler(label: $0, journal: true, control: LogLevelControl(level: .info), sink: sink)
        }
        self.clock = clock
        self.logger = logger
        writes = BackgroundWriteLog(logger: logger, clock: clock)
    }

    /// With the daemon's settling time, a success after failures is told by the timer once
    /// successes have gone on for it with no failure, with no further write; a failure before
    /// then keeps the stretch going, and is not logged in full again.
    @Test func aRecoveryIsToldOnceItSettledWithNoFurtherWrite() async throws {
        let settling = BackgroundWriteLog(logger: logger, clock: clock, throttle: BackgroundWriteLogThrottle(settleSeconds: 10))
        settling.failed(.attendanceJoined, session: SessionID("s-1"), error: DiskFull())
        clock.advance(to: t0.adding(seconds: 1))
        settling.succeeded(.attendanceJoined)
        clock.advance(to: t0.adding(seconds: 5))
        settling.failed(.attendanceJoined, session: SessionID("s-2"), error: DiskFull())
        clock.advance(to: t0.adding(seconds: 6))
        settling.succeeded(.attendanceJoined)
        #expect(log.entries.count == 1, "one failure line, no notice: \(log.entries)")
        await untilTheTimerSleeps()
        clock.advance(to: t0.adding(seconds: 15.999))
        #expect(log.entries.count == 1, "\(log.entries)")
        clock.advance(to: t0.adding(seconds: 16))
        let notice = try await summary("succeeds again")
        #expect(notice.hasPrefix("<5>test.writes: recording that a participant came online succeeds again after 2 failures"), "\(notice)")
        #expect(!settling.isTimerArmed)
    }

    func fail(_ kind: BackgroundWriteKind, _ session: String, at seconds: Double) {
        clock.advance(to: t0.adding(seconds: seconds))
        writes.failed(kind, session: SessionID(session), error: DiskFull())
    }

    /// The summary's line, once it is logged (the timer's task runs on its own).
    func summary(_ text: String) async throws -> String {
        try await log.first(where: { $0.contains(text) }, timeout: .seconds(30))
    }

    /// Yields until the timer's task sleeps on the clock (it runs on its own), so a stop has a
    /// sleep to cancel.
    func untilTheTimerSleeps() async {
        for _ in 0..<100_000 where clock.sleeperCount == 0 { await Task.yield() }
        #expect(clock.sleeperCount == 1, "the timer sleeps until the summary is due")
    }

    @Test func aLoneCountedFailureIsSummedUpAfterTheIntervalWithNoFurtherWrite() async throws {
        fail(.stillOnlineMark, "s-1", at: 0)
        fail(.stillOnlineMark, "s-2", at: 5)
        #expect(log.entries.count == 1, "the first failure only: \(log.entries)")
        clock.advance(to: t0.adding(seconds: 59.999))
        #expect(log.entries.count == 1, "not due yet: \(log.entries)")
        clock.advance(to: t0.adding(seconds: 60))
        let line = try await summary("failed")
        #expect(line == "<3>test.writes: marking online intervals as still open failed 2 times in 2 sessions in the last minute error=diskFull: database or disk is full failures=2 sessions=2\n")
        // Nothing is left untold: the timer stops, and later minutes add nothing.
        #expect(!writes.isTimerArmed)
        clock.advance(to: t0.adding(seconds: 600))
        #expect(clock.sleeperCount == 0)
        #expect(log.entries.count == 2, "\(log.entries)")
    }

    @Test func aFailureLoggedInFullArmsNoTimer() {
        fail(.snapshot, "s-1", at: 0)
        #expect(log.entries.count == 1)
        #expect(!writes.isTimerArmed, "nothing was only counted")
        #expect(clock.sleeperCount == 0)
    }

    /// After a summary the timer sleeps again only if more failures were counted, and then
    /// until a minute after that summary.
    @Test func theTimerComesBackForTheNextWindowsFailures() async throws {
        fail(.attendanceLeft, "a", at: 0)
        fail(.attendanceLeft, "b", at: 1)
        clock.advance(to: t0.adding(seconds: 60))
        _ = try await summary("failed 2 times in 2 sessions")
        fail(.attendanceLeft, "c", at: 70)
        #expect(writes.isTimerArmed)
        clock.advance(to: t0.adding(seconds: 119.999))
        #expect(!log.entries.contains { $0.contains("failed 1 time") })
        clock.advance(to: t0.adding(seconds: 120))
        let line = try await summary("failed 1 time in 1 session")
        #expect(line.hasPrefix("<3>test.writes: recording that a participant went offline failed 1 time in 1 session in the last minute"))
    }

    /// A success before the minute is over tells the failures in its notice; the timer then
    /// has nothing to say.
    @Test func aSuccessBeforeTheSummaryLeavesTheTimerNothingToSay() async {
        fail(.stillOnlineMark, "a", at: 0)
        fail(.stillOnlineMark, "b", at: 1)
        await untilTheTimerSleeps()
        writes.succeeded(.stillOnlineMark)
        #expect(log.entries.last?.hasPrefix("<5>test.writes: marking online intervals as still open succeeds again after 2 failures") == true,
                "\(log.entries)")
        #expect(!writes.isTimerArmed, "nothing is left to sum up")
        #expect(clock.sleeperCount == 0)
        clock.advance(to: t0.adding(seconds: 120))
        #expect(log.entries.count == 2, "\(log.entries)")
    }

    /// At shutdown the counted failures are told at once and the timer stops sleeping.
    @Test func logRemainingTellsTheCountedFailuresAndStopsTheTimer() async {
        fail(.interruptedAttendance, "a", at: 0)
        fail(.interruptedAttendance, "b", at: 2)
        #expect(writes.isTimerArmed)
        await untilTheTimerSleeps()
        writes.logRemaining()
        #expect(log.entries.last?.hasPrefix("<3>test.writes: closing online intervals left open failed 2 times in 2 sessions") == true,
                "\(log.entries)")
        #expect(!writes.isTimerArmed)
        #expect(clock.sleeperCount == 0, "the timer's sleep is cancelled")
    }
}
