import Foundation
import ReviewRoomBenchKit
import Testing

/// The split of a delivery at the server's `at`: known stamps in, known parts out.
@Suite struct ServerStampSplitTests {
    @Test("RFC 3339 times as PROTOCOL writes them read as the epoch milliseconds Foundation gives")
    func readsProtocolTimes() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for text in ["1970-01-01T00:00:00.000Z", "2026-11-29T10:00:01.004Z", "2000-02-29T23:59:59.999Z",
                     "2026-03-01T00:00:00.500Z", "1969-12-31T23:59:59.001Z"] {
            let date = try #require(formatter.date(from: text))
            let expected = Int64((date.timeIntervalSince1970 * 1000).rounded())
            #expect(ServerStampSplit.epochMilliseconds(rfc3339: Array(text.utf8)) == expected, "\(text)")
        }
    }

    @Test("any other shape is nil", arguments: ["", "2026-11-29T10:00:01Z", "2026-11-29 10:00:01.004Z",
                                              "2026-11-29T10:00:01.004+00:00", "2026-13-29T10:00:01.004Z",
                                              "2026-11-29T24:00:01.004Z", "2026-11-29T10:00:01.0a4Z"])
    func refusesOtherShapes(text: String) {
        #expect(ServerStampSplit.epochMilliseconds(rfc3339: Array(text.utf8)) == nil)
    }

    @Test("each delivery is split at the server's stamp put on the monotonic clock; a negative part reads 0")
    func splitsAtTheServersStamp() {
        // Monotonic 5 s is wall 1,000,000 ms: the offset is 1,000,000 ms − 5 s.
        let offset: Int64 = 1_000_000 * 1_000_000 - 5_000_000_000
        var split = ServerStampSplit(wallMinusMonotonic: offset)
        // Sent at 5.000 s, applied at wall 1,000,003 ms (5.003 s), arrived at 5.010 s.
        split.record(sentAt: 5_000_000_000, serverAtMilliseconds: 1_000_003, arrivedAt: 5_010_000_000)
        // Sent at 5.0005 s, stamped at 1,000,000 ms (5.000 s, the stamp's rounding), arrived 5.002 s.
        split.record(sentAt: 5_000_500_000, serverAtMilliseconds: 1_000_000, arrivedAt: 5_002_000_000)
        var toServer = split.toServer
        var fromServer = split.fromServer
        #expect(toServer.percentile(100) == 3_000_000)
        #expect(toServer.percentile(0) == 0)
        #expect(fromServer.percentile(100) == 7_000_000)
        #expect(fromServer.percentile(0) == 2_000_000)
        #expect(toServer.count == 2 && fromServer.count == 2)
    }
}
