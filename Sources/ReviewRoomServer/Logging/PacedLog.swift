import Foundation
import LockedValue
import Logging

/// Info lines about refusals anyone can cause at will (a wrong token on `/api` or in a `hello`),
/// written within a ``LogBudget`` shared by every connection or request that reports them: the
/// first ones in full, as school IT needs them ("why can Asha not join?"), then a line now and
/// then saying how many were left out (`not_logged`). Safe from any thread.
final class PacedLog: Sendable {
    private let budget: Locked<LogBudget>
    private let logger: Logger

    /// Writes to `logger` within `budget`.
    init(logger: Logger, budget: LogBudget = LogBudget()) {
        self.logger = logger
        self.budget = Locked(budget)
    }

    /// Logs `message` at info level if the budget allows, with `metadata`.
    func info(_ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> Logger.Metadata) {
        let now = ProcessInfo.processInfo.systemUptime
        guard case .log(let leftOut) = budget.withLock({ $0.occurred(at: now) }) else { return }
        var fields = metadata()
        if leftOut > 0 { fields["not_logged"] = "\(leftOut) more since the last such line" }
        logger.info(message(), metadata: fields)
    }
}
