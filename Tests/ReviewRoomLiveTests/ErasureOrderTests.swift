import Foundation
import ReviewRoomCore
@testable import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

@Suite("Live sessions in process: nobody hears 4004 before the erasure is committed")
struct ErasureOrderTests {
    /// While the store erases, the session decides nothing and keeps its clients: a PATCH is
    /// `not_found`, a new join is sent away with 1001 (it reconnects and then meets 4001 or the
    /// session), and the clients already in hear 4004 only once the erase has returned.
    @Test func duringTheErasureNothingIsDecidedAndClientsHear4004Afterwards() async throws {
        let app = try await InProcessServer.start()
        let session = app.fixture.session
        let (fay, _) = try await app.join("Fay")
        defer { fay.disconnect() }
        try await app.registry.delete(session: session) {
            let patch = await #expect(throws: CommandError.self) {
                _ = try await app.registry.edit(session: session, SessionEdit(title: "Too late"), at: app.clock.now())
            }
            #expect(patch?.code == .notFound)
            let (ben, _) = try await app.join("Ben")
            defer { ben.disconnect() }
            #expect(try await ben.closed().closeCode == 1001)
            // Fay is still connected: her close comes after the erase.
            #expect(await app.registry.loaded(session)?.stopped == false)
            try await app.store.deleteSession(session)
        }
        #expect(try await fay.closed().closeCode == 4004)
        #expect(try await app.store.session(session) == nil)
        #expect(!(await app.registry.isInUse(session)))
        await app.stop()
    }

    /// An erasure that fails (a full disk, a lock held too long) leaves the session stored: its
    /// clients are closed with 1001, not 4004, so they reconnect and resume, and an edit sent
    /// while it was being erased (dropped unanswered) is applied when they send it again.
    @Test func aFailedErasureClosesWith1001AndTheSessionGoesOn() async throws {
        let app = try await InProcessServer.start()
        let session = app.fixture.session
        let (asha, welcome) = try await app.join("Asha")
        defer { asha.disconnect() }
        let epoch = try #require(welcome.object["epoch"] as? String)
        let refusal = StoreError(.diskFull, "database or disk is full")
        let failed = await #expect(throws: StoreError.self) {
            try await app.registry.delete(session: session) {
                _ = try await asha.send("note.edit", ["note": "evidence", "rev": 0, "opId": "kept", "op": ["Kept"]])
                throw refusal
            }
        }
        #expect(failed?.code == .diskFull)
        #expect(try await asha.closed().closeCode == 1001)
        #expect(!asha.messages.entries.contains { $0.type == "ack" })
        #expect(try await app.store.session(session) != nil)

        let back = try await ProtocolClient.connect(port: app.port)
        defer { back.disconnect() }
        #expect(try await back.hello(token: app.fixture.tokens["Asha"] ?? "", resume: (epoch, 0)).type == "resumed")
        let resent = try await back.request("note.edit", ["note": "evidence", "rev": 0, "opId": "kept", "op": ["Kept"]])
        #expect(resent.object["rev"] as? Int == 1)
        let note = try await back.request("note.get", ["note": "evidence"])
        #expect((note.object["note"] as? [String: Any])?["text"] as? String == "Kept")
        await app.stop()
    }

    /// The actor a failed erasure closes is forgotten; a session with a timer due (here its
    /// phase's time-up) is loaded afresh at once, so the timer fires with nobody connected, as it
    /// would have without the attempt.
    @Test func aFailedErasureLoadsASessionWithATimerAgain() async throws {
        let app = try await InProcessServer.start()
        let session = app.fixture.session
        let (fay, _) = try await app.join("Fay")
        defer { fay.disconnect() }
        _ = try await fay.request("session.start")
        let frozen = try #require(await app.registry.loaded(session))
        await #expect(throws: StoreError.self) {
            try await app.registry.delete(session: session) { throw StoreError(.diskFull, "database or disk is full") }
        }
        #expect(try await fay.closed().closeCode == 1001)
        let again = try #require(await app.registry.loaded(session))
        #expect(again !== frozen && !again.stopped)
        #expect(await again.pendingDeadline != nil)
        await app.stop()
    }

    /// The frozen actor is kept while the erasure runs, even once its last client left: a join
    /// then met no actor, loaded the rows being erased afresh and was welcomed (a durability
    /// audit, with the write lock held). It is sent away with 1001 now.
    @Test func aJoinAfterTheLastClientLeftDuringTheErasureIsSentAway() async throws {
        let app = try await InProcessServer.start()
        let session = app.fixture.session
        let (asha, _) = try await app.join("Asha")
        let frozen = try #require(await app.registry.loaded(session))
        try await app.registry.delete(session: session) {
            asha.disconnect()
            try await FullDiskSessions.waitUntil("Asha's leave is handled") { await frozen.memberCount == 0 }
            await app.registry.unloadIfIdle(session)
            #expect(await app.registry.loaded(session) === frozen)
            let (ben, _) = try await app.join("Ben")
            defer { ben.disconnect() }
            #expect(try await ben.closed().closeCode == 1001)
            try await app.store.deleteSession(session)
        }
        #expect(await app.registry.loaded(session) == nil)
        await app.stop()
    }

    /// Two DELETEs overlap and the first one's erasure fails: its clients are told 1001 and
    /// reconnect while the second is still erasing. They were welcomed into an unfrozen actor,
    /// then closed with 4004 seconds later (a durability audit); they are sent away again now.
    @Test func aReconnectWhileAnotherErasureRunsIsSentAwayAgain() async throws {
        let app = try await InProcessServer.start()
        let session = app.fixture.session
        let token = app.fixture.tokens["Asha"] ?? ""
        let (asha, _) = try await app.join("Asha")
        defer { asha.disconnect() }
        let (gate, open) = AsyncStream<Void>.makeStream()
        let second = Task {
            try await app.registry.delete(session: session) {
                for await _ in gate { break }
                try await app.store.deleteSession(session)
            }
        }
        try await FullDiskSessions.waitUntil("the second DELETE has begun") { await app.registry.erasing[session] == 1 }
        await #expect(throws: StoreError.self) {
            try await app.registry.delete(session: session) { throw StoreError(.diskFull, "database or disk is full") }
        }
        #expect(try await asha.closed().closeCode == 1001)
        let back = try await ProtocolClient.connect(port: app.port)
        defer { back.disconnect() }
        _ = try await back.hello(token: token)
        #expect(try await back.closed().closeCode == 1001)
        open.yield()
        try await second.value
        let late = try await ProtocolClient.connect(port: app.port)
        defer { late.disconnect() }
        _ = try await late.hello(token: token)
        #expect(try await late.closed().closeCode == 4001)
        #expect(await app.registry.erasing.isEmpty)
        await app.stop()
    }
}
