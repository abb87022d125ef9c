import ArgumentParser
import Foundation
import ReviewRoomBenchKit

/// Scenario a's capacity curve: a's workload (8 clients per session, 1 edit/s each, side
/// traffic) with fewer sessions first, then a itself. Each step is reported as `a@CLIENTS`;
/// `a` stays the 1,000 × 8 figure, and the summary names the most clients whose p99
/// stayed within a's 15 ms goal — how many people typing at once this machine serves at that
/// latency with the driver beside the daemon.
struct CapacitySteps {
    /// Scale factor.
    var scale: Double
    /// The server under load.
    var kind: LoadTarget.Kind
    /// The peer's executable.
    var peerExecutable: String?
    /// The fractions of a's sessions to run before a itself (empty: a alone).
    var fractions: [Double]
    /// The default fractions: where a's p99 crosses 15 ms on two cores (≈ 4,000–6,000 clients).
    static let defaultFractions = [0.25, 0.5, 0.625, 0.75]

    /// Runs the steps, then a.
    func run() async throws -> [ScenarioResult] {
        let full = try ScenarioPlan.make("a", scale: scale)
        var results: [ScenarioResult] = []
        for fraction in fractions {
            var plan = full
            plan.sessions = max(1, Int((Double(full.sessions) * fraction).rounded()))
            var result = try await LoadBench.runOnce(plan, kind: kind, peerExecutable: peerExecutable)
            result.scenario = "a@\(plan.clients)"
            results.append(result)
        }
        results.append(try await LoadBench.runOnce(full, kind: kind, peerExecutable: peerExecutable))
        return results
    }

    /// The fractions named by `--a-steps` ("0.5,0.75", or "none" for a alone); without the
    /// option the default fractions, or one half-size step in a tiny (smoke) run.
    static func fractions(parsing text: String?, scale: Double = 1) throws -> [Double] {
        guard let text else { return scale < 0.01 ? [0.5] : defaultFractions }
        if text.trimmingCharacters(in: .whitespaces) == "none" { return [] }
        return try text.split(separator: ",").map { item in
            let word = item.trimmingCharacters(in: .whitespaces)
            guard let fraction = Double(word), fraction > 0, fraction < 1 else {
                throw ValidationError("--a-steps takes fractions of a's sessions in (0, 1) or 'none', not '\(word)'")
            }
            return fraction
        }
    }
}
