import Foundation
import ReviewRoomCore
import ReviewRoomProtocol
@testable import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// A loaded session keeps only its latest events framed in memory (the replay ring); a
/// `resume` from further back, within `replayLimit`, reads what the ring lacks from the store
/// and still gets exactly the events it missed. The ring is never filled from the store: after
/// a restart it holds the events after the snapshot, in a long session the latest
/// `replayRingEvents`.
@Suite("Live sessions: the replay ring and resumes from before it")
struct ReplayRingTests {
    @Test func afterARestartResumesFromBeforeTheSnapshotReadTheStoreAndTheRingStaysSmall() async throws {
        let (server, _, _) = try await SnapshotTests.restartedAfterTenEdits()
        let session = server.fixture.session
        let snapshotSeq = try #require(try await server.store.load(session)?.snapshot?.seq)
        #expect(snapshotSeq > 1 && snapshotSeq < 10)

        // Hana's plain join (kept open, so the session stays loaded): the ring starts after the snapshot.
        let (hana, welcome) = try await server.join("Hana")
        let epoch = try #require(welcome.object["epoch"] as? String)
        let actor = try #require(await server.registry.loaded(session))
        #expect(await actor.replayRingStart == snapshotSeq + 1)

        // A resume from another epoch gets a welcome.
        let other = try await SnapshotTests.resume("Ben", after: 1, epoch: "e_other", port: server.port, fixture: server.fixture)
        #expect(other.reply.type == "welcome", "\(other.reply)")

        // A resume from the snapshot on needs nothing before it.
        let after = try await SnapshotTests.resume("Ben", after: snapshotSeq, epoch: epoch, port: server.port, fixture: server.fixture)
        #expect(after.reply.type == "resumed", "\(after.reply)")
        #expect(after.replayed == Array((snapshotSeq + 1)...10))

        // From before the snapshot, and from the very start: exactly what they missed, read
        // from the store each time, without filling the ring.
        for from in [Int64(1), 0] {
            let before = try await SnapshotTests.resume("Ben", after: from, epoch: epoch, port: server.port, fixture: server.fixture)
            #expect(before.reply.type == "resumed", "\(before.reply)")
            #expect(before.replayed == Array((from + 1)...10))
            #expect(await actor.replayRingStart == snapshotSeq + 1)
        }
        hana.disconnect()
        await server.stop()
    }

    /// 30 edits with a ring of 4 events: the ring holds at most 8, and a resume from any seq
    /// within `replayLimit` (20) replays exactly what it missed, from the store and the ring;
    /// one from further back gets a welcome.
    @Test func aLongSessionKeepsOnlyItsLatestEventsInMemoryAndResumesFromFurtherBackStillReplayExactly() async throws {
        var limits = LiveLimits()
        limits.replayRingEvents = 4
        limits.replayLimit = 20
        let server = try await InProcessServer.start(limits: limits)
        let ashaID = try #require(server.fixture.participantIDs["Asha"])
        let (asha, welcome) = try await server.join("Asha")
        let epoch = try #require(welcome.object["epoch"] as? String)
        var expected = NoteBuffer(id: "evidence", title: "Evidence")
        for i in 0..<30 {
            try await SnapshotTests.edit(asha, &expected, author: ashaID, opId: "a\(i)", rev: expected.revision,
                                         op: SnapshotTests.append("a\(i)", to: expected.text.utf16Count))
        }
        let actor = try #require(await server.registry.loaded(server.fixture.session))
        let ringStart = await actor.replayRingStart
        #expect(ringStart >= 30 - 8 + 1, "the ring holds at most twice replayRingEvents")
        for from in [Int64(29), ringStart - 1, ringStart - 2, 10] {
            let resumed = try await SnapshotTests.resume("Ben", after: from, epoch: epoch, port: server.port, fixture: server.fixture)
            #expect(resumed.reply.type == "resumed", "after \(from): \(resumed.reply)")
            #expect(resumed.replayed == Array((from + 1)...30), "after \(from)")
        }
        let beyond = try await SnapshotTests.resume("Ben", after: 9, epoch: epoch, port: server.port, fixture: server.fixture)
        #expect(beyond.reply.type == "welcome", "a 21-event backlog is over replayLimit: \(beyond.reply)")
        #expect(await actor.replayRingStart == ringStart, "resumes never fill the ring")
        asha.disconnect()
        await server.stop()
    }
}
