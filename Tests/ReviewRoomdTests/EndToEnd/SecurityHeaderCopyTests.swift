import Foundation
import ReviewRoomTesting
import Testing

/// PROTOCOL.md §2's security headers on every answer the daemon's port gives — its own pages,
/// API errors, the transport's refusals and the refusals libwebsockets 4.1.6 makes inside its
/// parser (HTML 403 for a bad escape or an unknown method) — each exactly once; and the
/// requests libwebsockets drops without any answer.
@Suite("Daemon: security headers on every answer")
struct SecurityHeaderCopyTests {
    private static let expected = [
        ("content-security-policy", "default-src 'self'; frame-ancestors 'none'"),
        ("referrer-policy", "no-referrer"),
        ("x-content-type-options", "nosniff"),
    ]

    /// Writes `request` as is on a new connection and reads until the server closes it.
    private static func exchange(port: Int, _ request: String) async throws -> String {
        try await RawBlocking.run {
            let socket = try RawSocket(host: "127.0.0.1", port: port)
            defer { socket.close() }
            try socket.write(Array(request.utf8))
            // A reset instead of an orderly close still means the server said all it will say.
            return String(decoding: (try? socket.readToEnd(timeout: 30)) ?? [], as: UTF8.self)
        }
    }

    /// The status and every header line of the first response in `raw`, names lower-cased.
    private static func head(_ raw: String) -> (status: Int, lines: [(String, String)]) {
        let block = raw.components(separatedBy: "\r\n\r\n").first ?? ""
        var lines = block.components(separatedBy: "\r\n")
        let status = lines.isEmpty ? 0 : Int(lines.removeFirst().split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        })
    }

    private static func expectEachSecurityHeaderOnce(_ raw: String, status: Int, _ what: String,
                                                     sourceLocation: SourceLocation = #_sourceLocation) {
        let (got, lines) = head(raw)
        #expect(got == status, "\(what): \(raw.prefix(300))", sourceLocation: sourceLocation)
        for (name, value) in expected {
            let values = lines.filter { $0.0 == name }.map(\.1)
            #expect(values == [value], "\(what): \(name) \(values)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [("GET /api/v1/sessions/%zz", "a bad percent escape"), ("TRACE /api/v1/sessions", "TRACE"),
                      ("BREW /api/v1/sessions", "an unknown method")])
    func libwebsocketsOwnRefusalsCarryTheSecurityHeaders(requestLine: String, what: String) async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let raw = try await Self.exchange(port: port, "\(requestLine) HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        Self.expectEachSecurityHeaderOnce(raw, status: 403, what)
        #expect(Self.head(raw).lines.first { $0.0 == "content-type" }?.1 == "text/html", "libwebsockets' own page")
    }

    @Test func everyOtherAnswerCarriesEachSecurityHeaderExactlyOnce() async throws {
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_MAX_REQUEST_BODY_BYTES": "1024"])
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let cases: [(request: String, status: Int, what: String)] = [
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 200, "the home page"),
            ("GET /livez HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 200, "liveness"),
            ("GET /api/v1/no-such-thing HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 404, "an API 404"),
            ("GET /api/v1/sessions HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 401, "an API 401"),
            ("POST /api/v1/sessions HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 411,
             "the transport's 411"),
            ("POST /api/v1/sessions HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "a", count: 5000), 413,
             "the transport's 413, after the body"),
            ("POST /api/v1/sessions HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n", 413,
             "the transport's 413, at once"),
            ("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", 400, "a refused WebSocket upgrade"),
        ]
        for item in cases {
            Self.expectEachSecurityHeaderOnce(try await Self.exchange(port: port, item.request), status: item.status, item.what)
        }
    }

    /// libwebsockets 4.1.6 drops these inside its header parser (`LPR_FAIL`), before any
    /// callback: no answer can be given (HTTPAPI.md lists them as its limits).
    @Test(arguments: ["GET /api/v1/sessions/a%00b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                      "GET /api/v1/sessions HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer \(String(repeating: "a", count: 9000))\r\n"
                        + "Connection: close\r\n\r\n"])
    func aNULInThePathOrHeadersOver8KiBCloseWithoutAnAnswer(request: String) async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let port = try await daemon.port()
        #expect(try await Self.exchange(port: port, request).isEmpty)
        let after = try await Self.exchange(port: port, "GET /livez HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        #expect(Self.head(after).status == 200, "the daemon still serves")
    }
}
