import Foundation
import LockedValue
import ReviewRoomCore
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// Who was online when, kept beside the log by a real daemon: one interval per stretch
/// online however many tabs, closed when the last connection closes, at shutdown, or (after
/// kill -9) when the session loads again.
@Suite("Live sessions: attendance")
struct LiveAttendanceTests {
    /// The session's record in `format` from the daemon's HTTP API.
    static func record(_ live: LiveDaemon, format: String) async throws -> String {
        let response = try await CurlClient.request(
            "GET", "http://127.0.0.1:\(live.port)/api/v1/sessions/\(live.fixture.session.rawValue)/record?format=\(format)",
            extraArguments: ["-H", "Authorization: Bearer \(live.fixture.facilitatorToken)"])
        #expect(response.status == 200, "\(response.text)")
        return response.text
    }

    /// The `number`-th `presence` `client` got (1 is the first).
    static func presence(_ client: ProtocolClient, number: Int) async throws -> ProtocolMessage {
        let seen = Locked(0)
        return try await client.message("presence", where: { _ in seen.withLock { $0 += 1; return $0 == number } })
    }

    /// The participant list of the JSON record, by name.
    static func people(_ live: LiveDaemon) async throws -> (record: [String: Any], byName: [String: [String: Any]]) {
        let text = try await record(live, format: "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let list = try #require(object["participants"] as? [[String: Any]])
        return (object, Dictionary(list.map { (($0["name"] as? String) ?? "", $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The stored intervals of the fixture session, read once the daemon has exited.
    static func intervals(_ live: LiveDaemon) async throws -> [String: [AttendanceInterval]] {
        let store = try await Store.open(StoreConfiguration(dataDirectory: live.dataDirectory.path))
        let intervals = try await store.attendance(of: live.fixture.session)
        await store.close()
        let names = Dictionary(live.fixture.participantIDs.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return Dictionary(grouping: intervals) { names[$0.participant.rawValue] ?? $0.participant.rawValue }
    }

    @Test func twoTabsAreOneIntervalAndJoinLeaveJoinIsTwo() async throws {
        let live = try await LiveDaemon.start()
        let ashaID = try #require(live.fixture.participantIDs["Asha"])
        let (ben, _) = try await live.join("Ben")
        let (tab1, _) = try await live.join("Asha")
        let (tab2, _) = try await live.join("Asha")
        // Ben hears who is online: himself, then Asha (her second tab changes nothing), then
        // Asha gone once both tabs closed, then Asha back.
        let online: @Sendable (ProtocolMessage) -> Bool = { ($0.object["online"] as? [String])?.contains(ashaID) == true }
        #expect(online(try await Self.presence(ben, number: 2)))
        tab1.disconnect()
        tab2.disconnect()
        #expect(!online(try await Self.presence(ben, number: 3)))
        let (again, _) = try await live.join("Asha")
        #expect(online(try await Self.presence(ben, number: 4)))

        let (record, people) = try await Self.people(live)
        #expect(people["Asha"]?["attended"] as? Bool == true)
        #expect(people["Asha"]?["firstJoinedAt"] is String)
        #expect(people["Ben"]?["attended"] as? Bool == true)
        #expect(people["Hana"]?["attended"] as? Bool == false)
        #expect(people["Hana"]?["firstJoinedAt"] == nil)
        #expect((record["attendanceNote"] as? String)?.contains("did not join online") == true)
        let markdown = try await Self.record(live, format: "md")
        #expect(markdown.contains("## Attendance"))
        #expect(markdown.contains("| Hana | host | did not join online | — | — |"), "\(markdown)")
        let html = try await Self.record(live, format: "html")
        #expect(html.contains("<section id=\"attendance\">"))

        again.disconnect()
        ben.disconnect()
        live.daemon.signal(SIGTERM)
        _ = try await live.daemon.waitForExit()
        let intervals = try await Self.intervals(live)
        // Two tabs at once were one interval; leaving and coming back made a second.
        #expect(intervals["Asha"]?.count == 2, "\(intervals)")
        #expect(intervals["Ben"]?.count == 1, "\(intervals)")
        #expect(intervals["Hana"] == nil)
        // Every interval was closed, by a leave or by the graceful shutdown, none recovered.
        for interval in intervals.values.flatMap({ $0 }) {
            let left = try #require(interval.leftAt, "\(intervals)")
            #expect(left >= interval.joinedAt)
            #expect(!interval.recovered)
        }
        let asha = intervals["Asha"] ?? []
        if asha.count == 2, let firstLeft = asha[0].leftAt { #expect(firstLeft <= asha[1].joinedAt) }
    }

    /// kill -9 with someone online: their interval is not lost but closed at the session's last
    /// stored event when the restarted daemon loads the session, and the record says so.
    @Test func anIntervalLeftOpenByKillMinus9IsClosedOnRestart() async throws {
        let first = try await LiveDaemon.start()
        let (fay, _) = try await first.join("Fay")
        _ = try await fay.request("session.start")
        let (asha, _) = try await first.join("Asha")
        let ashaID = try #require(first.fixture.participantIDs["Asha"])
        _ = try await fay.message("presence", where: { ($0.object["online"] as? [String])?.contains(ashaID) == true })
        // The record reads attendance in the writer's order: once it shows Asha, her interval is stored.
        #expect(try await Self.people(first).byName["Asha"]?["attended"] as? Bool == true)
        first.daemon.signal(SIGKILL)
        _ = try await first.daemon.waitForExit()
        asha.disconnect()
        fay.disconnect()

        let live = try await LiveDaemon.restart(on: first.dataDirectory, fixture: first.fixture)
        let (fayAgain, _) = try await live.join("Fay")
        let (record, people) = try await Self.people(live)
        #expect(people["Asha"]?["attended"] as? Bool == true)
        #expect(people["Asha"]?["onlineSecIsLowerBound"] as? Bool == true)
        #expect(people["Fay"]?["attended"] as? Bool == true)
        let note = try #require(record["attendanceNote"] as? String)
        #expect(note.contains("Asha"), "\(note)")
        #expect(note.contains("stopped"), "\(note)")
        let markdown = try await Self.record(live, format: "md")
        #expect(markdown.contains("at least"), "\(markdown)")
        // The stop itself: when the last sign was, when the server ran again, who was online.
        let stops = try #require(record["serverStops"] as? [[String: Any]])
        #expect(stops.count == 1, "\(stops)")
        let stop = try #require(stops.first)
        let (last, again) = (try #require(stop["lastRecordedAt"] as? String), try #require(stop["runningAgainAt"] as? String))
        #expect(last < again, "\(stop)")
        #expect(Set(stop["online"] as? [String] ?? []) == [ashaID, try #require(live.fixture.participantIDs["Fay"])])
        let log = try #require(record["log"] as? [[String: Any]])
        #expect(log.contains { $0["kind"] as? String == "server" && $0["at"] as? String == last }, "\(log)")
        #expect(markdown.contains("Server stopped without shutting down after this point; running again at"), "\(markdown)")
        fayAgain.disconnect()
        live.daemon.signal(SIGTERM)
        _ = try await live.daemon.waitForExit()

        let intervals = try await Self.intervals(live)
        let ashas = try #require(intervals["Asha"])
        #expect(ashas.count == 1)
        #expect(ashas.first?.recovered == true)
        #expect(ashas.first?.leftAt != nil)
        #expect(ashas.first?.recoveredAt != nil, "when the restarted daemon closed it")
        // Fay's first interval was recovered too; her second was closed by the graceful shutdown.
        let fays = try #require(intervals["Fay"])
        #expect(fays.map(\.recovered) == [true, false], "\(fays)")
        #expect(fays.allSatisfy { $0.leftAt != nil }, "\(fays)")
    }

    /// Waits (without sleeping: each look is a round trip through the store's writer) until the
    /// open interval of `participant` carries the still-here mark `at`.
    static func waitForMark(_ app: InProcessServer, _ participant: String, at: Timestamp) async throws {
        for _ in 0..<100_000 {
            let intervals = try await app.store.attendance(of: app.fixture.session)
            if intervals.contains(where: { $0.participant.rawValue == participant && $0.leftAt == nil && $0.seenAt == at }) { return }
            await Task.yield()
        }
        Issue.record("no still-here mark at \(at) for \(participant)")
    }

    /// The marks run only while someone is online: the last leave stops them (no timer left
    /// on the session's clock), and a later minute writes nothing.
    @Test func stillHereMarksStopWhenNobodyIsOnline() async throws {
        let app = try await InProcessServer.start()
        let t0 = app.clock.now()
        let (asha, _) = try await app.join("Asha")
        let ashaID = try #require(app.fixture.participantIDs["Asha"])
        app.clock.advance(to: t0.adding(seconds: 60))
        try await Self.waitForMark(app, ashaID, at: t0.adding(seconds: 60))
        asha.disconnect()
        // The leave is stored after the marks were stopped (in the actor, before the write).
        for _ in 0..<100_000 {
            if try await app.store.attendance(of: app.fixture.session).allSatisfy({ $0.leftAt != nil }) { break }
            await Task.yield()
        }
        #expect(app.clock.sleeperCount == 0, "nobody online: no mark pending")
        app.clock.advance(to: t0.adding(seconds: 180))
        let intervals = try await app.store.attendance(of: app.fixture.session)
        #expect(intervals.map(\.seenAt) == [t0.adding(seconds: 60)], "\(intervals)")
        #expect(intervals.map(\.leftAt) == [t0.adding(seconds: 60)], "\(intervals)")
        await app.stop()
    }

    /// A quiet stretch before kill -9 (people online, nobody typing) is not lost: the session
    /// marks its open intervals every minute on its clock (here the injected one, advanced three
    /// minutes with no event), and a real daemon started on what the kill left closes them at
    /// the last mark, not at the last event. What a kill leaves is exactly what was committed:
    /// a backup taken while the session runs, with the intervals still open.
    @Test func aQuietStretchBeforeAKillIsKeptUpToTheLastStillHereMark() async throws {
        let app = try await InProcessServer.start(agenda: SessionFixture.agenda(seconds: 3_600))
        let (fay, _) = try await app.join("Fay")
        #expect(try await fay.request("session.start").seq == 1)
        let t0 = app.clock.now()
        let (asha, _) = try await app.join("Asha")
        let ashaID = try #require(app.fixture.participantIDs["Asha"])
        _ = try await fay.message("presence", where: { ($0.object["online"] as? [String])?.contains(ashaID) == true })
        for minute in 1...3 {
            app.clock.advance(to: t0.adding(seconds: Double(60 * minute)))
            try await Self.waitForMark(app, ashaID, at: t0.adding(seconds: Double(60 * minute)))
        }
        let events = try await app.store.events(of: app.fixture.session, after: 0)
        #expect(events.last?.at == t0, "the stretch was quiet: no event after the start: \(events.map(\.name))")

        let crashed = try TemporaryDirectory.make(prefix: "reviewroom-killed")
        try await app.store.backup(to: crashed.appendingPathComponent(StoreConfiguration.databaseFileName).path)
        asha.disconnect()
        fay.disconnect()
        await app.stop()

        let live = try await LiveDaemon.restart(on: crashed, fixture: app.fixture)
        // Joining loads the session, which closes the intervals the "killed" daemon left open.
        let (fayAgain, _) = try await live.join("Fay")
        fayAgain.disconnect()
        live.daemon.signal(SIGTERM)
        _ = try await live.daemon.waitForExit()
        let intervals = try await Self.intervals(live)
        let ashas = try #require(intervals["Asha"])
        #expect(ashas.map(\.leftAt) == [t0.adding(seconds: 180)], "ends at the last mark, not at the last event (t0): \(ashas)")
        #expect(ashas.map(\.recovered) == [true], "still a lower bound: \(ashas)")
        #expect(intervals["Fay"]?.first { $0.recovered }?.leftAt == t0.adding(seconds: 180), "\(intervals)")
    }
}
