import Foundation
@testable import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// A session loaded from a snapshot after a restart reads the stored events before the snapshot
/// (the part of the replay window a `resume` may still ask for) only when a `resume` needs
/// them: a first join without `resume` does not wait for that read, and a resume from before
/// the snapshot still gets exactly the events it missed.
@Suite("Live sessions: the replay window is read when a resume needs it")
struct LazyReplayWindowTests {
    @Test func aJoinWithoutResumeLeavesTheWindowUnreadAndResumesFromBeforeTheSnapshotStillReplayExactly() async throws {
        let (server, _, _) = try await SnapshotTests.restartedAfterTenEdits()
        let session = server.fixture.session
        let snapshotSeq = try #require(try await server.store.load(session)?.snapshot?.seq)
        #expect(snapshotSeq > 1 && snapshotSeq < 10)

        // Hana's plain join (kept open, so the session stays loaded): the ring starts after the snapshot.
        let (hana, welcome) = try await server.join("Hana")
        let epoch = try #require(welcome.object["epoch"] as? String)
        let actor = try #require(await server.registry.loaded(session))
        #expect(await actor.replayRingStart == snapshotSeq + 1)
        #expect(await actor.unreadReplayWindow == ReplayWindow(after: 0, count: Int(snapshotSeq)))

        // A resume from another epoch gets a welcome and reads nothing.
        let other = try await SnapshotTests.resume("Ben", after: 1, epoch: "e_other", port: server.port, fixture: server.fixture)
        #expect(other.reply.type == "welcome", "\(other.reply)")
        #expect(await actor.replayRingStart == snapshotSeq + 1)

        // A resume from the snapshot on needs nothing before it.
        let after = try await SnapshotTests.resume("Ben", after: snapshotSeq, epoch: epoch, port: server.port, fixture: server.fixture)
        #expect(after.reply.type == "resumed", "\(after.reply)")
        #expect(after.replayed == Array((snapshotSeq + 1)...10))
        #expect(await actor.unreadReplayWindow != nil)

        // A resume from before the snapshot reads the window and gets exactly what it missed.
        let before = try await SnapshotTests.resume("Ben", after: 1, epoch: epoch, port: server.port, fixture: server.fixture)
        #expect(before.reply.type == "resumed", "\(before.reply)")
        #expect(before.replayed == Array(2...10))
        #expect(await actor.unreadReplayWindow == nil)
        #expect(await actor.replayRingStart == 1)

        // From the very start, now from memory.
        let fromStart = try await SnapshotTests.resume("Ben", after: 0, epoch: epoch, port: server.port, fixture: server.fixture)
        #expect(fromStart.replayed == Array(1...10))
        hana.disconnect()
        await server.stop()
    }
}
