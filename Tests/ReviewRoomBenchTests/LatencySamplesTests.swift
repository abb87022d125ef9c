import ReviewRoomBenchKit
import Testing

@Suite("Latency accounting: percentiles")
struct LatencySamplesTests {
    @Test("1…100 ms in shuffled order gives nearest-rank percentiles")
    func hundredSamples() {
        var samples = LatencySamples()
        for ms in (1 ... 100).shuffled() { samples.record(nanoseconds: UInt64(ms) * 1_000_000) }
        #expect(samples.count == 100)
        #expect(samples.percentile(50) == 50_000_000)
        #expect(samples.percentile(90) == 90_000_000)
        #expect(samples.percentile(99) == 99_000_000)
        #expect(samples.percentile(0) == 1_000_000)
        #expect(samples.maximum() == 100_000_000)
    }

    @Test("A single outlier among 1,000 shows at p99.9 and max but not at p99")
    func outlier() {
        var samples = LatencySamples()
        for _ in 0 ..< 999 { samples.record(nanoseconds: 2_000_000) }
        samples.record(nanoseconds: 500_000_000)
        let summary = samples.summary()
        #expect(summary.p99Ms == 2)
        #expect(summary.maxMs == 500)
        #expect(samples.percentile(99.9) == 2_000_000)
        #expect(samples.percentile(99.95) == 500_000_000)
    }

    @Test("Empty samples have no percentiles and a zero summary")
    func empty() {
        var samples = LatencySamples()
        #expect(samples.percentile(50) == nil)
        #expect(samples.summary() == LatencySummary(count: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0))
    }

    @Test("Merging two sets is the same as recording all samples in one")
    func merge() {
        var a = LatencySamples(), b = LatencySamples(), all = LatencySamples()
        for value in [5, 1, 9] as [UInt64] { a.record(nanoseconds: value); all.record(nanoseconds: value) }
        for value in [3, 7] as [UInt64] { b.record(nanoseconds: value); all.record(nanoseconds: value) }
        a.merge(b)
        #expect(a.percentile(50) == all.percentile(50))
        #expect(a.percentile(50) == 5)
        #expect(a.count == 5)
    }

    @Test("Out-of-range percentiles clamp to min and max")
    func clamps() {
        var samples = LatencySamples()
        for value in [30, 10, 20] as [UInt64] { samples.record(nanoseconds: value) }
        #expect(samples.percentile(-5) == 10)
        #expect(samples.percentile(250) == 30)
    }
}
