import Foundation
import ReviewRoomTesting
import Testing

/// Runs `reviewroom-bench store` briefly on small session counts: every closed-loop and paced
/// row is printed as JSON with acknowledged appends and no refused one. No timing assertions.
@Suite("Store benchmark smoke run")
struct StoreSmokeTests {
    @Test func shortRunPrintsEveryRowWithAcknowledgedAppends() async throws {
        let bench = try BuildProducts.executable(named: "reviewroom-bench")
        let scratch = try TemporaryDirectory.make(prefix: "reviewroom-store-smoke")
        let result = try await ChildProcess.run([bench.path, "store", "--seconds", "0.2", "--sessions", "1", "3",
                                                 "--paced-sessions", "3", "--scratch", scratch.path], timeout: .seconds(120))
        #expect(result.status == 0, "stderr: \(result.stderr.suffix(2000))")
        let objects = try result.stdout.split(separator: "\n").filter { $0.hasPrefix("{") }.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let closed = objects.filter { $0["bench"] as? String == "store" }
        let paced = objects.filter { $0["bench"] as? String == "store-paced" }
        // Two modes × two session counts, and one paced row per mode.
        #expect(closed.count == 4, "\(result.stdout)")
        #expect(paced.count == 2, "\(result.stdout)")
        for row in closed + paced { #expect(LoadSmokeTests.number(row["appendsPerSec"]) > 0, "\(row)") }
        for row in paced {
            #expect(row["failures"] as? Int == 0, "\(row)")
            #expect(LoadSmokeTests.number(row["p99Ms"]) >= LoadSmokeTests.number(row["p50Ms"]), "\(row)")
        }
        // Each run's temporary databases are removed when it ends.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }
}
