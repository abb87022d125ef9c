import Logging
import ReviewRoomCore
@testable import ReviewRoomServer
import Testing

/// Connections closed with 4029 for flooding (more than 100 `rate_limited` refusals within 2 s),
/// through the daemon-wide throttle of forced closes, driven by hand with made-up instants: what
/// a script reconnecting from many tabs logs.
@Suite("Logging: flood closes throttled daemon-wide")
struct FloodCloseLogThrottleTests {
    let t0 = Timestamp(millisecondsSince1970: 1_900_000_000_000)
    let documented = "closed a connection with 4029: it kept sending after its messages were refused as rate_limited"

    private func close(_ kind: ForcedCloseLogKind, _ throttle: inout LogThrottle<ForcedCloseLogKind>, _ index: Int,
                       at: Timestamp) -> [ThrottledLogLine] {
        throttle.failed(kind, session: "s-\(index % 3)", details: [
            "participant": "p-\(index)", "connection": "c\(index)", "console": "false",
            "messages_per_second": "50", "message_burst": "200"], now: at)
    }

    @Test func theFirstIsLoggedInFullWithItsParticipantAndTheLimits() {
        var throttle = LogThrottle<ForcedCloseLogKind>()
        let lines = close(.rateLimit, &throttle, 1, at: t0)
        #expect(lines.count == 1)
        #expect(lines.first?.level == .warning)
        #expect(lines.first?.message.hasPrefix(documented) == true, "\(lines)")
        #expect(lines.first?.message.contains("messages_per_second") == true)
        #expect(lines.first?.metadata["participant"] == "p-1")
        #expect(lines.first?.metadata["messages_per_second"] == "50")
        #expect(lines.first?.metadata["message_burst"] == "200")
    }

    /// 40 closes within a minute: one full line, then one count in the flood's own wording.
    @Test func theRestOfAMinuteAreCountedInOneSummary() {
        var throttle = LogThrottle<ForcedCloseLogKind>()
        var logged: [ThrottledLogLine] = []
        for index in 0..<40 {
            logged += close(.rateLimit, &throttle, index, at: t0.adding(seconds: Double(index)))
        }
        #expect(logged.count == 1, "\(logged.dropFirst())")
        #expect(throttle.dueSummaries(now: t0.adding(seconds: 60)) == [ThrottledLogLine(
            level: .warning,
            message: "closed 39 more connections with 4029 for flooding in 3 sessions in the last minute "
                + "(each kept sending after rate_limited refusals)",
            metadata: ["failures": "40", "sessions": "3", "participants": "s-1/p-1,s-2/p-2,s-0/p-3,s-1/p-4,s-2/p-5"])])
    }

    /// A script flooding from many tabs of one invite link: the summary names that link's
    /// participant once, so IT knows whose link to reissue.
    @Test func aSummaryNamesWhoFloodedOnce() {
        var throttle = LogThrottle<ForcedCloseLogKind>()
        for index in 0..<30 {
            _ = throttle.failed(.rateLimit, session: "s-1", details: ["participant": "p-script", "connection": "c\(index)"],
                                now: t0.adding(seconds: Double(index)))
        }
        _ = throttle.failed(.rateLimit, session: "s-2", details: ["participant": "p-other"], now: t0.adding(seconds: 31))
        let summary = throttle.dueSummaries(now: t0.adding(seconds: 60))
        #expect(summary.map { $0.metadata["participants"] } == ["s-1/p-script,s-2/p-other"], "\(summary)")
        #expect(summary.first?.message.hasPrefix("closed 30 more connections with 4029 for flooding in 2 sessions") == true)
    }

    /// The two kinds are separate stretches: a flood close during a stretch of overflow closes is
    /// news of its own, logged in full, and each kind is summed up in its own words.
    @Test func floodsAndOverflowsAreThrottledApart() {
        var throttle = LogThrottle<ForcedCloseLogKind>()
        let overflow = close(.outboxOverflow, &throttle, 1, at: t0)
        _ = close(.outboxOverflow, &throttle, 2, at: t0.adding(seconds: 1))
        let flood = close(.rateLimit, &throttle, 3, at: t0.adding(seconds: 2))
        _ = close(.rateLimit, &throttle, 4, at: t0.adding(seconds: 3))
        #expect(overflow.map { $0.message.hasPrefix("closed a connection with 4029: it read too slowly") } == [true])
        #expect(flood.map { $0.message.hasPrefix(documented) } == [true], "\(flood)")
        let summaries = throttle.remainingSummaries(now: t0.adding(seconds: 4)).map(\.message).sorted()
        #expect(summaries.count == 2, "\(summaries)")
        #expect(summaries.first?.hasPrefix("closed 1 more connection with 4029 for flooding in 2 sessions") == true, "\(summaries)")
        #expect(summaries.last?.hasPrefix("closed 1 more connection with 4029 for outbox overflow in 2 sessions") == true)
    }
}
