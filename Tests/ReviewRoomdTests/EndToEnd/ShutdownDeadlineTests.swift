import Foundation
import ReviewRoomCore
import ReviewRoomStore
import ReviewRoomTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// PROTOCOL §1's "exit 0 within 10 s of SIGTERM" when graceful shutdown itself hangs: another
/// process holds the database's write lock, so every store commit waits out the busy timeout
/// (5 s) and fails, and the daemon is kept writing past the 9 s service-group bound. The
/// last-resort deadline must end the process with status 0 and say so in the log.
@Suite("Daemon shutdown deadline")
struct ShutdownDeadlineTests {
    @Test func aStoreHeldLockedPastTheBoundStillExitsZeroAndLogsTheDeadline() async throws {
        let data = try TemporaryDirectory.make(prefix: "reviewroomd-data")
        let startsAt = Timestamp(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000))
        let first = try await SessionFixture.create(inDataDirectory: data, startsAt: startsAt)
        let second = try await SessionFixture.create(inDataDirectory: data, startsAt: startsAt)
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_LOG_LEVEL": "info"], dataDirectory: data)
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let asha = try await ProtocolClient.connect(port: port)
        defer { asha.disconnect() }
        let ben = try await ProtocolClient.connect(port: port)
        defer { ben.disconnect() }
        #expect(try await asha.hello(token: try #require(first.tokens["Asha"])).type == "welcome")
        #expect(try await ben.hello(token: try #require(second.tokens["Ben"])).type == "welcome")

        // Another process takes the write lock and keeps it until the test ends.
        let databasePath = data.appendingPathComponent(StoreConfiguration.databaseFileName).path
        let locker = try await ChildProcess.spawnOffPool(command: ["python3", "-c", Self.lockScript, databasePath],
                                            environment: ProcessInfo.processInfo.environment)
        defer { if locker.exit.entries.isEmpty { kill(locker.pid, SIGKILL) } }
        _ = try await locker.stdout.first(where: { $0 == "locked" }, timeout: .seconds(30))

        // Asha's edit starts a commit that waits on the lock (5 s, then fails and her session
        // stops). Ben's edit, sent once hers was handed to the store's writer, queues behind it,
        // so the drain waits for a second failing commit before it stops his session; his edit
        // sent once Asha's session failed (the writer has taken his first one by then) queues a
        // third, which closing the store waits for: about 15 s of commits after SIGTERM.
        let edits = #"reviewroom_commands_total{type="note.edit",outcome="ok"}"#
        _ = try await asha.send("note.edit", ["note": "evidence", "rev": 0, "opId": "a1", "op": ["Asha"]])
        try await Self.waitForMetric("\(edits) 1", port: port)
        _ = try await ben.send("note.edit", ["note": "evidence", "rev": 0, "opId": "b1", "op": ["Ben"]])
        try await Self.waitForMetric("\(edits) 2", port: port)
        daemon.signal(SIGTERM)
        #expect(try await asha.closed().closeCode == 1001)
        do {
            _ = try await ben.send("note.edit", ["note": "evidence", "rev": 0, "opId": "b2", "op": ["Ben"]])
        } catch {
            Issue.record("Ben's session stopped with Asha's (his first edit went into her commit): \(error)\n\(ben.messages.entries)\n\(daemon.stderr.entries.joined(separator: "\n"))")
        }

        let status = try await daemon.waitForExit(timeout: .seconds(60))
        #expect(status == 0)
        let deadline = try? await daemon.stderr.first(where: { $0.contains("shutdown deadline passed") }, timeout: .seconds(10))
        #expect(deadline?.contains("error") == true, "no deadline line at error level:\n\(daemon.stderr.entries.joined(separator: "\n"))")
        #expect(daemon.stderr.entries.contains { $0.contains("could not be stored") }, "no commit failed: the lock did not hold")
    }

    /// Asks `/metrics` (served to loopback) until it shows `line`: the daemon has handled what
    /// the line counts. Each answer is a fresh look; nothing sleeps in between.
    static func waitForMetric(_ line: String, port: Int) async throws {
        try await RawBlocking.run {
            let giveUp = Date().addingTimeInterval(30)
            while Date() < giveUp {
                let client = try RawHTTPClient(port: port)
                defer { client.close() }
                if try client.request("GET", "/metrics").text.contains(line) { return }
            }
            throw DaemonProcessError(message: "/metrics never showed \(line)")
        }
    }

    /// Holds SQLite's write lock on the file in argv[1] (waiting up to 30 s for it), prints
    /// `locked`, then waits to be killed.
    static let lockScript = """
        import signal, sqlite3, sys
        connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
        connection.execute("BEGIN EXCLUSIVE")
        print("locked", flush=True)
        signal.pause()
        """
}
