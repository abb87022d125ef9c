import ReviewRoomBenchKit
import Testing

/// Latencies laid out over the run: known sends in, known slices and shares out.
@Suite struct LatencyTimelineTests {
    private let ms: UInt64 = 1_000_000

    @Test("each delivery lands in the slice of its send time, with its counts and slowest parts")
    func slicesBySendTime() throws {
        var timeline = LatencyTimeline(origin: 1_000 * ms, width: 100 * ms, threshold: 15 * ms)
        timeline.record(sentAt: 1_000 * ms, latency: 5 * ms, toServer: 2 * ms, fromServer: 3 * ms)
        timeline.record(sentAt: 1_099 * ms, latency: 20 * ms, toServer: 4 * ms, fromServer: 16 * ms)
        timeline.record(sentAt: 1_350 * ms, latency: 15 * ms)
        timeline.record(sentAt: 999 * ms, latency: 90 * ms)  // before the origin: ignored
        #expect(timeline.slices.count == 4)
        let first = timeline.slices[0]
        #expect(first.start == 0 && first.count == 2 && first.over == 1)
        #expect(first.slowest == 20 * ms && first.slowestToServer == 4 * ms && first.slowestFromServer == 16 * ms)
        #expect(timeline.slices[1].count == 0 && timeline.slices[2].count == 0)
        // Exactly the threshold is not over it.
        #expect(timeline.slices[3].start == 300 * ms && timeline.slices[3].count == 1 && timeline.slices[3].over == 0)
        #expect(timeline.totalOver == 1)
    }

    @Test("the worst slices come slowest first, empty slices never, ties earlier first")
    func worstSlices() {
        var timeline = LatencyTimeline(origin: 0, width: 10 * ms, threshold: ms)
        for (slice, latency) in [(0, 4), (1, 9), (3, 9), (4, 2)] {
            timeline.record(sentAt: UInt64(slice) * 10 * ms, latency: UInt64(latency) * ms)
        }
        #expect(timeline.worst(3).map(\.start) == [10 * ms, 30 * ms, 0])
        #expect(timeline.worst(10).count == 4)
        #expect(timeline.worst(0).isEmpty)
    }

    @Test("a tail bunched into one slice is told from one spread over all of them")
    func bunchedAgainstSpread() {
        var bunched = LatencyTimeline(origin: 0, width: ms, threshold: 10)
        var spread = LatencyTimeline(origin: 0, width: ms, threshold: 10)
        for slice in 0..<20 {
            for _ in 0..<10 {
                bunched.record(sentAt: UInt64(slice) * ms, latency: slice == 7 ? 50 : 5)
                spread.record(sentAt: UInt64(slice) * ms, latency: 50)
            }
        }
        #expect(bunched.overShareOfBusiest(fraction: 0.1) == 1)
        // Two slices of twenty hold two tenths of an even tail.
        #expect(spread.overShareOfBusiest(fraction: 0.1) == 0.1)
        #expect(LatencyTimeline(origin: 0, width: ms, threshold: 10).overShareOfBusiest(fraction: 0.1) == 0)
    }
}
