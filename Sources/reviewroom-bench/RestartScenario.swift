import Foundation
import Logging
import ReviewRoomBenchKit
import ReviewRoomCore
import ReviewRoomStore
import ReviewRoomTesting
import WebSocketTransport

/// Scenario d: a data directory with many stored sessions and long histories, seeded
/// straight through ``Store`` (fast, no daemon), then the time from starting `reviewroomd`
/// to its first `/readyz` 200 — and, reported in the note, how long the first participant
/// of one such session then waits for `welcome` (sessions load on their first join).
struct RestartScenario {
    /// Scale factor (1 = 1,000 sessions × 10,000 ops).
    var scale: Double

    /// Seeds, starts, polls `/readyz`, stops.
    func run() async throws -> ScenarioResult {
        let sessions = max(2, Int((1000 * scale).rounded()))
        let opsPerSession = scale < 0.01 ? 500 : 10_000
        let data = try TemporaryDirectory.make(prefix: "reviewroom-bench-restart")
        defer { try? FileManager.default.removeItem(at: data) }
        let invite = try await seed(directory: data.path, sessions: sessions, opsPerSession: opsPerSession)

        // First start: time /readyz and the first join, which replays the seeded session's whole
        // log (seeded straight into the store, it has no snapshot) and so saves one; one edit
        // checks the loaded session takes edits (graceful stop waits for the snapshot).
        let first = try await Self.startDaemon(data: data)
        let readyMs: Double, usage: ProcessUsage, joinMs: Double
        do {
            readyMs = Double(first.readyAt - first.started) / 1e6
            usage = try first.target.usage()
            joinMs = try await Self.timeFirstWelcome(port: first.port, token: invite, thenEditAt: opsPerSession)
            await first.target.stop()
        } catch {
            await first.target.stop()
            throw error
        }
        // Second start: the same session loads from its snapshot.
        let second = try await Self.startDaemon(data: data)
        let snapshotJoinMs: Double
        do {
            snapshotJoinMs = try await Self.timeFirstWelcome(port: second.port, token: invite, thenEditAt: nil)
            await second.target.stop()
        } catch {
            await second.target.stop()
            throw error
        }
        return ScenarioResult(bench: "load", scenario: "d", sessions: sessions, clients: 0,
                              latency: LatencySummary(count: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0),
                              framesPerSec: 0, editsPerSec: 0, errors: 0, cpuSecPer1kFrames: 0,
                              rssBytesPerConn: 0, readyMs: readyMs)
            .withNote("rss at ready \(usage.rssBytes / 1_048_576) MiB, \(sessions) sessions × \(opsPerSession) ops; "
                + "the first join of one of them got welcome after \(String(format: "%.1f", joinMs)) ms (replaying its whole log), "
                + "and after a restart after \(String(format: "%.1f", snapshotJoinMs)) ms (from the snapshot that load saved)")
    }

    /// Starts `reviewroomd` on `data` (kept when it stops) and waits for `/readyz`.
    private static func startDaemon(data: URL) async throws -> (target: LoadTarget, port: Int, started: UInt64, readyAt: UInt64) {
        let daemon = try BuildProducts.executable(named: "reviewroomd").path
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REVIEWROOM_") }
        environment.merge(LoadTarget.daemonEnvironment) { $1 }
        let started = MonotonicClock.nanoseconds()
        let child = try ChildProcess.spawn(
            command: [daemon, "serve", "--listen", "127.0.0.1:0", "--data-dir", data.path], environment: environment)
        let target = LoadTarget(kind: .reviewroom, process: child, port: 0, facilitatorToken: "", dataDirectory: data)
        do {
            let port = try await LoadTarget.listeningPort(child)
            let readyAt = try await waitForReady(port: port, deadline: started + 120_000_000_000)
            return (target, port, started, readyAt)
        } catch {
            await target.stop()
            throw error
        }
    }

