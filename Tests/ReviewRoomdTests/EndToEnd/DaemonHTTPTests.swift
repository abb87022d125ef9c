import Foundation
import ReviewRoomTesting
import Testing

@Suite("Daemon HTTP surface")
struct DaemonHTTPTests {
    @Test func theHomePageHasSecurityHeadersAndAContentType() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        let page = try await CurlClient.request("GET", url + "/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.headers["content-security-policy"] == "default-src 'self'; frame-ancestors 'none'")
        #expect(page.headers["referrer-policy"] == "no-referrer")
        #expect(page.headers["x-content-type-options"] == "nosniff")
        #expect(page.text.lowercased().contains("<!doctype html"))

        let head = try await CurlClient.request("HEAD", url + "/index.html")
        #expect(head.status == 200)
        #expect(head.headers["content-type"] == "text/html; charset=utf-8")
        #expect(head.body.isEmpty)
        #expect(head.headers["content-length"] == "\(page.body.count)")
    }

    @Test func webRootServesPagesWithPrettyURLs() async throws {
        let root = try TemporaryDirectory.make(prefix: "web")
        try Data("<!doctype html><title>join page</title>".utf8).write(to: root.appendingPathComponent("join.html"))
        try Data("console.log(1)".utf8).write(to: root.appendingPathComponent("app.js"))
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_WEB_ROOT": root.path])
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        let join = try await CurlClient.request("GET", url + "/join")
        #expect(join.status == 200 && join.text.contains("join page"))
        let script = try await CurlClient.request("GET", url + "/app.js")
        #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
        let missing = try await CurlClient.request("GET", url + "/")
        #expect(missing.status == 404, "this web root has no index.html")
        #expect(missing.headers["x-content-type-options"] == "nosniff")
    }

