import Logging

/// One line ``LogThrottle`` decided to log.
struct ThrottledLogLine: Sendable, Equatable {
    let level: Logger.Level
    let message: String
    let metadata: Logger.Metadata
}

/// The lines of the store writes' throttle.
typealias BackgroundWriteLogLine = ThrottledLogLine
