import Foundation
import ReviewRoomTesting
import Testing

@Suite("Daemon logging")
struct LoggingIntegrationTests {
    @Test func underJournaldLinesCarryPriorities() async throws {
        let daemon = try await DaemonProcess.start(environment: ["JOURNAL_STREAM": "8:12345"])
        defer { daemon.terminate() }
        _ = try await daemon.listeningURL()
        let line = try await daemon.stderr.first(where: { $0.contains("listening") }, timeout: .seconds(10))
        #expect(line.hasPrefix("<6>reviewroomd"), "no space before the message (journald keeps it): \(line)")
    }

    /// A review starting and the last one ending leave a line in the log: the journal shows
    /// activity between "listening" and "stopped", with how many are connected.
    @Test func liveSessionsComingAndGoingAreLogged() async throws {
        let daemon = try await DaemonProcess.start(arguments: ["--demo"])
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let line = try await daemon.stdout.first(where: { $0.contains("Reviewer Asha link:") }, timeout: .seconds(30))
        let token = try #require(line.split(separator: "#").last.map(String.init))
        let client = try await ProtocolClient.connect(port: port)
        #expect(try await client.hello(token: token).type == "welcome")
        let started = try await daemon.stderr.first(where: { $0.contains("activity: 1 live session") }, timeout: .seconds(20))
        #expect(started.contains("info") && started.contains("1 connection"), "\(started)")
        client.disconnect()
        let ended = try await daemon.stderr.first(where: { $0.contains("activity: 0 live sessions") }, timeout: .seconds(60))
        #expect(ended.contains("0 connections"), "\(ended)")
    }

    @Test func inATerminalLinesCarryTimestamps() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        _ = try await daemon.listeningURL()
        let line = try await daemon.stderr.first(where: { $0.contains("listening") }, timeout: .seconds(10))
        let fields = line.split(separator: " ")
        #expect(fields.count > 2)
        #expect(fields.first?.hasSuffix("Z") == true && fields.dropFirst().first == "info", "\(line)")
    }
}
