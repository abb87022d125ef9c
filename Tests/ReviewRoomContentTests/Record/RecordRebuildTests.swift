import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Review record: rebuilt from a stored log")
struct RecordRebuildTests {
    /// The scripted review's events as the store keeps them: state events with their seqs,
    /// then every note op as a `note.op` event.
    static func storedLog(_ review: ScriptedReview) throws -> [StoredLogEvent] {
        var log: [StoredLogEvent] = try review.events.map { logged in
            let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(logged.event)) as? [String: Any])
            let data = try JSONSerialization.data(withJSONObject: try #require(object["data"]), options: [.sortedKeys])
            return StoredLogEvent(seq: logged.seq, at: logged.event.at, name: logged.event.name,
                                  data: String(decoding: data, as: UTF8.self), author: logged.author)
        }
        for buffer in review.notes {
            for entry in buffer.history {
                let data = "{\"note\":\"\(buffer.id)\",\"rev\":\(entry.rev),\"op\":\(entry.op.json),"
                    + "\"by\":\"\(entry.author)\",\"opId\":\"\(entry.opId)\"}"
                log.append(StoredLogEvent(seq: Int64(log.count + 1), at: entry.at, name: "note.op", data: data,
                                          author: entry.author))
            }
        }
        return log
    }

    @Test("replaying the stored log gives the same record as the live session")
    func sameRecord() throws {
        let review = try ScriptedReview.played()
        let rebuilt = try RecordInput.rebuilding(ScriptedReview().state, log: try Self.storedLog(review),
                                                 generatedAt: ScriptedReview.at(1100))
        #expect(rebuilt.state == review.state)
        #expect(ReviewRecord(rebuilt) == ReviewRecord(review.input(at: 1100)))
        #expect(RecordRenderer.render(rebuilt, as: .markdown) == RecordRenderer.render(review.input(at: 1100), as: .markdown))
    }

    @Test("an integer opId and the string of its digits are two ops, kept as sent")
    func integerOpIds() throws {
        let log = [
            StoredLogEvent(seq: 1, at: ScriptedReview.at(1), name: "note.op",
                           data: #"{"note":"evidence","rev":1,"op":["a"],"by":"r1","opId":7}"#, author: "r1"),
            StoredLogEvent(seq: 2, at: ScriptedReview.at(2), name: "note.op",
                           data: #"{"note":"evidence","rev":2,"op":[1,"b"],"by":"r1","opId":"7"}"#, author: "r1"),
        ]
        let rebuilt = try RecordInput.rebuilding(ScriptedReview().state, log: log, generatedAt: ScriptedReview.at(3))
        let note = try #require(rebuilt.notes.first { $0.id == "evidence" })
        #expect(note.text.string == "ab")
        #expect(note.history.map(\.opId) == [OpIDText.integer(7), "7"])
    }

    @Test("unknown event names are skipped")
    func unknownNames() throws {
        let review = try ScriptedReview.played()
        var log = try Self.storedLog(review)
        log.insert(StoredLogEvent(seq: 999, at: ScriptedReview.at(5), name: "future.thing", data: "{}"), at: 1)
        let rebuilt = try RecordInput.rebuilding(ScriptedReview().state, log: log, generatedAt: ScriptedReview.at(1100))
        #expect(rebuilt.state == review.state)
    }

    @Test("a malformed state event is refused, naming it")
    func badStateEvent() throws {
        let log = [StoredLogEvent(seq: 3, at: ScriptedReview.at(1), name: "clock.changed", data: "{\"clock\": 5}")]
        #expect {
            _ = try RecordInput.rebuilding(ScriptedReview().state, log: log, generatedAt: ScriptedReview.at(2))
        } throws: { error in
            let error = error as? RecordRebuildError
            return error?.code == .badEvent && error?.message.hasPrefix("event 3 (clock.changed)") == true
        }
    }

    @Test("malformed and misplaced note ops are refused, naming the event", arguments: [
        ("{\"note\":\"evidence\",\"rev\":2,\"op\":[\"x\"],\"by\":\"r1\",\"opId\":\"a\"}", RecordRebuildError.Code.badNoteOp),
        ("{\"note\":\"evidence\",\"rev\":1,\"op\":[5],\"by\":\"r1\",\"opId\":\"a\"}", .badNoteOp),
        ("{\"note\":\"evidence\",\"rev\":1,\"op\":[0],\"by\":\"r1\",\"opId\":\"a\"}", .badEvent),
        ("{\"note\":\"evidence\",\"op\":[\"x\"]}", .badEvent),
        ("not json", .badEvent),
    ])
    func badNoteOp(data: String, code: RecordRebuildError.Code) throws {
        let log = [StoredLogEvent(seq: 7, at: ScriptedReview.at(1), name: "note.op", data: data)]
        #expect {
            _ = try RecordInput.rebuilding(ScriptedReview().state, log: log, generatedAt: ScriptedReview.at(2))
        } throws: { error in
            let error = error as? RecordRebuildError
            return error?.code == code && error?.message.hasPrefix("event 7 (note.op)") == true
        }
    }
}
