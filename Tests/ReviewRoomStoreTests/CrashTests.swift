import Foundation
import ReviewRoomCore
import ReviewRoomTesting
import Testing
@testable import ReviewRoomStore

@Suite("Crash safety")
struct CrashTests {
    /// A child appends in a loop and reports each acknowledged seq; it is `kill -9`ed at a random
    /// point, 20 times on the same data dir. Every seq it reported durable must be there, exactly
    /// once, in a gapless log with the content the child wrote.
    @Test func everyAcknowledgedAppendSurvivesKillNine() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let probe = try BuildProducts.executable(named: "reviewroom-store-probe")
        var sessions: [String] = []
        var reported: [String: Int64] = [:]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let child = try ProbeProcess(executable: probe, arguments: [dir.path] + sessions)
            let target = Int.random(in: 1...600, using: &generator)
            var durable = 0
            for await line in child.lines {
                let parts = line.split(separator: " ").map(String.init)
                if parts.count == 2, parts[0] == "session" { sessions.append(parts[1]) }
                if parts.first == "error" { Issue.record("probe failed: \(line)") }
                if parts.count == 3, parts[0] == "durable", let seq = Int64(parts[2]) {
                    reported[parts[1]] = max(reported[parts[1]] ?? 0, seq)
                    durable += 1
                    if durable >= target { break }
                }
            }
            await child.killAndWait()
            #expect(durable >= target, "the probe stopped before it was killed")
        }
        try #require(sessions.count == 4)
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path, openMode: .existingOnly))
        for session in sessions {
            let events = try await store.events(of: SessionID(session), after: 0)
            let last = events.last?.seq ?? 0
            #expect(last >= reported[session] ?? 0, "session \(session) lost acknowledged appends")
            #expect(events.map(\.seq) == Array(stride(from: Int64(1), through: last, by: 1)))
            for event in events {
                #expect(event.data == "{\"seq\":\(event.seq)}")
                #expect(event.opId == "op-\(event.seq)")
            }
        }
        #expect(reported.values.reduce(0, +) > 0)
        await store.close()
    }
}
