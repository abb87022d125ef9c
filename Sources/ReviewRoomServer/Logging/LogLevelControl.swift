import LockedValue
import Logging

/// The daemon-wide log level, shared by every ``DaemonLogHandler`` so SIGHUP can change it for
/// loggers that already exist.
public final class LogLevelControl: Sendable {
    private let level: Locked<Logger.Level>

    /// Starts at `level`.
    public init(level: Logger.Level) { self.level = Locked(level) }

    /// The current level.
    public var current: Logger.Level {
        get { level.withLock { $0 } }
        set { level.withLock { $0 = newValue } }
    }
}
