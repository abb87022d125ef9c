@testable import ReviewRoomServer
import Testing

/// Lines about refusals anyone can cause at will: the first ones in full, then one now and then
/// saying how many were left out (a security audit, session 51: a script guessing tokens wrote
/// a line per guess, about 2.4 GB of log an hour).
@Suite("Log budget")
struct LogBudgetTests {
    @Test func theFirstLinesOfAnIntervalAreLoggedAndTheRestCounted() {
        var budget = LogBudget(linesPerInterval: 3, intervalSeconds: 60)
        let first = (0..<10).map { budget.occurred(at: 100 + Double($0)) }
        #expect(first == [.log(leftOut: 0), .log(leftOut: 0), .log(leftOut: 0)] + Array(repeating: .skip, count: 7))
        // The next interval's first line says how many were left out, once.
        #expect(budget.occurred(at: 160) == .log(leftOut: 7))
        #expect(budget.occurred(at: 161) == .log(leftOut: 0))
    }

    @Test func aQuietInterval() {
        var budget = LogBudget(linesPerInterval: 1, intervalSeconds: 60)
        #expect(budget.occurred(at: 0) == .log(leftOut: 0))
        #expect(budget.occurred(at: 30) == .skip)
        // Long after: a new interval starts with the line that comes, not on a fixed grid.
        #expect(budget.occurred(at: 1_000) == .log(leftOut: 1))
        #expect(budget.occurred(at: 1_059) == .skip)
        #expect(budget.occurred(at: 1_060) == .log(leftOut: 1))
    }

    /// A clock that went back (it should not: the caller passes a monotonic one) starts afresh
    /// rather than holding every line for an interval that never ends.
    @Test func timeGoingBackStartsANewInterval() {
        var budget = LogBudget(linesPerInterval: 1, intervalSeconds: 60)
        #expect(budget.occurred(at: 100) == .log(leftOut: 0))
        #expect(budget.occurred(at: 101) == .skip)
        #expect(budget.occurred(at: 50) == .log(leftOut: 1))
    }
}
