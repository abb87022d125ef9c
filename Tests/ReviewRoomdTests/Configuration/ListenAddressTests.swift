import ReviewRoomServer
import Testing

@Suite("Listen address")
struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080), ("0.0.0.0:0", "0.0.0.0", 0),
        ("[::1]:443", "::1", 443), ("localhost:65535", "localhost", 65535),
    ])
    func parsesValidAddresses(text: String, host: String, port: Int) throws {
        let address = try ListenAddress.parse(text).get()
        #expect(address == ListenAddress(host: host, port: port))
        #expect(address.description == text)
    }

    @Test(arguments: ["nohost", ":8080", "127.0.0.1:", "127.0.0.1:70000", "127.0.0.1:-1", "::1:80", "[::1]80", "a b:1",
                      "127.0.0.1:+80", "[::1]:+443"])
    func refusesMalformedAddresses(text: String) {
        guard case .failure(let error) = ListenAddress.parse(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(error.description.contains(text))
    }

    /// A huge value is quoted by its beginning, not echoed whole into the journal.
    @Test func aLongValueIsQuotedShort() {
        let text = String(repeating: "a", count: 100_000) + ":x"
        guard case .failure(let error) = ListenAddress.parse(text) else {
            Issue.record("accepted")
            return
        }
        #expect(error.description.count < 400 && error.description.contains(String(repeating: "a", count: 100) + "…"), "\(error.description.count)")
    }

    /// A URL in `listen` was told to "write an IPv6 address in brackets", for the scheme's colon.
    @Test(arguments: ["http://127.0.0.1:8080", "https://review.lan:443", "http://[::1]:80"])
    func aURLIsToldItNeedsNoScheme(text: String) {
        guard case .failure(let error) = ListenAddress.parse(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(error.description.contains("without a scheme") && error.description.contains("public_url"), "\(error)")
    }
}