    /// The shipped pages link their script, stylesheet and icon under the client's version, and
    /// the browser keeps those for good: a reload on a slow school link asks for the page alone.
    @Test func theClientsPagesLinkTheirFilesUnderItsVersion() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        var versions = Set<String>()
        for page in ["/", "/join", "/console", "/display", "/record-view"] {
            let html = try await CurlClient.request("GET", url + page)
            #expect(html.headers["cache-control"] == "no-store")
            let links = html.text.matches(of: /(?:src|href)="v\/([0-9a-f]{16})\/([^"]+)"/).map { (String($0.output.1), String($0.output.2)) }
            #expect(Set(links.map(\.1)).isSuperset(of: ["favicon.svg", "js/" + (page == "/" ? "index" : page.dropFirst()) + ".js"]), "\(page): \(links)")
            for (version, file) in links {
                versions.insert(version)
                let response = try await CurlClient.request("GET", url + "/v/\(version)/\(file)")
                #expect(response.status == 200 && response.headers["cache-control"] == "public, max-age=31536000, immutable",
                        "\(page): \(file) \(response.status) \(response.headers)")
            }
        }
        #expect(versions.count == 1, "one version for every page: \(versions)")
    }

    /// A file asked for outside the pages' version (a page loaded before an upgrade, a client of
    /// its own) is asked for again each time: an unchanged one comes back as an empty 304 (its
    /// `ETag` in `If-None-Match`), and a changed one in full.
    @Test func anUnchangedFileIsNotSentAgain() async throws {
        let root = try TemporaryDirectory.make(prefix: "web")
        let script = root.appendingPathComponent("app.js")
        try Data("console.log(1)".utf8).write(to: script)
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_WEB_ROOT": root.path])
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        let first = try await CurlClient.request("GET", url + "/app.js")
        let tag = try #require(first.headers["etag"])
        #expect(first.status == 200 && first.headers["cache-control"] == "no-cache" && tag.hasPrefix("\""), "\(first.headers)")
        for condition in [tag, "W/\(tag)", "\"other\", \(tag)", "*"] {
            let again = try await CurlClient.request("GET", url + "/app.js", extraArguments: ["-H", "If-None-Match: \(condition)"])
            #expect(again.status == 304 && again.body.isEmpty && again.headers["etag"] == tag, "\(condition): \(again.status)")
        }
        let other = try await CurlClient.request("GET", url + "/app.js", extraArguments: ["-H", "If-None-Match: \"other\""])
        #expect(other.status == 200 && other.text == "console.log(1)")
        try Data("console.log(2)".utf8).write(to: script)
        let changed = try await CurlClient.request("GET", url + "/app.js", extraArguments: ["-H", "If-None-Match: \(tag)"])
        #expect(changed.status == 200 && changed.text == "console.log(2)" && changed.headers["etag"] != tag)
    }

    /// Text files go gzipped to a browser that takes it (a third of the bytes on a slow school
    /// link), as the same content; to anyone else, and for images, as they are.
    @Test func textFilesGoGzippedToClientsThatTakeIt() async throws {
        let root = try TemporaryDirectory.make(prefix: "web")
        let text = String(repeating: "export const line = 'the same words again and again';\n", count: 200)
        try Data(text.utf8).write(to: root.appendingPathComponent("app.js"))
        try Data([0x89, 0x50, 0x4e, 0x47] + [UInt8](repeating: 7, count: 4000)).write(to: root.appendingPathComponent("logo.png"))
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_WEB_ROOT": root.path])
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        let plain = try await CurlClient.request("GET", url + "/app.js")
        #expect(plain.headers["content-encoding"] == nil && plain.text == text && plain.headers["vary"] == "Accept-Encoding")
        let raw = try await CurlClient.request("GET", url + "/app.js", extraArguments: ["-H", "Accept-Encoding: gzip, deflate, br"])
        #expect(raw.headers["content-encoding"] == "gzip" && raw.body.count < text.utf8.count / 5, "\(raw.headers) \(raw.body.count)")
        #expect(Array(raw.body.prefix(2)) == [0x1f, 0x8b], "a gzip member")
        let decoded = try await CurlClient.request("GET", url + "/app.js", extraArguments: ["--compressed"])
        #expect(decoded.text == text)
        let tag = try #require(raw.headers["etag"])
        #expect(tag.hasSuffix("-gzip\"") && tag != plain.headers["etag"])
        let head = try await CurlClient.request("HEAD", url + "/app.js", extraArguments: ["-H", "Accept-Encoding: gzip"])
        #expect(head.headers["content-length"] == "\(raw.body.count)" && head.body.isEmpty)
        let unchanged = try await CurlClient.request("GET", url + "/app.js", extraArguments: ["-H", "Accept-Encoding: gzip", "-H", "If-None-Match: \(tag)"])
        #expect(unchanged.status == 304)
        let refused = try await CurlClient.request("GET", url + "/app.js", extraArguments: ["-H", "Accept-Encoding: gzip;q=0, identity"])
        #expect(refused.headers["content-encoding"] == nil && refused.text == text)
        let image = try await CurlClient.request("GET", url + "/logo.png", extraArguments: ["-H", "Accept-Encoding: gzip"])
        #expect(image.headers["content-encoding"] == nil && image.headers["vary"] == nil && image.body.count == 4004)
    }

    @Test func unknownAPIRouteIsProblemJSON() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        let response = try await CurlClient.request("GET", url + "/api/v1/no-such-thing")
        #expect(response.status == 404)
        #expect(response.headers["content-type"] == "application/problem+json")
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        #expect(object?["status"] as? Int == 404)
        for key in ["type", "title", "detail"] { #expect(object?[key] is String, "no \(key)") }
        #expect(response.headers["content-security-policy"] != nil)
    }

    @Test func knownRouteWrongMethodIs405() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        let response = try await CurlClient.request("DELETE", url + "/api/v1/openapi.json")
        #expect(response.status == 405)
        #expect(response.headers["allow"] == "GET, HEAD")
        #expect(response.headers["content-type"] == "application/problem+json")
    }

    @Test func anOversizedBodyIs413() async throws {
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_MAX_REQUEST_BODY_BYTES": "1024"])
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        let body = try TemporaryDirectory.make(prefix: "body").appendingPathComponent("big.json")
        try Data(repeating: UInt8(ascii: "a"), count: 64 * 1024).write(to: body)
        let response = try await CurlClient.request("POST", url + "/api/v1/openapi.json", bodyFile: body)
        #expect(response.status == 413)
        Self.expectProblem(RawHTTPResponse(status: response.status, headers: response.headers, body: response.body),
                           status: 413, detailContains: "at most 1024")
        #expect(try await CurlClient.request("GET", url + "/livez").status == 200, "the daemon still serves")
    }

    /// A chunked body (lws 4.1.6 does not decode one); a request with no length and no
    /// Transfer-Encoding has an empty body instead (HTTPTransportTests).
    @Test func aChunkedBodyWithoutLengthIs411ProblemJSON() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let response = try await RawBlocking.run {
            let client = try RawHTTPClient(port: port)
            try client.socket.write(Array("POST /api/v1/sessions HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n".utf8))
            return try client.readResponse()
        }
        Self.expectProblem(response, status: 411, detailContains: "Content-Length")
        #expect(response.headers["connection"]?.lowercased() == "close")
    }

    @Test func refusedWebSocketUpgradesAreProblemJSON() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let (none, other, foreign) = try await RawBlocking.run {
            (try RawWebSocketClient.attemptUpgrade(port: port, subprotocol: nil),
             try RawWebSocketClient.attemptUpgrade(port: port, subprotocol: "chat"),
             try RawWebSocketClient.attemptUpgrade(port: port, origin: "https://evil.example"))
        }
        for (answer, status, detail) in [(none, 400, "reviewroom.v1"), (other, 400, "chat"), (foreign, 403, "https://evil.example")] {
            guard let answer else {
                Issue.record("no answer for the \(status) case")
                continue
            }
            Self.expectProblem(answer, status: status, detailContains: detail)
        }
    }

    /// An `application/problem+json` error with the security headers and a matching length.
    static func expectProblem(_ response: RawHTTPResponse, status: Int, detailContains: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.headers["content-type"] == "application/problem+json", sourceLocation: sourceLocation)
        #expect(response.headers["content-security-policy"] == "default-src 'self'; frame-ancestors 'none'", sourceLocation: sourceLocation)
        #expect(response.headers["referrer-policy"] == "no-referrer", sourceLocation: sourceLocation)
        #expect(response.headers["x-content-type-options"] == "nosniff", sourceLocation: sourceLocation)
        #expect(response.headers["content-length"] == "\(response.body.count)", sourceLocation: sourceLocation)
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        #expect(object?["status"] as? Int == status, sourceLocation: sourceLocation)
        for key in ["type", "title"] { #expect(object?[key] is String, "no \(key)", sourceLocation: sourceLocation) }
        let detail = object?["detail"] as? String ?? ""
        #expect(detail.contains(detailContains), "detail: \(detail)", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
                      "/%2E%2E/Package.swift", "/.%2e/.%2e/etc/passwd"])
    func pathTraversalIsRefused(path: String) async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        let response = try await CurlClient.request("GET", url + path)
        #expect((400..<500).contains(response.status), "\(path) answered \(response.status)")
        #expect(!response.text.contains("root:"))
        #expect(!response.text.contains("PackageDescription"))
    }
}
