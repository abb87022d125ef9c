import ReviewRoomBenchKit
import Testing

/// The driver's timer queue: items come out when due, earliest first, once, and a reschedule
/// replaces the earlier time.
@Suite struct DueQueueTests {
    @Test func popsOnlyWhatIsDueEarliestFirst() {
        var queue = DueQueue(items: 5)
        for (item, due) in [(0, 50), (1, 10), (2, 30), (3, 20), (4, 40)] { queue.schedule(item, at: UInt64(due)) }
        #expect(queue.popDue(now: 5) == [])
        #expect(queue.popDue(now: 30) == [1, 3, 2])
        #expect(queue.popDue(now: 100) == [4, 0])
        #expect(queue.popDue(now: .max - 1) == [])
    }

    @Test func aPoppedItemIsNoLongerScheduled() {
        var queue = DueQueue(items: 2)
        queue.schedule(0, at: 10)
        #expect(queue.due(0) == 10)
        #expect(queue.popDue(now: 10) == [0])
        #expect(queue.due(0) == nil)
        #expect(queue.popDue(now: 20) == [])
    }

    @Test func reschedulingReplacesTheEarlierTime() {
        var queue = DueQueue(items: 3)
        queue.schedule(0, at: 10)
        queue.schedule(1, at: 20)
        queue.schedule(0, at: 30) // later: its entry at 10 is stale
        #expect(queue.popDue(now: 25) == [1])
        queue.schedule(2, at: 40)
        queue.schedule(2, at: 5) // earlier
        #expect(queue.popDue(now: 35) == [2, 0])
        #expect(queue.popDue(now: 100) == [])
    }

    @Test func unschedulingAndSchedulingBackYieldsTheItemOnce() {
        var queue = DueQueue(items: 1)
        queue.schedule(0, at: 10)
        queue.schedule(0, at: .max)
        #expect(queue.due(0) == nil)
        #expect(queue.popDue(now: 50) == [])
        queue.schedule(0, at: 10) // the old entry at 10 and this one must not both come out
        queue.schedule(0, at: 20)
        queue.schedule(0, at: 10)
        #expect(queue.popDue(now: 50) == [0])
    }

    @Test func manyItemsComeOutSorted() {
        var queue = DueQueue(items: 1000)
        var random = UInt64(0x9E37_79B9_7F4A_7C15)
        var expected: [(UInt64, Int)] = []
        for item in 0..<1000 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let due = random >> 44
            queue.schedule(item, at: due)
            expected.append((due, item))
        }
        let popped = queue.popDue(now: .max - 1)
        let dues = popped.map { item in expected[item].0 }
        #expect(popped.count == 1000)
        #expect(Set(popped).count == 1000)
        #expect(dues == dues.sorted())
    }
}
