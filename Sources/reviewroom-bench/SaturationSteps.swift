import ArgumentParser
import Foundation
import ReviewRoomBenchKit

/// Scenario e: 100 sessions × 20 clients typing ever faster — bursts at rising per-client
/// rates, then closed loop (each client's next edit as soon as its last is acked); every step
/// runs (a fixed, bounded list), so the report shows the whole curve. Reports every step and, as `e`, the step with the most delivered frames/s
/// whose p99 stayed within 50 ms (or the first step, if none did).
struct SaturationSteps {
    /// Scale factor.
    var scale: Double
    /// The server under load.
    var kind: LoadTarget.Kind
    /// The peer's executable.
    var peerExecutable: String?
    /// The steps to run instead of the whole list (nil is closed loop), if given.
    var only: [Double?]? = nil
    /// The p99 bound of the scenario.
    static let p99BoundMs = 50.0

    /// Runs the steps.
    func run() async throws -> [ScenarioResult] {
        let base = try ScenarioPlan.make("e", scale: scale)
        // Finer steps where the curves of both servers cross the p99 bound on 2 cores.
        let rates: [Double?] = only ?? (scale < 0.01 ? [2, nil] : [1, 1.5, 1.75, 2, 2.5, 2.75, 3, 4, 8, nil])
        var steps: [ScenarioResult] = []
        for rate in rates {
            var plan = base
            plan.typing = rate.map { .bursts(editsPerSecond: $0) } ?? .closedLoop
            var result = try await LoadBench.runOnce(plan, kind: kind, peerExecutable: peerExecutable)
            result.scenario = rate.map { "e@\($0.rounded() == $0 ? String(Int($0)) : String($0))" } ?? "e@ack"
            steps.append(result)
        }
        let passing = steps.filter { $0.latency.p99Ms <= Self.p99BoundMs && $0.errors == 0 }
        var best = passing.max(by: { $0.framesPerSec < $1.framesPerSec }) ?? steps[0]
        best.scenario = "e"
        return steps + [best]
    }

    /// The steps named by `--steps` ("1.5,ack"), nil without the option.
    static func rates(parsing text: String?) throws -> [Double?]? {
        guard let text else { return nil }
        return try text.split(separator: ",").map { item -> Double? in
            let word = item.trimmingCharacters(in: .whitespaces)
            if word == "ack" { return nil }
            guard let rate = Double(word), rate > 0, rate.isFinite else {
                throw ValidationError("--steps takes edits/s per client above 0 or 'ack', not '\(word)'")
            }
            return rate
        }
    }
}
