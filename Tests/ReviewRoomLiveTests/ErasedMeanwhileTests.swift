import Foundation
import Synchronization
import ReviewRoomCore
@testable import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

@Suite("Live sessions in process: a session erased under a loaded actor")
struct ErasedMeanwhileTests {
    /// A request racing a DELETE can load the session afresh just before the store erases it;
    /// the actor's next append then finds no session. That is a deletion (4004, the actor
    /// forgotten), not a failed write (1001 "reconnect", logged as an error).
    @Test func anAppendToAnErasedSessionClosesLikeADeletion() async throws {
        let app = try await InProcessServer.start()
        let (fay, _) = try await app.join("Fay")
        defer { fay.disconnect() }
        try await app.store.deleteSession(app.fixture.session)
        _ = try await fay.send("session.start")
        #expect(try await fay.closed().closeCode == 4004)
        // Forgotten: the session is not served from memory any more.
        #expect(try await app.registry.state(session: app.fixture.session, at: app.clock.now()) == nil)
        await app.stop()
    }

    /// A join can load the session from the rows a DELETE (or the retention sweep) is erasing
    /// when it was not loaded as the erasure began. The actor it loads starts out erasing, so the
    /// join is sent away with 1001 (it reconnects, then meets 4001 or the session) rather than
    /// welcomed into a session about to vanish (a durability audit saw such a welcome); nothing
    /// of it stays loaded once the erasure is done.
    @Test func aJoinDuringTheErasureOfAnUnloadedSessionIsSentAway() async throws {
        let app = try await InProcessServer.start()
        #expect(await app.registry.loaded(app.fixture.session) == nil)
        let joined = Mutex<ProtocolClient?>(nil)
        try await app.registry.delete(session: app.fixture.session) {
            let (hana, _) = try await app.join("Hana")
            joined.withLock { $0 = hana }
            #expect(try await hana.closed().closeCode == 1001)
            try await app.store.deleteSession(app.fixture.session)
        }
        let hana = try #require(joined.withLock { $0 })
        defer { hana.disconnect() }
        #expect(!(await app.registry.isInUse(app.fixture.session)))
        await app.stop()
    }

    /// An actor that stopped (erased, or a failed write) before the registry's task to forget it
    /// ran is never handed out again: the next request loads the session afresh. (CI once saw a
    /// request right after a 4004 still get the deleted session from the stopped actor.)
    @Test func aStoppedActorIsNeverHandedOutAgain() async throws {
        let app = try await InProcessServer.start()
        let session = app.fixture.session
        let first = try #require(try await app.registry.actor(for: session))
        // Stops it as an erasure does, without the registry hearing of it.
        await first.deleted()
        let next = try #require(try await app.registry.actor(for: session))
        #expect(next !== first)
        #expect(!next.stopped)
        #expect(await app.registry.loaded(session) === next)
        await app.stop()
    }
}
