import Foundation
import ReviewRoomCore
@testable import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// A session nobody is in is loaded for each API call on it and unloaded after. Before it
/// unloads it stores a snapshot once more than `snapshotOnUnloadBytes` of events would be
/// replayed by the next load: inviting people one by one used to replay every
/// `participant.changed` (each the whole list) at each invite.
@Suite("Live sessions: a snapshot before unloading")
struct SnapshotBeforeUnloadTests {
    /// Invites `count` people, one API-like call each (the store, then the live session), to a
    /// session nobody joined; returns the session as the store would load it next.
    static func invite(_ count: Int, limits: LiveLimits) async throws -> (loaded: LoadedSession, server: InProcessServer) {
        let server = try await InProcessServer.start(limits: limits)
        let session = server.fixture.session
        for index in 0..<count {
            let issued = try await server.store.addParticipant(NewParticipant(name: "Reviewer \(index)", role: "reviewer"), to: session)
            try await server.registry.addParticipant(session: session, Participant(id: issued.participant.id.rawValue,
                                                                                   name: "Reviewer \(index)", role: .reviewer),
                                                     by: server.fixture.facilitatorID, at: server.clock.now())
        }
        #expect(await server.registry.loaded(session) == nil, "the session unloaded after each call")
        return (try #require(try await server.store.load(session)), server)
    }

    @Test func aSessionUnloadsWithASnapshotOnceItsReplayWouldExceedTheBound() async throws {
        var limits = LiveLimits()
        limits.snapshotOnUnloadBytes = 2_000
        let (loaded, server) = try await Self.invite(12, limits: limits)
        let snapshot = try #require(loaded.snapshot, "no snapshot was stored before unloading")
        let replayed = loaded.events.reduce(0) { $0 + $1.data.utf8.count + $1.name.utf8.count }
        let largest = loaded.events.map { $0.data.utf8.count + $0.name.utf8.count }.max() ?? 0
        #expect(snapshot.seq > 0 && snapshot.seq <= loaded.lastSeq)
        #expect(replayed < limits.snapshotOnUnloadBytes + largest, "a load replays \(replayed) bytes")
        // What the snapshot restores is what replaying everything gives.
        var whole = loaded
        whole.snapshot = nil
        whole.events = try await server.store.events(of: server.fixture.session, after: 0)
        #expect(whole.events.count == 12)
        let fromSnapshot = try LoadedSessionState(loaded, limits: limits, shared: SharedDefinitions())
        let fromStart = try LoadedSessionState(whole, limits: limits, shared: SharedDefinitions())
        #expect(fromSnapshot.state == fromStart.state)
        #expect(fromSnapshot.state.participants.count == fromStart.state.participants.count)
        await server.stop()
    }

    @Test func belowTheBoundASessionUnloadsWithoutOne() async throws {
        let (loaded, server) = try await Self.invite(3, limits: LiveLimits())
        #expect(loaded.snapshot == nil)
        #expect(loaded.events.count == 3, "each invite recorded its participant.changed")
        await server.stop()
    }
}
