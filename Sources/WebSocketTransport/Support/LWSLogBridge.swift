import CLibWebSockets
import Foundation
import LockedValue
import Logging

/// Routes libwebsockets' own log lines into swift-log.
///
/// lws has one process-wide log sink, so the bridge keeps the most recently started
/// server's logger. lws logs at ERR/WARN/NOTICE never contain payloads or tokens.
enum LWSLogBridge {
    /// The logger lws lines go to (the last server started wins).
    static let sink = Locked<Logger?>(nil)

    /// One line a second for each distinct lws line, saying how many like it were held back: when
    /// the process runs out of descriptors lws logs "accept: errno 24" at every turn of its loop
    /// (58,000 lines, 4.4 MB, in a few seconds of a flood of idle connections).
    static let repeats = Locked(RefusalLogThrottle(intervalNanoseconds: 1_000_000_000, capacity: 64))

    /// Points lws' log output at `logger`.
    static func install(_ logger: Logger) {
        sink.withLock { $0 = logger }
        _ = configured
    }

    // lws keeps its level and sink in plain C globals that every service thread reads while
    // logging, so they are written exactly once (Swift runs a static initializer once, safely).
    // NOTICE stays off: lws' libev glue logs one NOTICE per socket event-mask change, which
    // under load cost more CPU than the WebSocket work itself, for lines nobody reads.
    private static let configured: Void = {
        lws_set_log_level(Int32(LLL_ERR | LLL_WARN), reviewroomLWSLogEmit)
    }()

    /// Maps an lws level bit to a swift-log level.
    static func level(for lwsLevel: Int32) -> Logger.Level {
        switch lwsLevel {
        case Int32(LLL_ERR): return .error
        case Int32(LLL_WARN): return .warning
        case Int32(LLL_NOTICE): return .debug
        default: return .trace
        }
    }
}

/// The C log sink handed to `lws_set_log_level`; runs on whatever thread lws logs from.
func reviewroomLWSLogEmit(_ level: Int32, _ line: UnsafePointer<CChar>?) {
    guard let line else { return }
    let text = String(cString: line).trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty, let logger = LWSLogBridge.sink.withLock({ $0 }) else { return }
    // lws says this after every upgrade our filter refused; the filter has answered the client
    // and logged why (the Origin refusal at warning), so lws' bare line would only mislead.
    let demoted = text.hasPrefix("User code denied connection")
    guard let heldBack = LWSLogBridge.repeats.withLock({ $0.admit(text, now: DispatchTime.now().uptimeNanoseconds) }) else { return }
    let repeated = heldBack > 0 ? " (and \(heldBack) more like it in the last second or more)" : ""
    logger.log(level: demoted ? .debug : LWSLogBridge.level(for: level), "lws: \(text)\(repeated)")
}
