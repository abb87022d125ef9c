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

    @Test func storedEventsFromBeforeTheRingArePutInFrontOnlyWithoutAGap() {
        var recent = RecentEvents(nextSeq: 1, capacity: 3)
        for seq in Int64(1)...7 { recent.append(stored: record(seq)) }
        // The ring holds 5…7 now.
        let older = (2...4).map { record(Int64($0)) }
        #expect(texts(recent.frames(after: 1, older: older)) == (2...7).map { text(Int64($0)) })
        #expect(texts(recent.frames(after: 5, older: older)) == [text(6), text(7)], "the ring alone when it reaches back far enough")
        #expect(recent.frames(after: 0, older: older) == nil, "older does not start right after 0")
        #expect(recent.frames(after: 1, older: [record(2), record(3)]) == nil, "a gap before the ring")
        #expect(recent.frames(after: 1, older: [record(2), record(4)]) == nil, "a gap inside older")
        #expect(recent.frames(after: 1, older: []) == nil)
    }

    @Test func oldEventsAreDroppedPastTwiceTheCapacity() {
        var recent = RecentEvents(nextSeq: 1, capacity: 3)
        for seq in Int64(1)...7 { recent.append(stored: record(seq)) }
        #expect(recent.frames(after: 3) == nil)
        #expect(texts(recent.frames(after: 4)) == [text(5), text(6), text(7)])
    }

    @Test func oldEventsAreDroppedPastTwiceTheByteCapacityDownToIt() {
        let size = OutboundFrame(text(1)).count
        var recent = RecentEvents(nextSeq: 1, capacity: 100, byteCapacity: 3 * size)
        for seq in Int64(1)...6 { recent.append(OutboundFrame(text(seq))) }
        #expect(texts(recent.frames(after: 0)) == (1...6).map { text(Int64($0)) }, "up to twice the bytes are kept")
        recent.append(OutboundFrame(text(7)))
        #expect(recent.frames(after: 3) == nil)
        #expect(texts(recent.frames(after: 4)) == [text(5), text(6), text(7)])
        #expect(recent.bytes == 3 * size)
    }

    @Test func theNewestEventStaysWhateverItsSize() {
        var recent = RecentEvents(nextSeq: 1, capacity: 100, byteCapacity: 1)
        for seq in Int64(1)...3 { recent.append(OutboundFrame(text(seq))) }
        #expect(texts(recent.frames(after: 2)) == [text(3)])
        #expect(recent.frames(after: 1) == nil)
    }

    @Test func storedEventsCountTheirNameAndDataAsTheirBytes() {
        var recent = RecentEvents(nextSeq: 1, capacity: 10)
        recent.append(stored: record(1))
        #expect(recent.bytes == "floor.changed".utf8.count + #"{"floor":{"n":1}}"#.utf8.count)
        #expect(recent.bytes < OutboundFrame(text(1)).count, "a lower bound of the frame")
    }
}
