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
    static let sessionCount = 4

    /// Yields until `condition` holds (each look is cheap; the sessions' tasks run meanwhile).
    static func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<100_000 {
            if try await condition() { return }
            await Task.yield()
        }
        Issue.record("never: \(what)")
    }

    /// The messages (with their fields) logged so far at journald priority `priority` (3 error,
    /// 5 notice), without the priority and the logger's label.
    static func lines(_ log: AwaitableLog<String>, priority: Int) -> [String] {
        let prefix = "<\(priority)> test.sessions: "
        return log.entries.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    @Test func marksFailingInEverySessionLogOneErrorThenASummaryAMinute() async throws {
        let root = try TemporaryDirectory.make(prefix: "live-marks-full-disk")
        guard let mount = TmpfsMount.mount(in: root.path, sizeKiB: 2_048) else { return }
        defer { mount.unmount() }
        // The daemon's own handler, writing into the test's log instead of stderr.
        let log = AwaitableLog<String>(name: "daemon log")
        let sink = DaemonLogHandler.Sink { log.append($0) }
        let logger = Logger(label: "test.sessions") { DaemonLogHandler(label: $0, journal: true, control: LogLevelControl(level: .info), sink: sink) }
        let app = try await InProcessServer.start(data: URL(fileURLWithPath: mount.path), logger: logger)
        var fixtures = [app.fixture]
        for _ in 1..<Self.sessionCount {
            fixtures.append(try await SessionFixture.create(in: app.store, startsAt: InProcessServer.start.adding(seconds: 60),
                                                            agenda: SessionFixture.agenda(seconds: 120)))
        }
        var clients: [ProtocolClient] = []
        for fixture in fixtures {
            let client = try await ProtocolClient.connect(port: app.port)
            _ = try await client.hello(token: try requireTokenValue(fixture.tokens["Asha"], "Asha"))
            clients.append(client)
        }
        // Every session waits for its first mark, and the joins are stored (the writer runs in order).
        try await Self.waitUntil("every session arms its marks") { app.clock.sleeperCount == Self.sessionCount }
        try await app.store.probe()
        #expect(log.entries.isEmpty, "\(log.entries)")

        let ballast = try mount.fillUp()
        let t0 = app.clock.now()
        for minute in 1...2 {
            app.clock.advance(to: t0.adding(seconds: Double(60 * minute)))
            // Each session sleeps again once its mark is handed to the store; the (failing) round
            // trip after them returns once their completions ran.
            try await Self.waitUntil("every session marked minute \(minute)") { app.clock.sleeperCount == Self.sessionCount }
            try? await app.store.probe()
            if minute == 1 {
                let errors = Self.lines(log, priority: 3)
                #expect(errors.count == 1, "one line for \(Self.sessionCount) sessions: \(errors)")
                #expect(errors.first?.hasPrefix("cannot mark online intervals as still open") == true, "\(errors)")
                #expect(errors.first?.contains("is full") == true, "\(errors)")
                #expect(errors.first?.contains("session=") == true, "\(errors)")
            }
        }
        let errors = Self.lines(log, priority: 3)
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.last?.hasPrefix(
            "marking online intervals as still open failed \(Self.sessionCount) times in \(Self.sessionCount) sessions in the last minute") == true,
            "\(errors)")

        try FileManager.default.removeItem(atPath: ballast)
        app.clock.advance(to: t0.adding(seconds: 180))
        _ = try await log.first(where: { $0.hasPrefix("<5>") }, timeout: .seconds(30))
        let notices = Self.lines(log, priority: 5)
        #expect(notices.count == 1, "\(notices)")
        #expect(notices.first?.hasPrefix("marking online intervals as still open succeeds again after \(2 * Self.sessionCount) failures") == true, "\(notices)")
        try await app.store.probe()
        let intervals = try await app.store.attendance(of: app.fixture.session)
        #expect(intervals.map(\.seenAt) == [t0.adding(seconds: 180)], "the mark after the disk was freed is stored: \(intervals)")
        #expect(Self.lines(log, priority: 3).count == 2, "no more errors: \(log.entries)")
        for client in clients { client.disconnect() }
        await app.stop()
    }
}
