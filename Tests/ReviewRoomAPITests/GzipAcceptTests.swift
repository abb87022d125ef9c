@testable import ReviewRoomServer
import Testing

/// Which `Accept-Encoding` values get the browser client's files gzipped (RFC 9110 §12.5.3).
@Suite("HTTP: gzip by Accept-Encoding")
struct GzipAcceptTests {
    @Test(arguments: [
        ("gzip, deflate, br", true), ("br;q=1.0, gzip;q=0.8", true), ("*", true), ("x-gzip", true), ("GZIP", true),
        ("gzip;q=0", false), ("gzip; q=0.0, identity", false), ("identity", false), ("br", false), ("", false),
    ])
    func acceptance(value: String, accepted: Bool) {
        #expect(Gzip.isAccepted(by: value) == accepted, "\(value)")
    }

    @Test func noHeaderMeansNoGzip() {
        #expect(!Gzip.isAccepted(by: nil))
    }

    @Test func aBodyShrinksToAGzipMember() throws {
        let body = Array(String(repeating: "the same words again ", count: 500).utf8)
        let compressed = try #require(Gzip.compress(body))
        #expect(compressed.count < body.count / 10 && Array(compressed.prefix(2)) == [0x1f, 0x8b])
        #expect(Gzip.compress([]).map { Array($0.prefix(2)) } == [0x1f, 0x8b], "an empty body is a valid member too")
    }
}
