import Foundation
import Testing
@testable import ReviewRoomCore

@Suite struct EventEncodingTests {
    static let samples: [EventBody] = [
        .clockChanged(SessionFixture.started().clock),
        .floorChanged(Floor(mode: .queue, speaker: "r1", since: SessionFixture.at(1), turnEndsAt: nil,
                            queue: [Hand(participant: "h1", kind: .response, raisedAt: SessionFixture.at(0))],
                            round: Round(order: ["r1"], index: 0, secondsEach: 30), spokenMs: ["r1": 1500])),
        .promptsChanged(SessionFixture.session().prompts),
        .clockWarning(phase: 2, remainingSec: 59.5),
        .clockTimeUp(phase: 1),
        .floorTimeUp(participant: "r2"),
        .participantChanged(SessionFixture.people),
        .sessionChanged(SessionChange(title: "T", focus: "F", startsAt: SessionFixture.startsAt, timeZone: "UTC",
                                      agenda: SessionFixture.agenda, prompts: SessionFixture.session().prompts)),
    ]

    static let dataKeys: [String: Set<String>] = [
        "clock.changed": ["clock"], "floor.changed": ["floor"], "prompts.changed": ["prompts"],
        "clock.warning": ["phase", "remainingSec"], "clock.timeUp": ["phase"], "floor.timeUp": ["participant"],
        "participant.changed": ["participants"],
        "session.changed": ["title", "focus", "startsAt", "timeZone", "agenda", "prompts"],
    ]

    @Test(arguments: samples)
    func dataHasExactlyTheTableKeysAndRoundTrips(_ body: EventBody) throws {
        let event = Event(at: SessionFixture.at(3.5), body: body)
        let json = try EncodedJSON.object(event)
        #expect(Set(json.keys) == ["at", "name", "data"])
        #expect(json["at"] as? String == "2026-12-01T09:30:03.500Z")
        #expect(json["name"] as? String == body.name)
        let data = try #require(json["data"] as? [String: Any])
        #expect(Set(data.keys) == Self.dataKeys[body.name])
        #expect(try EncodedJSON.decode(Event.self, from: EncodedJSON.string(event)) == event)
    }

    @Test func warningDataValues() throws {
        let json = try EncodedJSON.object(Event(at: SessionFixture.at(0), body: .clockWarning(phase: 2, remainingSec: 59.5)))
        let data = try #require(json["data"] as? [String: Any])
        #expect(data["phase"] as? Int == 2)
        #expect(data["remainingSec"] as? Double == 59.5)
    }

    @Test(arguments: [
        #"{"at":"2026-12-01T09:30:00Z","name":"note.op","data":{}}"#,
        #"{"at":"2026-12-01T09:30:00Z","name":"clock.timeUp","data":{}}"#,
        #"{"at":"yesterday","name":"clock.timeUp","data":{"phase":1}}"#,
        #"{"name":"clock.timeUp","data":{"phase":1}}"#,
    ])
    func malformedEventsDoNotDecode(_ text: String) {
        #expect(throws: DecodingError.self) { try EncodedJSON.decode(Event.self, from: text) }
    }

    @Test func sessionStateRoundTripsThroughJSON() throws {
        var state = SessionFixture.started()
        state.ok(.floorGrant(participant: "r1", turnSec: 5), by: "f1", at: SessionFixture.at(1))
        _ = state.tick(at: SessionFixture.at(6))
        let decoded = try EncodedJSON.decode(SessionState.self, from: EncodedJSON.string(state))
        #expect(decoded == state)
    }
}