    /// Polls `GET /readyz` (on a blocking thread) until it answers 200; returns that instant.
    static func waitForReady(port: Int, deadline: UInt64) async throws -> UInt64 {
        try await RawBlocking.run {
            while MonotonicClock.nanoseconds() < deadline {
                if let client = try? RawHTTPClient(port: port) {
                    let response = try? client.request("GET", "/readyz", timeout: 5)
                    client.close()
                    if response?.status == 200 { return MonotonicClock.nanoseconds() }
                }
                // Polling a child's HTTP endpoint has no event to wait on; 2 ms bounds the error.
                usleep(2_000)
            }
            throw BenchError("/readyz did not answer 200 within 120 s")
        }
    }

    /// The test fixture's agenda, so the stored sessions look like real ones.
    static let agendaJSON = (try? JSONEncoder().encode(SessionFixture.agenda())).map { String(decoding: $0, as: UTF8.self) } ?? "[]"

    /// Joins one stored session with `token` and returns the milliseconds from sending
    /// `hello` to receiving `welcome`; with `thenEditAt`, then inserts a letter at the front of
    /// the note at that revision and waits for the ack.
    static func timeFirstWelcome(port: Int, token: String, thenEditAt rev: Int?) async throws -> Double {
        try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            defer { client.disconnect() }
            let sent = MonotonicClock.nanoseconds()
            try client.sendText(#"{"type":"hello","token":"\#(token)","client":"reviewroom-bench"}"#)
            let reply = try client.readText(timeout: 120)
            let received = MonotonicClock.nanoseconds()
            guard reply.contains(#""type":"welcome""#) else {
                throw BenchError("the first join after restart got \(reply.prefix(200)) instead of welcome")
            }
            if let rev {
                try client.sendText(#"{"type":"note.edit","id":1,"note":"evidence","rev":\#(rev),"opId":"bench-snapshot","op":["b",\#(rev)]}"#)
                while true {
                    let message = try client.readText(timeout: 120)
                    if message.contains(#""type":"ack""#) { break }
                    if message.contains(#""type":"error""#) { throw BenchError("the edit after the first join was refused: \(message.prefix(200))") }
                }
            }
            return Double(received - sent) / 1e6
        }
    }

    /// Seeds the sessions; returns the reviewer's invite token of the first one.
    private func seed(directory: String, sessions: Int, opsPerSession: Int) async throws -> String {
        var logger = Logger(label: "reviewroom-bench.seed")
        logger.logLevel = .warning
        let store = try await Store.open(StoreConfiguration(dataDirectory: directory, durability: .process), logger: logger)
        let owner = try await store.addFacilitator(name: "Bench").facilitator.id
        var firstInvite = ""
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for index in 0 ..< sessions {
            // The note the seeded ops edit must exist, or the session cannot load at all.
            let definition = SessionDefinition(title: "Restart \(index)", hostSchool: "Bench", focus: "restart",
                                               startsAt: Timestamp(millisecondsSince1970: now), timeZone: "UTC",
                                               agendaJSON: Self.agendaJSON, notesJSON: #"[{"id":"evidence","title":"Evidence"}]"#)
            let created = try await store.createSession(owner: owner, definition: definition,
                                                        participants: [NewParticipant(name: "Typist", role: "reviewer")])
            let reviewer = created.invites.first(where: { $0.participant.role == "reviewer" })
            let author = reviewer?.participant.id.description ?? "p_x"
            if index == 0 { firstInvite = reviewer?.token ?? "" }
            var seq: Int64 = 0
            while seq < Int64(opsPerSession) {
                var batch: [EventRecord] = []
                for _ in 0 ..< min(1000, opsPerSession - Int(seq)) {
                    seq += 1
                    // Insert one letter at the front of a note of seq-1 letters: always a valid op.
                    let op = seq == 1 ? #"["a"]"# : #"["a",\#(seq - 1)]"#
                    batch.append(EventRecord(seq: seq, at: Timestamp(millisecondsSince1970: now + seq), name: "note.op",
                                             data: #"{"note":"evidence","rev":\#(seq),"op":\#(op),"by":"\#(author)","opId":"o\#(seq)"}"#,
                                             author: author, opId: "o\(seq)"))
                }
                _ = try await store.append(batch, to: created.session.id)
            }
        }
        await store.close()
        return firstInvite
    }
}
