import Foundation
import ReviewRoomTesting
import Testing

@Suite("Daemon logging")
struct LoggingIntegrationTests {
    @Test func underJournaldLinesCarryPriorities() async throws {
        let daemon = try DaemonProcess.start(environment: ["JOURNAL_STREAM": "8:12345"])
        defer { daemon.terminate() }
        _ = try await daemon.listeningURL()
        let line = try await daemon.stderr.first(where: { $0.contains("listening") }, timeout: .seconds(10))
        #expect(line.hasPrefix("<6> "), "\(line)")
    }

    @Test func inATerminalLinesCarryTimestamps() async throws {
        let daemon = try DaemonProcess.start()
        defer { daemon.terminate() }
        _ = try await daemon.listeningURL()
        let line = try await daemon.stderr.first(where: { $0.contains("listening") }, timeout: .seconds(10))
        let fields = line.split(separator: " ")
        #expect(fields.count > 2)
        #expect(fields.first?.hasSuffix("Z") == true && fields.dropFirst().first == "info", "\(line)")
    }
}
