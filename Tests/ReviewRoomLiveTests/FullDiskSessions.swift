import Foundation
import Logging
import ReviewRoomCore
@testable import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// ``sessionCount`` live sessions with one participant online each, on a real tmpfs, logging
/// through the daemon's own handler into `log`: what a full disk under many sessions logs.
struct FullDiskSessions {
    static let sessionCount = 4

    let mount: TmpfsMount
    let app: InProcessServer
    let log: AwaitableLog<String>
    let fixtures: [SessionFixture]
    /// Who joined each session.
    let name: String
    let clients: [ProtocolClient]
    /// The sessions' clock when everyone had joined; each marks at t0 + 60 s, + 120 s, …
    let t0: Timestamp

    /// Starts the sessions with `name` (a participant of every fixture) online in each; nil
    /// when the test may not mount a tmpfs.
    static func start(joiningAs name: String = "Asha") async throws -> FullDiskSessions? {
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
            _ = try await client.hello(token: try requireTokenValue(fixture.tokens[name], name))
            clients.append(client)
        }
        // Every session waits for its first mark, and the joins are stored (the writer runs in order).
        try await waitUntil("every session arms its marks") { app.clock.sleeperCount == sessionCount }
        try await app.store.probe()
        #expect(log.entries.isEmpty, "\(log.entries)")
        return FullDiskSessions(mount: mount, app: app, log: log, fixtures: fixtures, name: name, clients: clients,
                                t0: app.clock.now())
    }

    /// Moves the sessions' clock to t0 + `minute` minutes and returns once every session's
    /// mark has been tried and reported.
    func mark(minute: Int) async throws {
        app.clock.advance(to: t0.adding(seconds: Double(60 * minute)))
        // Each session sleeps again once its mark is handed to the store (and so does the log's
        // timer while counted failures await their summary); the round trip after them (failing
        // too on a full disk) returns once their completions ran.
        try await Self.waitUntil("every session marked minute \(minute)") {
            let timers = await app.registry.backgroundWrites.isTimerArmed ? 1 : 0
            return app.clock.sleeperCount == Self.sessionCount + timers
        }
        try? await app.store.probe()
    }

    /// Joins session `index` again as ``name`` on a new connection: a session that stopped is
    /// forgotten by the registry a moment later, and a `hello` until then is closed (retry).
    func rejoin(_ index: Int) async throws -> ProtocolClient {
        let token = try requireTokenValue(fixtures[index].tokens[name], name)
        for _ in 0..<50 {
            let client = try await ProtocolClient.connect(port: app.port)
            if try await client.hello(token: token).type == "welcome" { return client }
            client.disconnect()
            await Task.yield()
        }
        throw TestClientError(.closed, "\(name) could not join session \(index) again: it stayed closed")
    }

    /// The messages (with their fields) logged so far at journald priority `priority`
    /// (3 error, 5 notice), without the priority and the logger's label.
    func lines(priority: Int) -> [String] {
        let prefix = "<\(priority)>test.sessions: "
        return log.entries.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// Yields until `condition` holds (each look is cheap; the sessions' tasks run meanwhile).
    static func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<100_000 {
            if try await condition() { return }
            await Task.yield()
        }
        Issue.record("never: \(what)")
    }
}
