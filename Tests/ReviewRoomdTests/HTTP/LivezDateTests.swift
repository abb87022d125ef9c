import Logging
import ReviewRoomCore
import ReviewRoomServer
import Testing
import WebSocketTransport

/// Every response gives the server's time in `Date` (RFC 9110 §6.6.1); a page told `not_open`
/// times its retry by `/livez`'s, where a laptop clock minutes off made it reload every 15 s until
/// the lobby opened.
@Suite("The Date header")
struct LivezDateTests {
    static func instant(_ text: String) throws -> Timestamp { try #require(Timestamp(rfc3339: text)) }

    @Test("IMF-fixdate, to the second rounded down, with the right weekday",
          arguments: [("1970-01-01T00:00:00Z", "Thu, 01 Jan 1970 00:00:00 GMT"),
                      ("1994-11-06T08:49:37Z", "Sun, 06 Nov 1994 08:49:37 GMT"),
                      ("2026-12-06T02:20:05.999Z", "Sun, 06 Dec 2026 02:20:05 GMT"),
                      ("2028-02-29T23:59:59Z", "Tue, 29 Feb 2028 23:59:59 GMT"),
                      ("1969-12-31T23:59:59.500Z", "Wed, 31 Dec 1969 23:59:59 GMT")])
    func format(_ rfc3339: String, _ expected: String) throws {
        #expect(HTTPDate.string(try Self.instant(rfc3339)) == expected)
    }

    @Test("/livez and /healthz carry the responder's clock as Date")
    func livezCarriesTheClock() async throws {
        let clock = ManualSessionClock(start: try Self.instant("2026-12-06T09:14:30.250Z"))
        let responder = ReviewRoomHTTPResponder(readiness: Readiness(), api: APIRouter(), staticFiles: nil, clock: clock,
                                                logger: Logger(label: "test"))
        for path in ["/livez", "/healthz"] {
            let response = await responder.respond(to: HTTPRequest(method: "GET", path: path))
            #expect(response.status == 200)
            #expect(response.headers.filter { $0.0 == "Date" }.map(\.1) == ["Sun, 06 Dec 2026 09:14:30 GMT"], "\(path)")
        }
        clock.advance(to: try Self.instant("2026-12-06T09:15:01Z"))
        let later = await responder.respond(to: HTTPRequest(method: "GET", path: "/livez"))
        #expect(later.headers.contains { $0 == ("Date", "Sun, 06 Dec 2026 09:15:01 GMT") })
        // Every other answer carries it too (RFC 9110 §6.6.1), a refusal and a 404 included, once each.
        for (method, path, status) in [("POST", "/livez", 405), ("GET", "/nothing-here", 404), ("GET", "/readyz", 503)] {
            let other = await responder.respond(to: HTTPRequest(method: method, path: path))
            #expect(other.status == status)
            #expect(other.headers.filter { $0.0 == "Date" }.map(\.1) == ["Sun, 06 Dec 2026 09:15:01 GMT"], "\(method) \(path)")
        }
        let refusal = responder.refusal(HTTPRefusal(status: 413, title: "Content Too Large", detail: "too big"))
        #expect(refusal.headers.filter { $0.0 == "Date" }.map(\.1) == ["Sun, 06 Dec 2026 09:15:01 GMT"])
    }
}
