import Foundation
import ReviewRoomCore
import Testing
@testable import ReviewRoomStore

/// A `PATCH` stores its `session.changed`, the new definition and the calendar `SEQUENCE` bump
/// in one transaction. They used to be two: the event first, then `updateSession`, so a crash
/// (`kill -9`) between them left an event announcing a definition that was never stored.
@Suite("Session definition changes go with their events")
struct DefinitionChangeTests {
    private func renamed(_ definition: SessionDefinition, _ title: String) -> SessionDefinition {
        var changed = definition
        changed.title = title
        changed.startsAt = definition.startsAt.adding(seconds: 3600)
        return changed
    }

    @Test func theEventTheDefinitionAndTheSequenceBumpAreAllThereAfterReopening() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        let definition = renamed(created.session.definition, "Renamed")
        let event = StoreFixtures.event(1, name: "session.changed", data: #"{"title":"Renamed"}"#)
        #expect(try await store.append([event], to: id,
                                       changing: SessionDefinitionChange(definition: definition, reschedule: true)) == 1)
        await store.close()

        let reopened = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let stored = try #require(try await reopened.session(id))
        #expect(stored.definition == definition)
        #expect(stored.calendarSequence == 1)
        #expect(try await reopened.events(of: id, after: 0) == [event])
        // Without a calendar change the SEQUENCE stays.
        var focused = definition
        focused.focus = "Another focus"
        _ = try await reopened.append([StoreFixtures.event(2, name: "session.changed")], to: id,
                                      changing: SessionDefinitionChange(definition: focused, reschedule: false))
        #expect(try await reopened.session(id)?.definition.focus == "Another focus")
        #expect(try await reopened.session(id)?.calendarSequence == 1)
        await reopened.close()
    }

    @Test func whenTheEventsAreRefusedTheDefinitionIsNotStoredEitherAndTheOtherWayRound() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        let change = SessionDefinitionChange(definition: renamed(created.session.definition, "Renamed"), reschedule: true)
        // A gap: the events are refused, and the definition with them.
        let gap = await #expect(throws: StoreError.self) {
            try await store.append([StoreFixtures.event(2, name: "session.changed")], to: id, changing: change)
        }
        #expect(gap?.code == .sequenceGap)
        // A definition the store cannot keep: the events are refused with it.
        let blank = SessionDefinitionChange(definition: renamed(created.session.definition, "  "), reschedule: true)
        let refused = await #expect(throws: StoreError.self) {
            try await store.append([StoreFixtures.event(1, name: "session.changed")], to: id, changing: blank)
        }
        #expect(refused?.code == .invalidInput)
        await store.close()

        let reopened = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        #expect(try await reopened.session(id) == created.session)
        #expect(try await reopened.events(of: id, after: 0).isEmpty)
        // The log goes on from seq 1: nothing of either refused append is half there.
        #expect(try await reopened.append([StoreFixtures.event(1)], to: id, changing: nil) == 1)
        await reopened.close()
    }
}
