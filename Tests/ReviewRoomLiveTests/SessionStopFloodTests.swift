import Foundation
import ReviewRoomCore
@testable import ReviewRoomServer
import ReviewRoomTesting
import Testing

/// A full disk under many live sessions whose own event appends fail: each session still stops
/// (its clients are closed with 1001 and may reconnect), but the daemon's log gets one error
/// line for all of them, summaries on the sessions' clock, and one notice when an append is
/// stored again — not a line per session and per reconnect.
@Suite("Live sessions: sessions stopped by a full disk do not flood the log")
struct SessionStopFloodTests {
    static let sessionCount = FullDiskSessions.sessionCount
    static let stopped = "session stopped: its changes could not be stored"

    /// Sends `session.start` on `client`; the append cannot be stored, so no ack comes and the
    /// session closes the connection with 1001 (reconnect).
    static func startFails(_ client: ProtocolClient) async throws {
        try await client.send("session.start")
        let close = try await client.closed()
        #expect(close.closeCode == 1001, "\(close.text)")
        #expect(!client.messages.entries.contains { $0.type == "ack" }, "\(client.messages.entries.map(\.text))")
    }

    @Test func appendsFailingInEverySessionLogOneStopThenASummaryThenOneNotice() async throws {
        guard let full = try await FullDiskSessions.start(joiningAs: "Fay") else { return }
        defer { full.mount.unmount() }
        let count = Self.sessionCount
        let ballast = try full.mount.fillUp()
        for client in full.clients { try await Self.startFails(client) }
        try? await full.app.store.probe()
        var stops = full.lines(priority: 3).filter { $0.hasPrefix("session stopped") }
        #expect(stops.count == 1, "one line for \(count) sessions: \(stops)")
        #expect(stops.first?.hasPrefix(Self.stopped) == true, "\(stops)")
        #expect(stops.first?.contains("is full") == true, "\(stops)")
        #expect(stops.first?.contains("session=") == true, "\(stops)")
        #expect(stops.first?.contains("write=events") == true, "\(stops)")

        // Everyone reconnects, each session loads again and its next append fails again.
        for index in 0..<count { try await Self.startFails(try await full.rejoin(index)) }
        try? await full.app.store.probe()
        stops = full.lines(priority: 3).filter { $0.hasPrefix("session stopped") }
        #expect(stops.count == 1, "reconnects add no line: \(stops)")

        // Nobody writes any more; the counted stops are summed up once the minute is over.
        full.app.clock.advance(to: full.t0.adding(seconds: 60))
        let summary = try await full.log.first(where: { $0.contains("storing a session's changes failed") }, timeout: .seconds(30))
        #expect(summary.hasPrefix("<3>test.sessions: storing a session's changes failed \(2 * count) times in \(count) sessions in the last minute; each failure stopped its session"),
                "\(summary)")
        #expect(summary.contains("is full"), "\(summary)")

        try FileManager.default.removeItem(atPath: ballast)
        let client = try await full.rejoin(0)
        #expect(try await client.request("session.start").type == "ack")
        let notice = try await full.log.first(where: { $0.contains("storing a session's changes succeeds again") }, timeout: .seconds(30))
        #expect(notice.hasPrefix("<5>test.sessions: storing a session's changes succeeds again after \(2 * count) failures"), "\(notice)")
        #expect(full.lines(priority: 3).filter { $0.hasPrefix("session stopped") }.count == 1, "\(full.log.entries)")
        client.disconnect()
        await full.app.stop()
    }

    /// An edit that changes nothing (PROTOCOL §3.5) still records its opId; when that cannot be
    /// stored its session stops the same way, and the stops of all sessions share one line, one
    /// summary and — once one such edit is stored again — one notice.
    @Test func unchangedEditsFailingInEverySessionLogOneStop() async throws {
        guard let full = try await FullDiskSessions.start() else { return }
        defer { full.mount.unmount() }
        let count = Self.sessionCount
        for client in full.clients { _ = try await UnchangedEditTests.edit(client, rev: 0, opId: "e1", op: ["abc"]) }
        let ballast = try full.mount.fillUp()
        for client in full.clients {
            try await client.send("note.edit", ["note": "evidence", "rev": 1, "opId": "n1", "op": [3]])
            let close = try await client.closed()
            #expect(close.closeCode == 1001, "\(close.text)")
        }
        try? await full.app.store.probe()
        let stops = full.lines(priority: 3).filter { $0.hasPrefix("session stopped") }
        #expect(stops.count == 1, "one line for \(count) sessions: \(stops)")
        #expect(stops.first?.hasPrefix(Self.stopped) == true, "\(stops)")
        #expect(stops.first?.contains("write=unchangedEdit") == true, "\(stops)")

        full.app.clock.advance(to: full.t0.adding(seconds: 60))
        let summary = try await full.log.first(where: { $0.contains("storing a session's changes failed") }, timeout: .seconds(30))
        #expect(summary.contains("failed \(count) times in \(count) sessions in the last minute"), "\(summary)")

        try FileManager.default.removeItem(atPath: ballast)
        let client = try await full.rejoin(0)
        let ack = try await UnchangedEditTests.edit(client, rev: 1, opId: "n2", op: [3])
        #expect(ack.object["rev"] as? Int == 1, "still unchanged: \(ack)")
        let notice = try await full.log.first(where: { $0.contains("storing a session's changes succeeds again") }, timeout: .seconds(30))
        #expect(notice.hasPrefix("<5>test.sessions: storing a session's changes succeeds again after \(count) failures"), "\(notice)")
        client.disconnect()
        await full.app.stop()
    }
}
