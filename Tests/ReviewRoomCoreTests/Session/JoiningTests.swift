import Foundation
import Testing
@testable import ReviewRoomCore

@Suite struct JoiningTests {
    @Test func lobbyOpensByTheClockAlone() {
        let state = SessionFixture.session(lobbyMinutes: 15)
        let opensAt = SessionFixture.at(-900)
        #expect(state.info.opensAt == opensAt)
        #expect(state.status(at: SessionFixture.at(-900.001)) == .scheduled)
        #expect(state.joinAvailability(at: SessionFixture.at(-900.001)) == .notOpen(opensAt: opensAt))
        #expect(state.status(at: opensAt) == .lobby)
        #expect(state.joinAvailability(at: opensAt) == .open)
        #expect(state.status(at: SessionFixture.at(3600)) == .lobby)
        #expect(state.clock(at: opensAt).status == .lobby)
        #expect(state.clock.status == .scheduled)
    }

    @Test func notOpenErrorNamesTheOpeningTime() throws {
        let state = SessionFixture.session(lobbyMinutes: 10)
        let error = try #require(state.notOpenError(at: SessionFixture.at(-601)))
        #expect(error.code == .notOpen)
        #expect(error.message.contains("2026-12-01T09:20:00.000Z"))
        #expect(state.notOpenError(at: SessionFixture.at(-600)) == nil)
        #expect(error.message.hasSuffix("10 minutes before it starts at 2026-12-01T09:30:00.000Z"), "\(error.message)")
    }

    /// A probe read "opens at …, 1 minutes before it starts" (and "0 minutes before").
    @Test func notOpenErrorCountsMinutesInWords() throws {
        let one = try #require(SessionFixture.session(lobbyMinutes: 1).notOpenError(at: SessionFixture.at(-61)))
        #expect(one.message.hasSuffix("opens at 2026-12-01T09:29:00.000Z, 1 minute before it starts at 2026-12-01T09:30:00.000Z"),
                "\(one.message)")
        let none = try #require(SessionFixture.session(lobbyMinutes: 0).notOpenError(at: SessionFixture.at(-1)))
        #expect(none.message.hasSuffix("opens when it starts, at 2026-12-01T09:30:00.000Z"), "\(none.message)")
    }

    @Test func startedAndEndedSessionsAreOpen() {
        var state = SessionFixture.session()
        state.ok(.sessionStart, by: "f1", at: SessionFixture.at(-2000))
        #expect(state.status(at: SessionFixture.at(-2000)) == .live)
        #expect(state.joinAvailability(at: SessionFixture.at(-1999)) == .open)
        state.ok(.sessionEnd, by: "f1", at: SessionFixture.at(-1000))
        #expect(state.status(at: SessionFixture.at(-1000)) == .ended)
        #expect(state.joinAvailability(at: SessionFixture.at(-999)) == .open)
    }

    @Test func snapshotHasTheProtocolShape() throws {
        let state = SessionFixture.started()
        let json = try EncodedJSON.object(state.snapshot(at: SessionFixture.at(100)))
        #expect(Set(json.keys) == ["id", "title", "hostSchool", "focus", "startsAt", "timeZone", "agenda", "clock",
                                    "floor", "prompts", "notes", "participants"])
        let clock = try #require(json["clock"] as? [String: Any])
        #expect(clock["elapsedSec"] as? Double == 100)
        #expect(clock["remainingSec"] as? Double == 500)
        let phase = try #require((json["agenda"] as? [[String: Any]])?.first)
        #expect(Set(phase.keys) == ["id", "title", "kind", "durationSec", "turnMode", "onTimeUp", "prompts"])
        #expect(phase["turnMode"] as? String == "queue")
        let person = try #require((json["participants"] as? [[String: Any]])?.first)
        #expect(Set(person.keys) == ["id", "name", "role"])
        #expect(json["startsAt"] as? String == "2026-12-01T09:30:00.000Z")
    }
}
