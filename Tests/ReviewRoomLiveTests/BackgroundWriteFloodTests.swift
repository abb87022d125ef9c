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

    /// `sessionCount` live sessions with one participant online each, on a real tmpfs, logging
    /// through the daemon's own handler into `log`; nil when the test may not mount a tmpfs.
    struct FullDiskSessions {
        let mount: TmpfsMount
        let app: InProcessServer
        let log: AwaitableLog<String>
        let clients: [ProtocolClient]
        /// The sessions' clock when everyone had joined; each marks at t0 + 60 s, + 120 s, …
        let t0: Timestamp

        static func start() async throws -> FullDiskSessions? {
            let root = try TemporaryDirectory.make(prefix: "live-marks-full-disk")
            guard let mount = TmpfsMount.mount(in: root.path, sizeKiB: 2_048) else { return nil }
            // The daemon's own handler, writing into the test's log instead of stderr.
            let log = AwaitableLog<String>(name: "daemon log")
            let sink = DaemonLogHandler.Sink { log.append($0) }
            let logger = Logger(label: "test.sessions") {
                DaemonLogHandler(label: $0, journal: true, control: LogLevelControl(level: .info), sink: sink)
            }
            let app = try await InProcessServer.start(data: URL(fileURLWithPath: mount.path), logger: logger)
            var fixtures = [app.fixture]
            for _ in 1..<sessionCount {
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
            try await waitUntil("every session arms its marks") { app.clock.sleeperCount == sessionCount }
            try await app.store.probe()
            #expect(log.entries.isEmpty, "\(log.entries)")
            return FullDiskSessions(mount: mount, app: app, log: log, clients: clients, t0: app.clock.now())
        }

        /// Moves the sessions' clock to t0 + `minute` minutes and returns once every session's
        /// mark has been tried and reported.
        func mark(minute: Int) async throws {
            app.clock.advance(to: t0.adding(seconds: Double(60 * minute)))
            // Each session sleeps again once its mark is handed to the store; the round trip
            // after them (failing too on a full disk) returns once their completions ran.
            try await waitUntil("every session marked minute \(minute)") { app.clock.sleeperCount == sessionCount }
            try? await app.store.probe()
        }

        /// The messages (with their fields) logged so far at journald priority `priority`
        /// (3 error, 5 notice), without the priority and the logger's label.
        func lines(priority: Int) -> [String] {
            let prefix = "<\(priority)> test.sessions: "
            return log.entries.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }
    }

    /// Yields until `condition` holds (each look is cheap; the sessions' tasks run meanwhile).
    static func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<100_000 {
            if try await condition() { return }
            await Task.yield()
        }
        Issue.record("never: \(what)")
    }

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
        #expect(full.lines(priority: 3).count == 2, "no more errors: \(full.log.entries)")
        for client in full.clients { client.disconnect() }
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
