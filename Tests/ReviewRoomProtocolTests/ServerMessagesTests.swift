import Foundation
import ReviewRoomCore
import ReviewRoomProtocol
import Testing

@Suite("Server messages")
struct ServerMessagesTests {
    private func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func errorCarriesNullIDAndOpensAt() throws {
        let opens = Timestamp(millisecondsSince1970: 1_000)
        let starts = Timestamp(millisecondsSince1970: 901_000)
        let error = try object(ServerMessages.error(ProtocolError(code: .notOpen, message: "later", id: nil), opensAt: opens,
                                                    timeZone: "Europe/London", title: "Reading", startsAt: starts))
        #expect(error["id"] is NSNull)
        #expect(error["code"] as? String == "not_open")
        #expect(error["opensAt"] as? String == opens.rfc3339)
        #expect(error["title"] as? String == "Reading" && error["timeZone"] as? String == "Europe/London")
        #expect(error["startsAt"] as? String == starts.rfc3339, "the start, not only the lobby's opening")
    }

    @Test func eventDataOfACoreEventRoundTrips() throws {
        let event = Event(at: Timestamp(millisecondsSince1970: 5_000), body: .clockTimeUp(phase: 2))
        let data = WireJSON.data(of: event)
        #expect(data == #"{"phase":2}"#)
        #expect(WireJSON.event(name: event.name, at: event.at, data: data) == event)
        let frame = try object(ServerMessages.event(seq: 9, at: event.at, name: event.name, data: data))
        #expect(frame["seq"] as? Int == 9)
        #expect((frame["data"] as? [String: Any])?["phase"] as? Int == 2)
    }

    @Test("An event's envelope names who made the change, but not for note.op (its data has `by`) nor for the server's own")
    func eventEnvelopeBy() throws {
        let at = Timestamp(millisecondsSince1970: 5_000)
        let moved = try object(ServerMessages.event(seq: 3, at: at, name: "clock.changed", data: #"{"clock":{}}"#, author: "p_cy"))
        #expect(moved["by"] as? String == "p_cy")
        #expect((moved["data"] as? [String: Any])?["by"] == nil, "data stays as PROTOCOL's table")
        let timed = try object(ServerMessages.event(seq: 4, at: at, name: "clock.changed", data: #"{"clock":{}}"#, author: nil))
        #expect(timed["by"] == nil)
        let op = try object(ServerMessages.event(seq: 5, at: at, name: "note.op", data: #"{"by":"p_asha"}"#, author: "p_asha"))
        #expect(op["by"] == nil)
        #expect((op["data"] as? [String: Any])?["by"] as? String == "p_asha")
    }

    @Test func quotingEscapesControlCharactersAndQuotes() throws {
        let text = "a\"b\\c\n\u{01}é"
        let parsed = try JSONParser.parse(Array(JSONText.quote(text).utf8))
        #expect(parsed.kind == .string(text))
    }

    @Test func quotingEscapesExactlyWhatJSONNeedsOnBothPaths() {
        #expect(JSONText.quote("p_1-x y") == #""p_1-x y""#)
        #expect(JSONText.quote(#"say "hi" \ bye"#) == #""say \"hi\" \\ bye""#)
        #expect(JSONText.quote("a\tb\nc\u{01}") == #""a\tb\nc\u0001""#)
        #expect(JSONText.quote("café \u{2028}") == "\"café \\u2028\"")
        #expect(JSONText.quote("\u{7F}") == "\"\u{7F}\"")
        #expect(JSONText.quote("") == #""""#)
    }
}
