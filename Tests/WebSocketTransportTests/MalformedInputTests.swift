import Foundation
import ReviewRoomTesting
import Testing
import WebSocketTransport

@Suite struct MalformedInputTests {
    @Test func nonNumericContentLengthIs400AndTheServerStaysUp() async throws {
        let harness = try TransportHarness()
        let port = harness.port
        let (bad, good) = try await RawBlocking.run {
            let client = try RawHTTPClient(port: port)
            try client.send("POST", "/x", headers: [("Content-Length", "abc")])
            let bad = try client.readResponse()
            return (bad, try RawHTTPClient(port: port).request("GET", "/ok"))
        }
        #expect(bad.status == 400)
        #expect(good.text == "GET /ok - - 0\n")
        await harness.stop()
    }

    @Test func garbageRequestIsNotAnsweredWith200AndTheServerStaysUp() async throws {
        let harness = try TransportHarness()
        let port = harness.port
        let (garbage, good) = try await RawBlocking.run {
            let socket = try RawSocket(host: "127.0.0.1", port: port)
            try socket.write(Array("\u{1}\u{2}NOT HTTP AT ALL\r\n\r\n".utf8))
            let garbage = String(decoding: try socket.readToEnd(timeout: 5), as: UTF8.self)
            return (garbage, try RawHTTPClient(port: port).request("GET", "/ok"))
        }
        #expect(!garbage.contains(" 200 "))
        #expect(good.status == 200)
        await harness.stop()
    }

    @Test func percentEncodedPathIsPassedAsLibwebsocketsNormalisesIt() async throws {
        let harness = try TransportHarness()
        let port = harness.port
        let response = try await RawBlocking.run { try RawHTTPClient(port: port).request("GET", "/a%20b/../c?q=%41") }
        // lws 4.1.6 percent-decodes the path and the query and resolves `..` before we see them.
        #expect(response.text == "GET /c q=A - 0\n")
        await harness.stop()
    }
}
