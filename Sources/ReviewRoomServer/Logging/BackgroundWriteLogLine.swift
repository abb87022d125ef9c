import Logging

/// One line ``BackgroundWriteLogThrottle`` decided to log.
struct BackgroundWriteLogLine: Sendable, Equatable {
    let level: Logger.Level
    let message: String
    let metadata: Logger.Metadata
}
