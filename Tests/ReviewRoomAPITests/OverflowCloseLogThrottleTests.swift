import Logging
import ReviewRoomCore
@testable import ReviewRoomServer
import Testing

/// Connections closed with 4029 for outbox overflow, through the same throttle as the store
/// write failures, driven by hand with made-up instants (no clock, no sleep): what a starved
/// server that leaves hundreds of readers behind at once logs.
@Suite("Logging: outbox overflow closes throttled daemon-wide")
struct OverflowCloseLogThrottleTests {
    let t0 = Timestamp(millisecondsSince1970: 1_900_000_000_000)
    let documented = "closed a connection with 4029: it read too slowly and its unsent output passed outbox_limit_bytes"

    private func close(_ throttle: inout LogThrottle<ForcedCloseLogKind>, _ index: Int, session: String = "s-1",
                       at: Timestamp) -> [ThrottledLogLine] {
        throttle.failed(.outboxOverflow, session: session,
                        details: ["participant": "p-\(index)", "connection": "c\(index)", "console": "false"], now: at)
    }

    @Test func theFirstIsLoggedInFullWithItsParticipantAndConnection() {
        var throttle = LogThrottle<ForcedCloseLogKind>()
        let lines = close(&throttle, 1, at: t0)
        #expect(lines.count == 1)
        #expect(lines.first?.level == .warning)
        #expect(lines.first?.message.hasPrefix(documented) == true, "\(lines)")
        #expect(lines.first?.metadata == ["session": "s-1", "participant": "p-1", "connection": "c1", "console": "false"])
    }

    /// 300 readers closed within a minute: one full line, then one count when the minute is over.
    @Test func theRestOfAMinuteAreCountedInOneSummary() {
        var throttle = LogThrottle<ForcedCloseLogKind>()
        var logged = close(&throttle, 0, at: t0)
        for index in 1..<300 {
            logged += close(&throttle, index, session: "s-\(index % 7)", at: t0.adding(seconds: Double(index) * 0.1))
        }
        #expect(logged.count == 1, "\(logged.dropFirst())")
        #expect(throttle.nextSummaryDue(now: t0.adding(seconds: 30)) == t0.adding(seconds: 60))
        #expect(throttle.dueSummaries(now: t0.adding(seconds: 59.9)).isEmpty)
        let summary = throttle.dueSummaries(now: t0.adding(seconds: 60))
        #expect(summary == [ThrottledLogLine(
            level: .warning,
            message: "closed 299 more connections with 4029 for outbox overflow in 7 sessions in the last minute "
                + "(each read too slowly for outbox_limit_bytes)",
            metadata: ["failures": "300", "sessions": "7", "participants": "s-1/p-1,s-2/p-2,s-3/p-3,s-4/p-4,s-5/p-5"])],
                "failures counts the window's closes, the one logged too; the first five others are named")
        #expect(throttle.nextSummaryDue(now: t0.adding(seconds: 60)) == nil, "everything was told")
    }

    /// Closes that keep coming give one count per minute, never a line each.
    @Test func aSteadyTrickleGivesOneSummaryAMinute() {
        var throttle = LogThrottle<ForcedCloseLogKind>()
        var logged: [ThrottledLogLine] = []
        for index in 0..<180 {
            logged += close(&throttle, index, at: t0.adding(seconds: Double(index)))
        }
        #expect(logged.map(\.message).map { $0.hasPrefix(documented) } == [true, false, false])
        // The first minute's 60 closes less the one logged in full, then the second minute's 60.
        #expect(logged.dropFirst().map { String($0.message.prefix(27)) } == ["closed 59 more connections ", "closed 60 more connections "])
    }

    /// Once a quiet interval told everything, the next close is news again: logged in full at
    /// once (with its participant), not held back as "1 more" for a minute.
    @Test func afterAQuietIntervalTheNextIsLoggedInFullAgain() {
        var throttle = LogThrottle<ForcedCloseLogKind>()
        _ = close(&throttle, 1, at: t0)
        _ = close(&throttle, 2, at: t0.adding(seconds: 5))
        #expect(throttle.dueSummaries(now: t0.adding(seconds: 60)).count == 1)
        let later = close(&throttle, 3, at: t0.adding(seconds: 130))
        #expect(later.map { $0.message.hasPrefix(documented) } == [true], "\(later)")
        #expect(later.first?.metadata["participant"] == "p-3")
        // A lone close with nothing after it needs no summary; the next one a minute on is news too.
        let alone = close(&throttle, 4, at: t0.adding(seconds: 200))
        #expect(alone.map { $0.message.hasPrefix(documented) } == [true], "\(alone)")
    }

    /// Within the interval after a summary, a close is counted, not logged in full.
    @Test func soonAfterASummaryACloseIsCountedNotLogged() {
        var throttle = LogThrottle<ForcedCloseLogKind>()
        _ = close(&throttle, 1, at: t0)
        _ = close(&throttle, 2, at: t0.adding(seconds: 1))
        #expect(throttle.dueSummaries(now: t0.adding(seconds: 60)).count == 1)
        #expect(close(&throttle, 3, at: t0.adding(seconds: 70)).isEmpty)
        #expect(throttle.remainingSummaries(now: t0.adding(seconds: 71)).map(\.message)
                == ["closed 1 more connection with 4029 for outbox overflow in 1 session in the last minute "
                    + "(each read too slowly for outbox_limit_bytes)"])
    }
}
