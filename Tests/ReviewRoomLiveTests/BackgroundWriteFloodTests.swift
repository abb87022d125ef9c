import Foundation
import Logging
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// A full disk under many live sessions: every session's still-here mark fails once a minute,
/// and the daemon's log gets one error line for all of them, then one summary a minute, then
/// one notice when the marks are stored again, not a line per session per minute.
@Suite("Live sessions: a full disk does not flood the log")
struct BackgroundWriteFloodTests {
    static let sessionCount = FullDiskSessions.sessionCount

    @Test func marksFailingInEverySessionLogOneErrorThenASummaryAMinute() async throws {
        guard let full = try await FullDiskSessions.start() else { return }
        defer { full.mount.unmount() }
        let ballast = try full.mount.fillUp()
        try await full.mark(minute: 1)
        let first = full.lines(priority: 3)
        #expect(first.count == 1, "one line for \(Self.sessionCount) sessions: \(first)")
        #expect(first.first?.hasPrefix("cannot mark online intervals as still open") == true, "\(first)")
        #expect(first.first?.contains("is full") == true, "\(first)")
        #expect(first.first?.contains("session=") == true, "\(first)")

        try await full.mark(minute: 2)
        let errors = full.lines(priority: 3)
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.last?.hasPrefix(
            "marking online intervals as still open failed \(Self.sessionCount) times in \(Self.sessionCount) sessions in the last minute") == true,
            "\(errors)")

        try FileManager.default.removeItem(atPath: ballast)
        full.app.clock.advance(to: full.t0.adding(seconds: 180))
        _ = try await full.log.first(where: { $0.hasPrefix("<5>") }, timeout: .seconds(30))
        let notices = full.lines(priority: 5)
        #expect(notices.count == 1, "\(notices)")
        #expect(notices.first?.hasPrefix("marking online intervals as still open succeeds again after \(2 * Self.sessionCount) failures") == true,
                "\(notices)")
        try await full.app.store.probe()
        let intervals = try await full.app.store.attendance(of: full.app.fixture.session)
        #expect(intervals.map(\.seenAt) == [full.t0.adding(seconds: 180)], "the mark after the disk was freed is stored: \(intervals)")
        // The marks of minute 2 come due for their summary at t0 + 180 too: it is logged if the
        // log's timer runs before the first mark that succeeds (whose notice then counts them).
        let errorsAfter = full.lines(priority: 3)
        #expect(errorsAfter.count == 2 || (errorsAfter.count == 3 && errorsAfter[2].hasPrefix(
            "marking online intervals as still open failed \(Self.sessionCount) times in \(Self.sessionCount) sessions in the last minute")),
            "no more errors: \(full.log.entries)")
        for client in full.clients { client.disconnect() }
        await full.app.stop()
    }

    /// Everyone leaves while the disk is still full: no write reports any more, and what was
    /// only counted (the marks of minute 1, the leaves) is summed up once its minute is over, on
    /// the sessions' clock, with no further write to carry it.
    @Test func countedFailuresAreSummarisedAfterEveryoneLeft() async throws {
        guard let full = try await FullDiskSessions.start() else { return }
        defer { full.mount.unmount() }
        _ = try full.mount.fillUp()
        try await full.mark(minute: 1)
        for client in full.clients { client.disconnect() }
        try await FullDiskSessions.waitUntil("everyone left") { await full.app.registry.connectionCount() == 0 }
        try? await full.app.store.probe()
        let count = Self.sessionCount
        let logged = full.lines(priority: 3)
        #expect(logged.count == 2, "the first mark and the first leave: \(logged)")

        full.app.clock.advance(to: full.t0.adding(seconds: 120))
        let marks = try await full.log.first(where: { $0.contains("marking online intervals as still open failed") }, timeout: .seconds(30))
        #expect(marks.contains("failed \(count) times in \(count) sessions in the last minute"), "\(marks)")
        let leaves = try await full.log.first(where: { $0.contains("recording that a participant went offline failed") }, timeout: .seconds(30))
        #expect(leaves.contains("failed \(count) times in \(count) sessions in the last minute"), "\(leaves)")
        #expect(full.lines(priority: 3).count == 4, "\(full.log.entries)")
        await full.app.stop()
    }

    /// A graceful shutdown on a full disk: the leaves it records fail like the marks did (one
    /// error line for every session), and what was only counted is summed up before it ends.
    @Test func aShutdownOnAFullDiskTellsWhatWasOnlyCounted() async throws {
        guard let full = try await FullDiskSessions.start() else { return }
        defer { full.mount.unmount() }
        _ = try full.mount.fillUp()
        try await full.mark(minute: 1)
        await full.app.registry.shutdown()
        let errors = full.lines(priority: 3)
        let count = Self.sessionCount
        #expect(errors.count == 4, "\(errors)")
        #expect(errors.filter { $0.hasPrefix("cannot mark online intervals as still open") }.count == 1, "\(errors)")
        #expect(errors.filter { $0.hasPrefix("cannot record that a participant went offline") && $0.contains("participant=") }.count == 1,
                "\(errors)")
        #expect(errors.contains { $0.hasPrefix("marking online intervals as still open failed \(count) times in \(count) sessions") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("recording that a participant went offline failed \(count) times in \(count) sessions") },
                "\(errors)")
        for client in full.clients { client.disconnect() }
        await full.app.stop()
    }
}
