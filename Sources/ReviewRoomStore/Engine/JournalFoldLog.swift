import Dispatch
import Logging

/// Logs the writer's journal folds that fail (a full disk, an I/O error) once, not once per
/// batch, with a notice when they succeed again; and spaces the retries a second apart.
///
/// A failed fold loses nothing: the rows stay in the journal, where every read finds them.
struct JournalFoldLog {
    private static let retryNanoseconds: UInt64 = 1_000_000_000

    private let logger: Logger
    private var failingSince: UInt64?
    private var failures = 0

    /// Logs to `logger`.
    init(logger: Logger) {
        self.logger = logger
    }

    /// Whether a fold may be tried now: always, unless the last one failed under a second ago.
    func mayTry(now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Bool {
        guard let failingSince else { return true }
        return now &- failingSince >= Self.retryNanoseconds
    }

    /// Records how a fold went, logging the change between failing and succeeding.
    mutating func record(_ outcome: Result<Void, any Error>, now: UInt64 = DispatchTime.now().uptimeNanoseconds) {
        switch outcome {
        case .success:
            if failingSince != nil {
                logger.notice("event journal folds succeed again", metadata: ["failedAttempts": "\(failures)"])
            }
            failingSince = nil
            failures = 0
        case .failure(let error):
            if failingSince == nil {
                logger.warning("folding the event journal into the event log failed; the events stay in the journal and are read from there", metadata: ["error": "\(error)"])
            }
            failingSince = now
            failures += 1
        }
    }
}
