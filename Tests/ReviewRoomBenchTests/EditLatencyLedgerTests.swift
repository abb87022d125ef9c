import ReviewRoomBenchKit
import Testing

@Suite("Latency accounting: the edit ledger")
struct EditLatencyLedgerTests {
    @Test("Each arrival at another participant is one sample: arrival − send")
    func samplesPerReceiver() {
        var ledger = EditLatencyLedger()
        let key = EditKey(author: "p_1", opId: "7")
        ledger.sent(key, at: 1_000, receivers: 3)
        #expect(ledger.arrived(key, at: 1_500) == 500)
        #expect(ledger.arrived(key, at: 3_000) == 2_000)
        #expect(ledger.inFlight == 1)
        #expect(ledger.arrived(key, at: 11_000) == 10_000)
        #expect(ledger.inFlight == 0)
        var samples = ledger.samples
        #expect(samples.count == 3)
        #expect(samples.percentile(50) == 2_000)
        #expect(samples.maximum() == 10_000)
    }

    @Test("Same op id from two authors are two edits")
    func keyedByAuthorAndOpId() {
        var ledger = EditLatencyLedger()
        ledger.sent(EditKey(author: "a", opId: "1"), at: 100, receivers: 1)
        ledger.sent(EditKey(author: "b", opId: "1"), at: 200, receivers: 1)
        #expect(ledger.arrived(EditKey(author: "b", opId: "1"), at: 250) == 50)
        #expect(ledger.arrived(EditKey(author: "a", opId: "1"), at: 250) == 150)
    }

    @Test("An unknown or already completed edit is counted, not sampled")
    func unknownArrival() {
        var ledger = EditLatencyLedger()
        let key = EditKey(author: "a", opId: "1")
        #expect(ledger.arrived(key, at: 5) == nil)
        ledger.sent(key, at: 1, receivers: 1)
        _ = ledger.arrived(key, at: 2)
        #expect(ledger.arrived(key, at: 3) == nil)
        #expect(ledger.unknownArrivals == 2)
        #expect(ledger.samples.count == 1)
    }

    @Test("An arrival stamped before its send is rejected and counted")
    func negative() {
        var ledger = EditLatencyLedger()
        let key = EditKey(author: "a", opId: "1")
        ledger.sent(key, at: 1_000, receivers: 2)
        #expect(ledger.arrived(key, at: 999) == nil)
        #expect(ledger.negativeArrivals == 1)
        #expect(ledger.samples.count == 0)
        #expect(ledger.abandonInFlight() == 1)
        #expect(ledger.inFlight == 0)
    }

    @Test("An edit sent in the warm-up is delivered and checked but not sampled")
    func warmup() {
        var ledger = EditLatencyLedger()
        ledger.samplesFrom = 1_000
        let early = EditKey(author: "a", opId: "1"), onTime = EditKey(author: "a", opId: "2")
        ledger.sent(early, at: 999, receivers: 2)
        ledger.sent(onTime, at: 1_000, receivers: 1)
        #expect(ledger.arrived(early, at: 1_500) == nil)
        #expect(ledger.inFlight == 2)
        #expect(ledger.arrived(early, at: 1_600) == nil)
        #expect(ledger.arrived(onTime, at: 1_250) == 250)
        #expect(ledger.inFlight == 0)
        #expect(ledger.unknownArrivals == 0)
        #expect(ledger.samples.count == 1)
    }

    @Test("An edit with no other receivers is not tracked")
    func noReceivers() {
        var ledger = EditLatencyLedger()
        ledger.sent(EditKey(author: "a", opId: "1"), at: 1, receivers: 0)
        #expect(ledger.inFlight == 0)
    }

    @Test("A withdrawn edit (acked without an event) is neither in flight nor lost")
    func withdrawn() {
        var ledger = EditLatencyLedger()
        let key = EditKey(author: "a", opId: "9")
        ledger.sent(key, at: 10, receivers: 4)
        let first = ledger.withdraw(key), second = ledger.withdraw(key)
        #expect(first)
        #expect(!second)
        #expect(ledger.inFlight == 0)
        #expect(ledger.abandonInFlight() == 0)
        #expect(ledger.samples.count == 0)
    }
}
