import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LockedValue
import Logging
import ReviewRoomCore

/// Writes log lines to stderr. Under systemd (`JOURNAL_STREAM` set) each line starts with a
/// syslog priority (`<3>` error … `<7>` debug) and no timestamp, since journald adds its own;
/// otherwise it starts with an RFC 3339 timestamp and the level.
public struct DaemonLogHandler: LogHandler {
    /// Where lines go; one lock so concurrent lines never interleave.
    public final class Sink: Sendable {
        private let lock = Locked(())
        private let write: @Sendable (String) -> Void
        /// A sink that hands each finished line (with its newline) to `write`.
        public init(write: @escaping @Sendable (String) -> Void) { self.write = write }
        /// Standard error, with `write(2)`: a line that cannot be written (stderr a file on a
        /// full or read-only disk, a pipe nobody reads any more) is dropped. `FileHandle`'s
        /// `write(_:)` stops the process on such an error: the daemon died when its log file's
        /// file system turned read-only, the database still healthy on another.
        public static let standardError = Sink { line in
            var rest = Array(line.utf8)[...]
            while !rest.isEmpty {
                let written = rest.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
                if written > 0 { rest = rest.dropFirst(written) } else if written < 0 && errno == EINTR { continue } else { return }
            }
        }
        func emit(_ line: String) { lock.withLock { _ in write(line) } }
    }

    /// Whether lines carry journald priorities instead of timestamps.
    public let journal: Bool
    /// The logger's label.
    public let label: String
    /// The shared level, used unless this handler's level was set on its own.
    public let control: LogLevelControl
    private let sink: Sink
    private var ownLevel: Logger.Level?

    /// Metadata attached to every line of this logger.
    public var metadata: Logger.Metadata = [:]

    /// Creates a handler.
    public init(label: String, journal: Bool, control: LogLevelControl, sink: Sink = .standardError) {
        self.label = label; self.journal = journal; self.control = control; self.sink = sink
    }

    /// This logger's level (the shared one unless set).
    public var logLevel: Logger.Level {
        get { ownLevel ?? control.current }
        set { ownLevel = newValue }
    }

    /// Reads or sets one metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Formats and writes one line.
    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = fields.isEmpty ? "\(event.message)" : "\(event.message) \(fields)"
        // journald takes `<N>` off and keeps the rest as the message: a space after it started
        // every message with one (the configuration report's `<3>` lines had none).
        let prefix = journal
            ? "<\(Self.priority(event.level))>"
            : "\(Self.timestamp()) \(event.level.rawValue) "
        // One physical line per entry: journald and `grep` both work line by line. Most lines have
        // no control character, and Foundation's replacing cost 2 % of the daemon in a reconnect loop.
        let flat = Self.holdsControls(text) ? Self.escapingControls(text) : text
        sink.emit("\(prefix)\(label): \(flat)\n")
    }

    /// Whether `text` holds a control character (C0, DEL or C1), read byte by byte.
    static func holdsControls(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) { return true }
            previous = byte
        }
        return false
    }

    /// `text` with each control character written as an escape (`\n`, `\r`, `\t`, else `\x1b`):
    /// what a client sends and the log quotes (a refused `Origin`) must not start a line of its
    /// own, nor drive the terminal that shows the log (`\x1b[31m`, `\x9b`).
    static func escapingControls(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                out.append(contentsOf: ("\\x" + (hex.count < 2 ? "0" + hex : hex)).unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// The syslog priority journald reads from a `<N>` prefix.
    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    // Written by `Timestamp` digit by digit: Foundation's ISO8601DateFormatter built an ICU
    // formatter for every line, 19 % of the daemon's CPU while a client reconnected in a loop.
    private static func timestamp() -> String {
        Timestamp(secondsSince1970: Date().timeIntervalSince1970).rfc3339
    }
}
