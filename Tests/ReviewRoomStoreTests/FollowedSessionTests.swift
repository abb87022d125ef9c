import Foundation
import ReviewRoomCore
@testable import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// v12: the session a session follows (a post-review workshop's review).
@Suite("Store: the session a session follows")
struct FollowedSessionTests {
    @Test func aSessionKeepsTheSessionItFollowsAndAPlainOneFollowsNone() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let fran = try await store.addFacilitator(name: "Fran").facilitator.id
        let definition = SessionDefinition(title: "Review", hostSchool: "Northfield", focus: "Reading",
                                           startsAt: Timestamp(millisecondsSince1970: 0), timeZone: "Europe/London")
        let review = try await store.createSession(owner: fran, definition: definition, participants: [])
        var workshopDefinition = definition
        workshopDefinition.title = "Post-review workshop: Review"
        let workshop = try await store.createSession(owner: fran, definition: workshopDefinition, participants: [],
                                                     followsSession: review.session.id)
        #expect(review.session.followsSession == nil)
        #expect(workshop.session.followsSession == review.session.id)
        #expect(try await store.session(workshop.session.id)?.followsSession == review.session.id)
        #expect(try await store.session(review.session.id)?.followsSession == nil)
        let listed = Dictionary(uniqueKeysWithValues: try await store.sessions(ownedBy: fran).map { ($0.id, $0.followsSession) })
        #expect(listed == [review.session.id: nil, workshop.session.id: review.session.id])
        // An edit of the definition keeps it (it is not part of the definition).
        _ = try await store.updateSession(workshop.session.id, definition: workshopDefinition, reschedule: false)
        #expect(try await store.session(workshop.session.id)?.followsSession == review.session.id)
        await store.close()
    }

    @Test func aVersion11StoreOpensWithItsSessionsFollowingNone() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        try StoreFixtures.olderStore(at: path, version: 11,
                                     eventSQL: "INSERT INTO events(session, seq, at, name, data) VALUES ('s_1', 1, 0, 'clock.changed', '{}')",
                                     laterTable: nil)
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let stored = try #require(try await store.session(SessionID("s_1")))
        #expect(stored.followsSession == nil)
        #expect(stored.definition.title == "T")
        await store.close()
        let connection = try SQLiteConnection(path: path)
        #expect(try SchemaMigrator.version(of: connection) == Migrations.latestVersion)
    }
}
