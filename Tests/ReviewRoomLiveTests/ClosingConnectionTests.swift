import ReviewRoomProtocol
@testable import ReviewRoomServer
import ReviewRoomTesting
import Testing

/// A connection the server is closing (PROTOCOL §3.4's 4003) decides nothing more.
@Suite("Live sessions: connections being closed")
struct ClosingConnectionTests {
    /// A reissued link's connections are closed with 4003 after what is queued; a command they
    /// send after that is not decided. It was applied, its ack queued behind the close never
    /// left, and the page (told only 4003) offered saved text as never saved (races probe).
    @Test func aConnectionWhoseCloseIsQueuedDecidesNothingMore() async throws {
        let app = try await InProcessServer.start()
        let (asha, _) = try await app.join("Asha")
        let (ben, _) = try await app.join("Ben")
        let ashaID = try #require(app.fixture.participantIDs["Asha"])
        let actor = try #require(await app.registry.loaded(app.fixture.session))
        let ashaConnection = try #require(await actor.connections(of: ashaID).first)
        let before = await actor.seq
        await actor.disconnect(ashaID)
        let edit = try ClientMessageDecoder.request(Array(#"{"type":"note.edit","id":9,"note":"evidence","rev":0,"opId":"late","op":["late"]}"#.utf8))
        await actor.handle(edit, from: ashaConnection)
        #expect(await actor.seq == before, "nothing was recorded")
        #expect(try await asha.closed().closeCode == 4003)
        #expect(asha.messages.entries.allSatisfy { $0.id != 9 }, "no reply to the late edit")
        #expect(try await SnapshotTests.noteText(ben).text == "")
        ben.disconnect()
        await app.stop()
    }
}
