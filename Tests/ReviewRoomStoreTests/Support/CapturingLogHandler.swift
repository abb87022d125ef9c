import Logging
import ReviewRoomTesting

/// A swift-log handler that appends every record, as `"level message key=value …"` (keys
/// sorted), to an `AwaitableLog`, so a test can wait for a log line instead of sleeping.
struct CapturingLogHandler: LogHandler {
    let log: AwaitableLog<String>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = all.keys.sorted().map { "\($0)=\(all[$0].map { "\($0)" } ?? "")" }
        log.append(([event.level.rawValue, "\(event.message)"] + fields).joined(separator: " "))
    }

    /// A logger whose records land in `log`.
    static func logger(_ log: AwaitableLog<String>) -> Logger {
        Logger(label: "reviewroom.store.test") { _ in CapturingLogHandler(log: log) }
    }
}
