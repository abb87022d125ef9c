import Foundation
import ReviewRoomCore
import ReviewRoomServer
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
}
