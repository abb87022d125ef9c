/// One load scenario, already scaled: how many sessions and clients, how they type, how long.
struct ScenarioPlan: Sendable {
    /// How clients type.
    enum Typing: Sendable, Equatable {
        /// Nobody types (idle connections).
        case idle
        /// Bursts of keystrokes averaging `editsPerSecond` per client.
        case bursts(editsPerSecond: Double)
        /// Each client sends its next edit as soon as the previous one is acked.
        case closedLoop
    }

    /// Scenario letter.
    var letter: String
    /// What it is, for the table.
    var title: String
    /// Sessions to create.
    var sessions: Int
    /// WebSocket clients per session (the facilitator's own invite included).
    var clientsPerSession: Int
    /// Typing model.
    var typing: Typing
    /// Workload seconds measured, after the warm-up.
    var seconds: Double
    /// Seconds the workload runs after everyone joined before the window opens: edits sent
    /// then are delivered and checked but not sampled, frames and CPU not counted. Every
    /// client's first edits (spread over the first second) start together, and each note's
    /// first edit is its first write; those seconds are a start, not the steady state.
    var warmupSeconds: Double = 0
    /// Whether clients also raise hands, move cursors, ping and the facilitator advances phases.
    var sideTraffic: Bool

    /// All clients.
    var clients: Int { sessions * clientsPerSession }

    /// The plan for `letter` at `scale` (1 = the figures; `tiny` ≈ 0.002). Scale
    /// multiplies the number of sessions; a session keeps its size (8, 50 or 20 people) except
    /// in tiny runs.
    static func make(_ letter: String, scale: Double) throws -> ScenarioPlan {
        func count(_ full: Int, minimum: Int) -> Int { max(minimum, Int((Double(full) * scale).rounded())) }
        let seconds = scale < 0.01 ? 3.0 : max(5, 20 * min(1, scale * 2))
        let warmup = scale < 0.01 ? 0.5 : 2.0
        switch letter {
        case "a":
            return ScenarioPlan(letter: "a", title: "1,000 sessions × 8 clients, 1 edit/s each",
                                sessions: count(1000, minimum: 2), clientsPerSession: 8,
                                typing: .bursts(editsPerSecond: 1), seconds: seconds, warmupSeconds: warmup, sideTraffic: true)
        case "b":
            return ScenarioPlan(letter: "b", title: "10,000 idle connections",
                                sessions: count(1250, minimum: 2), clientsPerSession: 8,
                                typing: .idle, seconds: min(seconds, 3), sideTraffic: false)
        case "c":
            return ScenarioPlan(letter: "c", title: "1 session × 50 clients all typing",
                                sessions: 1, clientsPerSession: scale < 0.01 ? 6 : 50,
                                typing: .bursts(editsPerSecond: 2), seconds: seconds, warmupSeconds: warmup, sideTraffic: true)
        case "e":
            return ScenarioPlan(letter: "e", title: "saturation: 100 sessions × 20 clients",
                                sessions: count(100, minimum: 2), clientsPerSession: scale < 0.01 ? 4 : 20,
                                typing: .closedLoop, seconds: scale < 0.01 ? 3 : max(4, 8 * min(1, scale * 2)),
                                warmupSeconds: warmup, sideTraffic: false)
        default:
            throw BenchError("unknown load scenario '\(letter)': the load scenarios are a, b, c, d (restart) and e")
        }
    }
}
