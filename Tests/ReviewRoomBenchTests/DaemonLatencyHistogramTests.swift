import Foundation
import ReviewRoomBenchKit
import Testing

/// The daemon's commit histogram read from `/metrics` text: known text in, known figures out.
@Suite struct DaemonLatencyHistogramTests {
    static func text(_ counts: [Int], sum: Double) -> String {
        let bounds = ["0.001", "0.01", "0.05", "+Inf"]
        var lines = ["# HELP reviewroom_commit_latency_seconds Seconds from handing events to the store to their being durable.",
                     "# TYPE reviewroom_commit_latency_seconds histogram",
                     "reviewroom_connections 12"]
        for (bound, count) in zip(bounds, counts) { lines.append("reviewroom_commit_latency_seconds_bucket{le=\"\(bound)\"} \(count)") }
        lines += ["reviewroom_commit_latency_seconds_sum \(sum)", "reviewroom_commit_latency_seconds_count \(counts.last ?? 0)"]
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("two readings give the window's commits: their count, mean and percentile bounds")
    func theWindowIsTheDifference() throws {
        let start = try #require(DaemonLatencyHistogram(metricsText: Self.text([10, 20, 20, 20], sum: 0.05)))
        let end = try #require(DaemonLatencyHistogram(metricsText: Self.text([60, 160, 218, 220], sum: 1.05)))
        let window = end.since(start)
        #expect(window.count == 200)
        #expect(abs(window.meanMilliseconds - 5) < 1e-9, "1.0 s over 200 commits")
        // 50 within 1 ms, 140 within 10 ms, 198 within 50 ms, 2 beyond.
        #expect(window.percentileBoundMilliseconds(25) == 1)
        #expect(window.percentileBoundMilliseconds(50) == 10)
        #expect(window.percentileBoundMilliseconds(99) == 50)
        #expect(window.percentileBoundMilliseconds(100) == .infinity)
    }

    @Test("the send wait is read by its own name, beside the commits")
    func readsOtherHistogramsByName() throws {
        let text = Self.text([1, 2, 3, 4], sum: 0.1) + Self.text([5, 6, 7, 8], sum: 0.2)
            .replacingOccurrences(of: "reviewroom_commit_latency_seconds", with: DaemonLatencyHistogram.sendWait)
        let commits = try #require(DaemonLatencyHistogram(metricsText: text))
        let waits = try #require(DaemonLatencyHistogram(metricsText: text, name: DaemonLatencyHistogram.sendWait))
        #expect(commits.count == 4 && waits.count == 8)
        #expect(waits.buckets.map(\.count) == [5, 6, 7, 8])
        #expect(DaemonLatencyHistogram(metricsText: text, name: DaemonLatencyHistogram.receiveHandling) == nil)
    }

    @Test("text without the histogram, or without its sum or count, reads as nil")
    func missingHistogramIsNil() {
        #expect(DaemonLatencyHistogram(metricsText: "reviewroom_connections 3\n") == nil)
        #expect(DaemonLatencyHistogram(metricsText: "") == nil)
        let noCount = Self.text([1, 2, 3, 4], sum: 0.1).split(separator: "\n").filter { !$0.contains("_count") }.joined(separator: "\n")
        #expect(DaemonLatencyHistogram(metricsText: noCount) == nil)
    }
}
