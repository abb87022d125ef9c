/// One line of `make bench`'s closing table: a goal, what this run measured, and whether it
/// was met (nil when the run holds no figure for it, or the figure is reported without a goal).
public struct BenchGoalRow: Sendable, Equatable {
    /// Short name: `a`, `limit`, `peer (same bound)`, `store process`….
    public var name: String
    /// The goal in words, e.g. `p99 ≤ 15 ms, 0 errors`.
    public var goal: String
    /// What was measured, e.g. `p99 233.1 ms, 0 errors`.
    public var measured: String
    /// true met, false missed, nil not applicable or not measured in this run.
    public var met: Bool?

    /// Creates a row.
    public init(name: String, goal: String, measured: String, met: Bool?) {
        self.name = name
        self.goal = goal
        self.measured = measured
        self.met = met
    }

    /// `yes`, `NO` or `-`.
    public var verdict: String {
        switch met {
        case true?: "yes"
        case false?: "NO"
        case nil: "-"
        }
    }
}
