import Foundation
import ReviewRoomCore
import ReviewRoomStore
import Testing
import ReviewRoomTesting

/// `Store.commitFailure`, which `/readyz` reads: set while commits fail for a disk-side reason,
/// cleared by the next commit that stores something, untouched by wrong requests and by probes.
@Suite("Commit health")
struct CommitHealthTests {
    /// A real SQLITE_FULL (the `max_page_count` quota): the failure shows, an empty probe does
    /// not hide it, and freeing space plus a real commit clears it.
    @Test func aFullDatabaseIsReportedUntilACommitSucceeds() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path, maxPageCount: 60))
        let (facilitator, created) = try await StoreFixtures.session(in: store)
        #expect(store.commitFailure == nil)

        let (refusal, _) = try await StoreFilling.appendUntilRefused(store, session: created.session.id)
        #expect(refusal?.code == .diskFull)
        #expect(store.commitFailure?.code == .diskFull)

        // The watchdog's empty round trip commits nothing, so it must not report recovery.
        try await store.probe()
        #expect(store.commitFailure?.code == .diskFull)

        // Erasing the full session frees its pages; that commit and the next one store rows.
        try await store.deleteSession(created.session.id)
        _ = try await store.createSession(owner: facilitator.facilitator.id, definition: StoreFixtures.definition(), participants: [])
        #expect(store.commitFailure == nil)
        await store.close()
    }

    /// A request the store refuses for what it asked (a seq gap, an unknown session) says
    /// nothing about the disk: the store stays healthy.
    @Test func aRefusedRequestIsNotACommitFailure() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let gap = await #expect(throws: StoreError.self) {
            try await store.append([StoreFixtures.event(5)], to: created.session.id)
        }
        #expect(gap?.code == .sequenceGap)
        #expect(store.commitFailure == nil)
        let stored = try await store.events(of: created.session.id, after: 0)
        #expect(stored.isEmpty)
        await store.close()
    }
}
