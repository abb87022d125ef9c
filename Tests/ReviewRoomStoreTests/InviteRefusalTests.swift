import Foundation
import LockedValue
import Testing
@testable import ReviewRoomStore

/// `addParticipant(_:to:refusing:)`: the caller's condition is asked in the invite's own write,
/// with the session's latest stored `clock.changed`, so an event stored just before the invite
/// decides it however late the caller looked (the HTTP API's "nobody new after the end").
@Suite("Invites refused by the stored clock")
struct InviteRefusalTests {
    private static let ended = #"{"clock":{"status":"ended"}}"#
    private static let newcomer = NewParticipant(name: "Late Lee", role: "reviewer")

    @Test func theConditionSeesTheLatestClockChangeInTheSameWriteAndARefusalStoresNothing() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let sessions = try await StoreFixtures.sessions(2, in: store)
        let id = sessions[0]
        // Another session's end refuses nothing here.
        _ = try await store.append([StoreFixtures.event(1, name: "clock.changed", data: Self.ended)], to: sessions[1])
        let seen = Locked<[String?]>([])
        let isEnded: @Sendable (String?) -> Bool = { change in
            seen.withLock { $0.append(change) }
            return change == Self.ended
        }
        // Never changed: asked with nil, and the invite is stored.
        _ = try await store.addParticipant(NewParticipant(name: "Early Em", role: "reviewer"), to: id, refusing: isEnded)
        _ = try await store.append([StoreFixtures.event(1, name: "clock.changed", data: #"{"clock":{"status":"live"}}"#)], to: id)
        _ = try await store.addParticipant(NewParticipant(name: "On-time Oz", role: "host"), to: id, refusing: isEnded)
        let before = try await store.participants(of: id)
        // The end appended, then an invite at once: refused, and nothing of it stored.
        _ = try await store.append([StoreFixtures.event(2, name: "clock.changed", data: Self.ended)], to: id)
        let refusal = await #expect(throws: StoreError.self) { try await store.addParticipant(Self.newcomer, to: id, refusing: isEnded) }
        #expect(refusal?.code == .refused)
        #expect(try await store.participants(of: id) == before)
        #expect(seen.withLock { $0 } == [nil, #"{"clock":{"status":"live"}}"#, Self.ended])
        // Without a condition (the owner's own facilitator participant) it is stored.
        _ = try await store.addParticipant(NewParticipant(name: "Fran", role: "facilitator"), to: id)
        #expect(try await store.participants(of: id).count == before.count + 1)
        await store.close()

        // Reopened (the journal read back or copied into the log): the same answer.
        let reopened = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let again = await #expect(throws: StoreError.self) { try await reopened.addParticipant(Self.newcomer, to: id, refusing: isEnded) }
        #expect(again?.code == .refused)
        #expect(try await reopened.participants(of: id).count == before.count + 1)
        await reopened.close()
    }
}
