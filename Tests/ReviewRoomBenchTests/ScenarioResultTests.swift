import ReviewRoomBenchKit
import Testing

@Suite("Scenario result JSON line")
struct ScenarioResultTests {
    @Test("Keys come in the documented order; readyMs only when set")
    func line() {
        var result = ScenarioResult(
            bench: "load", scenario: "a", sessions: 2, clients: 16,
            latency: LatencySummary(count: 10, p50Ms: 1.5, p90Ms: 2, p99Ms: 3.25, maxMs: 4.0004),
            framesPerSec: 1000, editsPerSec: 16, errors: 0, cpuSecPer1kFrames: 0.0126, rssBytesPerConn: 5400)
        #expect(result.jsonLine == #"{"bench":"load","scenario":"a","sessions":2,"clients":16,"p50Ms":1.5,"p90Ms":2,"p99Ms":3.25,"maxMs":4,"framesPerSec":1000,"editsPerSec":16,"errors":0,"cpuSecPer1kFrames":0.013,"rssBytesPerConn":5400}"#)
        result.readyMs = 812.5
        #expect(result.jsonLine.hasSuffix(#""rssBytesPerConn":5400,"readyMs":812.5}"#))
    }
}
