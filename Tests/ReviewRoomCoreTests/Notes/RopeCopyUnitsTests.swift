import ReviewRoomCore
import Testing

@Suite("Rope: copying a range into a reused buffer")
struct RopeCopyUnitsTests {
    @Test("copies what units(in:) returns, across leaves, clamped, and keeps the buffer's storage")
    func copiesAndReuses() {
        let text = (0 ..< 600).map { "word\($0) 👩🏽‍🏫 " }.joined()
        var rope = Rope(text)
        rope.insert("MIDDLE", at: 3_000)
        var buffer: [UInt16] = []
        buffer.reserveCapacity(4_096)
        let capacity = buffer.capacity
        for range in [0 ..< 0, 0 ..< 10, 1_000 ..< 3_100, 2_990 ..< 3_010, rope.utf16Count - 5 ..< rope.utf16Count + 50] {
            rope.copyUnits(in: range, into: &buffer)
            #expect(buffer == rope.units(in: range), "range \(range)")
            #expect(buffer.capacity == capacity, "the buffer was reused for \(range)")
        }
        rope.copyUnits(in: -5 ..< 3, into: &buffer)
        #expect(buffer == Array(text.utf16.prefix(3)))
    }
}
