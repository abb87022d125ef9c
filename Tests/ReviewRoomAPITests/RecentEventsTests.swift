import ReviewRoomCore
import ReviewRoomProtocol
@testable import ReviewRoomServer
import ReviewRoomStore
import Testing
import WebSocketTransport

@Suite("Resume buffer: stored events framed on demand, broadcast ones kept")
struct RecentEventsTests {
    private func record(_ seq: Int64) -> EventRecord {
        EventRecord(seq: seq, at: Timestamp(millisecondsSince1970: 1_000 * seq), name: "floor.changed",
                    data: #"{"floor":{"n":\#(seq)}}"#)
    }

    private func text(_ seq: Int64) -> String {
        String(decoding: ServerMessages.event(seq: seq, at: Timestamp(millisecondsSince1970: 1_000 * seq),
                                              name: "floor.changed", data: #"{"floor":{"n":\#(seq)}}"#), as: UTF8.self)
    }

    private func texts(_ frames: [OutboundFrame]?) -> [String]? {
        frames?.map(\.text)
    }

    @Test func storedAndBroadcastEventsComeBackInOrderAsTheSameFrames() {
        var recent = RecentEvents(nextSeq: 1, capacity: 10)
        for seq in Int64(1)...3 { recent.append(stored: record(seq)) }
        recent.append(OutboundFrame(text(4)))
        #expect(texts(recent.frames(after: 0)) == (1...4).map { text(Int64($0)) })
        #expect(texts(recent.frames(after: 2)) == [text(3), text(4)])
        #expect(texts(recent.frames(after: 4)) == [])
        #expect(recent.frames(after: 5) == nil)
    }

    @Test func oldEventsAreDroppedPastTwiceTheCapacity() {
        var recent = RecentEvents(nextSeq: 1, capacity: 3)
        for seq in Int64(1)...7 { recent.append(stored: record(seq)) }
        #expect(recent.frames(after: 3) == nil)
        #expect(texts(recent.frames(after: 4)) == [text(5), text(6), text(7)])
    }
}
