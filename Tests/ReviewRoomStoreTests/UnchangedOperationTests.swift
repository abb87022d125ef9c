import Foundation
import ReviewRoomCore
import Testing
@testable import ReviewRoomStore

/// Edits that changed nothing (PROTOCOL §3.5) are kept beside the log, never in it.
@Suite("Unchanged edits")
struct UnchangedOperationTests {
    @Test func theyComeBackWithTheSessionKeepTheirFirstRevAndLeaveTheLogAlone() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let (_, other) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        _ = try await store.append([StoreFixtures.event(1, name: "note.op", author: "p_a", opId: "o1")], to: id)
        let first = UnchangedOperation(author: "p_a", opId: "n1", note: "evidence", rev: 1)
        try await store.recordUnchanged(first, in: id)
        // The same key again keeps the first rev; the same opId by someone else is another key.
        try await store.recordUnchanged(UnchangedOperation(author: "p_a", opId: "n1", note: "evidence", rev: 4), in: id)
        let byBen = UnchangedOperation(author: "p_b", opId: "n1", note: "questions", rev: 0)
        try await store.recordUnchanged(byBen, in: id)
        await store.close()

        let reopened = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let loaded = try #require(try await reopened.load(id))
        #expect(Set(loaded.unchangedOperations) == [first, byBen])
        #expect(loaded.events.map(\.opId) == ["o1"])
        #expect(loaded.lastSeq == 1)
        #expect(try await reopened.load(other.session.id)?.unchangedOperations == [])
        await reopened.close()
    }

    @Test func anUnknownSessionIsRefusedAndADeletedSessionTakesThemAlong() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let operation = UnchangedOperation(author: "p_a", opId: "n1", note: "evidence", rev: 0)
        let unknown = await #expect(throws: StoreError.self) {
            try await store.recordUnchanged(operation, in: SessionID("s_ghost"))
        }
        #expect(unknown?.code == .unknownSession)
        #expect(unknown?.message.contains("s_ghost") == true)
        try await store.recordUnchanged(operation, in: created.session.id)
        try await store.deleteSession(created.session.id)
        let left = try await store.read { connection in
            try connection.integer("SELECT count(*) FROM unchanged_operations")
        }
        #expect(left == 0)
        await store.close()
    }
}
