import Testing
@testable import WebSocketTransport

/// A refused Origin is logged once per origin per interval, whatever a retrying page does.
@Suite("Refusal log throttle")
struct RefusalLogThrottleTests {
    /// Which of `calls` (key, time) the throttle lets through, in order.
    private func decisions(_ throttle: inout RefusalLogThrottle, _ calls: [(String, UInt64)]) -> [Bool] {
        calls.map { throttle.shouldLog($0.0, now: $0.1) }
    }

    @Test func oncePerKeyPerInterval() {
        var throttle = RefusalLogThrottle(intervalNanoseconds: 60)
        let logged = decisions(&throttle, [("http://a.example", 0), ("http://a.example", 59), ("http://b.example", 59),
                                           ("http://a.example", 60), ("http://a.example", 100)])
        #expect(logged == [true, false, true, true, false])
    }

    /// A script making up a new Origin for every attempt wrote a line for each (a security
    /// audit, session 51): past the bound over all keys, a new key logs nothing until an
    /// interval has passed since the lines that filled it.
    @Test func linesOverAllKeysAreBounded() {
        var throttle = RefusalLogThrottle(intervalNanoseconds: 100, linesPerInterval: 2)
        let logged = decisions(&throttle, [("o1", 0), ("o2", 10), ("o3", 20), ("o4", 99), ("o5", 100), ("o6", 105), ("o7", 110)])
        #expect(logged == [true, true, false, false, true, false, true])
    }

    /// A flood of made-up origins is bounded: the oldest are forgotten (and may log again).
    @Test func memoryIsBounded() {
        var throttle = RefusalLogThrottle(intervalNanoseconds: 1_000, capacity: 3)
        let logged = decisions(&throttle, [("o1", 0), ("o2", 1), ("o3", 2), ("o4", 3), ("o4", 5), ("o3", 5), ("o1", 5)])
        // o1, the oldest, was forgotten to make room for o4, so it logs again.
        #expect(logged == [true, true, true, true, false, false, true])
    }

    /// A line held back is counted, and the count comes with the next line let through for it
    /// (lws' "accept: errno 24" at every turn of its loop becomes one line a second with a count).
    @Test func heldBackLinesAreCountedIntoTheNext() {
        var throttle = RefusalLogThrottle(intervalNanoseconds: 100)
        let admitted = [("accept", 0), ("accept", 10), ("accept", 20), ("other", 30), ("accept", 99), ("accept", 100),
                        ("accept", 150), ("accept", 250)].map { throttle.admit($0.0, now: UInt64($0.1)) }
        #expect(admitted == [0, nil, nil, 0, nil, 3, nil, 1])
    }
}
