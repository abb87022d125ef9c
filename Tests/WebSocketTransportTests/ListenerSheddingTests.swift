import Testing
@testable import WebSocketTransport

/// Connections shed while out of descriptors are logged the first time at once, then at most
/// once a second with the count since the last line.
@Suite("Listener shedding")
struct ListenerSheddingTests {
    @Test func nothingShedIsNothingToLog() {
        var shedding = ListenerShedding()
        #expect(shedding.due(now: 5_000_000_000) == nil)
    }

    @Test func theFirstIsLoggedAtOnceAndTheRestAtMostOnceASecond() {
        let second = ListenerShedding.intervalNanoseconds
        var shedding = ListenerShedding()
        for _ in 0..<3 { shedding.shed() }
        #expect(shedding.due(now: 10) == 3)
        for _ in 0..<5 { shedding.shed() }
        #expect(shedding.due(now: 10 + second - 1) == nil) // too soon: kept for the next line
        shedding.shed()
        #expect(shedding.due(now: 10 + second) == 6)
        #expect(shedding.due(now: 10 + 5 * second) == nil) // nothing since
    }
}
