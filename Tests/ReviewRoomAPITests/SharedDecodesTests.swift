import Testing
@testable import ReviewRoomServer

@Suite struct SharedDecodesTests {
    struct Unreadable: Error, Equatable {
        var text: String
    }

    /// Decodes "a,b,c" into ["a", "b", "c"]; an empty text is unreadable.
    private static func split(_ text: String) throws(Unreadable) -> [String] {
        guard !text.isEmpty else { throw Unreadable(text: text) }
        return text.split(separator: ",").map(String.init)
    }

    @Test func theSameTextIsDecodedOnceAndItsValueShared() throws {
        let cache = SharedDecodes<[String]>()
        var decodes = 0
        let decode = { (text: String) throws(Unreadable) -> [String] in
            decodes += 1
            return try Self.split(text)
        }
        let first = try cache.value(for: "a,b,c", decode: decode)
        let second = try cache.value(for: "a,b,c", decode: decode)
        let other = try cache.value(for: "x,y", decode: decode)
        #expect(first == ["a", "b", "c"])
        #expect(second == first)
        #expect(other == ["x", "y"])
        #expect(decodes == 2)
        #expect(cache.count == 2)
        // A value handed out is a copy: changing it leaves the shared one as it was.
        var edited = second
        edited[0] = "changed"
        #expect(try cache.value(for: "a,b,c", decode: decode) == ["a", "b", "c"])
        #expect(decodes == 2)
    }

    @Test func aTextThatFailsToDecodeIsNotKept() throws {
        let cache = SharedDecodes<[String]>()
        #expect(throws: Unreadable(text: "")) { try cache.value(for: "", decode: Self.split) }
        #expect(cache.count == 0)
        // The same text is tried again (and fails again) rather than answered from the cache.
        var decodes = 0
        #expect(throws: Unreadable(text: "")) {
            try cache.value(for: "") { (text) throws(Unreadable) in
                decodes += 1
                return try Self.split(text)
            }
        }
        #expect(decodes == 1)
        #expect(cache.count == 0)
    }

    @Test func capacityBoundsTheTextsKept() throws {
        let cache = SharedDecodes<[String]>(capacity: 2)
        for text in ["a", "b", "c", "d", "e"] {
            #expect(try cache.value(for: text, decode: Self.split) == [text])
            #expect(cache.count <= 2)
        }
        #expect(try cache.value(for: "e", decode: Self.split) == ["e"])
    }
}
