import Foundation
import LockedValue
import Logging
import ReviewRoomCore
import ReviewRoomServer
import Testing

@Suite("Log handler")
struct DaemonLogHandlerTests {
    final class Lines: Sendable {
        let lines = Locked<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        var sink: DaemonLogHandler.Sink { DaemonLogHandler.Sink { line in self.lines.withLock { $0.append(line) } } }
    }

    @Test func journalLinesCarrySyslogPrioritiesAndNoTimestamp() {
        let captured = Lines()
        let control = LogLevelControl(level: .debug)
        let logger = Logger(label: "rr") { DaemonLogHandler(label: $0, journal: true, control: control, sink: captured.sink) }
        logger.error("boom")
        logger.warning("careful", metadata: ["k": "v"])
        logger.info("hello")
        logger.debug("detail\nsecond line")
        // A CRLF (one Character in Swift) is flattened too: its line feed is what journald splits at.
        logger.debug("windows\r\nline", metadata: ["path": "C:\\a\nb"])
        #expect(captured.all == [
            "<3>rr: boom\n", "<4>rr: careful k=v\n", "<6>rr: hello\n", "<7>rr: detail\\nsecond line\n",
            "<7>rr: windows\\r\\nline path=C:\\a\\nb\n",
        ])
    }

    /// A refused `Origin` is quoted in the log as sent: an escape sequence in it coloured (or
    /// rewrote) the terminal showing the log, a carriage return hid what came before it (a
    /// security audit, session 51). Every control character is written as an escape.
    @Test func controlCharactersAreEscaped() {
        let captured = Lines()
        let logger = Logger(label: "rr") { DaemonLogHandler(label: $0, journal: true, control: LogLevelControl(level: .info), sink: captured.sink) }
        logger.warning("refused", metadata: ["origin": "https://\u{1B}[31mevil\u{7}\u{7F}\u{9B}2J\tx\ry"])
        logger.info("é plain ünïcode ✓")
        #expect(captured.all == ["<4>rr: refused origin=https://\\x1b[31mevil\\x07\\x7f\\x9b2J\\tx\\ry\n",
                                 "<6>rr: é plain ünïcode ✓\n"])
    }

    @Test func terminalLinesStartWithATimestampAndLevel() throws {
        let captured = Lines()
        let logger = Logger(label: "rr") {
            DaemonLogHandler(label: $0, journal: false, control: LogLevelControl(level: .info), sink: captured.sink)
        }
        let before = Timestamp(secondsSince1970: Date().timeIntervalSince1970)
        logger.info("hello")
        let after = Timestamp(secondsSince1970: Date().timeIntervalSince1970)
        let line = try #require(captured.all.first)
        let parts = line.split(separator: " ", maxSplits: 2)
        #expect(parts.count == 3)
        // RFC 3339 UTC to the millisecond (`2026-12-04T07:31:02.118Z`), read when the line was written.
        let stamp = try #require(Timestamp(rfc3339: String(parts[0])), "no RFC 3339 timestamp in \(line)")
        #expect(parts[0].count == 24 && parts[0].hasSuffix("Z"), "\(line)")
        #expect(before <= stamp && stamp <= after, "\(stamp) not between \(before) and \(after)")
        #expect(parts[1] == "info")
        #expect(parts[2] == "rr: hello\n")
    }

    @Test func theSharedLevelFiltersAndCanChangeLater() {
        let captured = Lines()
        let control = LogLevelControl(level: .warning)
        let logger = Logger(label: "rr") { DaemonLogHandler(label: $0, journal: true, control: control, sink: captured.sink) }
        logger.info("dropped")
        control.current = .info
        logger.info("kept")
        #expect(captured.all == ["<6>rr: kept\n"])
    }
}
