import Foundation
import Logging
import ReviewRoomServer
import ReviewRoomTesting
import Testing
import WebSocketTransport

@Suite("HTTP responder")
struct HTTPResponderTests {
    private func responder(readiness: Readiness = Readiness()) throws -> ReviewRoomHTTPResponder {
        let root = try TemporaryDirectory.make(prefix: "web")
        try Data("<!doctype html>".utf8).write(to: root.appendingPathComponent("index.html"))
        var api = APIRouter()
        OpenAPIDocument.register(in: &api, version: "test")
        return ReviewRoomHTTPResponder(readiness: readiness, api: api, staticFiles: StaticFiles(root: root),
                                       logger: Logger(label: "test"))
    }

    private func header(_ name: String, in response: HTTPResponse) -> String? {
        response.headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The transport adds them to every answer as its canned headers (SecurityHeaderCopyTests
    /// checks each arrives exactly once); the responder adding them too would be a second copy.
    @Test(arguments: ["/", "/livez", "/readyz", "/api/v1/openapi.json", "/api/v1/none", "/nope", "/../x"])
    func theResponderLeavesTheSecurityHeadersToTheTransport(path: String) async throws {
        let responder = try responder()
        let response = await responder.respond(to: HTTPRequest(method: "GET", path: path))
        let refusal = responder.refusal(HTTPRefusal(status: 411, detail: "x"))
        for (name, _) in SecurityHeaders.all {
            #expect(header(name, in: response) == nil, "\(path): \(name)")
            #expect(header(name, in: refusal) == nil, "refusal: \(name)")
        }
        #expect(SecurityHeaders.all.map(\.0) == ["Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options"])
    }

    /// A plain GET of the WebSocket path is what a proxy that drops Upgrade and Connection
    /// sends: 426 naming the cause, not a 404 that reads as a wrong URL.
    @Test func aPlainRequestForTheWebSocketPathIs426() async throws {
        let readiness = Readiness()
        let responder = try responder(readiness: readiness)
        // Starting or stopping it is 503: a page asking why its WebSocket fails (connection.js,
        // `diagnose`) must read an outage, not "your network drops the upgrade".
        #expect(await responder.respond(to: HTTPRequest(method: "GET", path: "/ws")).status == 503)
        readiness.markReady()
        let response = await responder.respond(to: HTTPRequest(method: "GET", path: "/ws"))
        #expect(response.status == 426)
        #expect(header("Content-Type", in: response) == "application/problem+json")
        #expect(header("Upgrade", in: response) == "websocket")
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(body.contains("WebSocket upgrade headers missing") && body.contains("Upgrade and Connection"), "\(body)")
        let post = await responder.respond(to: HTTPRequest(method: "POST", path: "/ws"))
        #expect(post.status == 405)
        #expect(await responder.respond(to: HTTPRequest(method: "GET", path: "/wss")).status == 404)
        readiness.markStopping()
        #expect(await responder.respond(to: HTTPRequest(method: "GET", path: "/ws")).status == 503)
    }

    @Test func readinessFollowsThePhase() async throws {
        let readiness = Readiness()
        let responder = try responder(readiness: readiness)
        #expect(await responder.respond(to: HTTPRequest(method: "GET", path: "/readyz")).status == 503)
        readiness.markReady()
        #expect(await responder.respond(to: HTTPRequest(method: "GET", path: "/readyz")).status == 200)
        readiness.markStopping()
        #expect(await responder.respond(to: HTTPRequest(method: "GET", path: "/readyz")).status == 503)
        readiness.markReady()
        #expect(readiness.current == .stopping, "a stopping daemon never becomes ready again")
        #expect(await responder.respond(to: HTTPRequest(method: "GET", path: "/livez")).status == 200)
        #expect(await responder.respond(to: HTTPRequest(method: "GET", path: "/healthz")).status == 200)
    }

    @Test(arguments: [("GET", "/api/v1/openapi.json"), ("GET", "/api/v1/sessions/s_x"), ("PATCH", "/api/v1/sessions/s_x"),
                      ("POST", "/api/v1/sessions"), ("GET", "/api/v1/none")])
    func everyAPIRequestIs503OnceStopping(method: String, path: String) async throws {
        let readiness = Readiness()
        readiness.markReady()
        let responder = try responder(readiness: readiness)
        let before = await responder.respond(to: HTTPRequest(method: method, path: path))
        #expect(before.status != 503)
        readiness.markStopping()
        let response = await responder.respond(to: HTTPRequest(method: method, path: path))
        #expect(response.status == 503)
        #expect(header("Content-Type", in: response) == "application/problem+json")
        #expect(header("Retry-After", in: response) == "\(ReviewRoomHTTPResponder.shutdownRetryAfterSeconds)")
        let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(response.body))
        #expect(problem.status == 503 && problem.title == "Service Unavailable")
        #expect(problem.detail.contains("shutting down") && problem.detail.contains("\(method) \(path)"), "\(problem.detail)")
        // Health, pages and metrics are not the API's: they answer as before.
        #expect(await responder.respond(to: HTTPRequest(method: "GET", path: "/livez")).status == 200)
        #expect(await responder.respond(to: HTTPRequest(method: "GET", path: "/readyz")).status == 503)
        #expect(await responder.respond(to: HTTPRequest(method: "GET", path: "/")).status == 200)
    }

    @Test func headAnswersLikeGetAndPostOnAPageIs405() async throws {
        let responder = try responder()
        let head = await responder.respond(to: HTTPRequest(method: "HEAD", path: "/"))
        let get = await responder.respond(to: HTTPRequest(method: "GET", path: "/"))
        // The transport leaves a HEAD reply's body out but keeps its length.
        #expect(head.status == 200 && head.body == get.body)
        #expect(header("Content-Type", in: head) == "text/html; charset=utf-8")
        let post = await responder.respond(to: HTTPRequest(method: "POST", path: "/livez"))
        #expect(post.status == 405)
        #expect(header("Allow", in: post) == "GET, HEAD")
    }

    @Test func openAPIDocumentIsJSON() async throws {
        let response = try await responder().respond(to: HTTPRequest(method: "GET", path: "/api/v1/openapi.json"))
        #expect(response.status == 200)
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        #expect(object?["openapi"] as? String == "3.1.0")
        let paths = object?["paths"] as? [String: Any]
        #expect(paths?["/readyz"] != nil)
    }
}

@Suite("metrics_listen responder")
struct MetricsListenerResponderTests {
    @Test func servesMetricsToAnyClientAddress() async {
        let responder = MetricsListenerResponder(metrics: Metrics())
        for address in ["203.0.113.9", "10.1.2.3", "2001:db8::1", "127.0.0.1"] {
            let response = await responder.respond(to: HTTPRequest(method: "GET", path: "/metrics", remoteAddress: address))
            #expect(response.status == 200, "\(address)")
        }
    }

    @Test(arguments: ["/", "/livez", "/readyz", "/api/v1/openapi.json", "/ws", "/metrics/"])
    func everyOtherPathIsProblemJSON404(path: String) async {
        let response = await MetricsListenerResponder(metrics: Metrics()).respond(to: HTTPRequest(method: "GET", path: path))
        #expect(response.status == 404)
        #expect(response.headers.first { $0.0.lowercased() == "content-type" }?.1 == "application/problem+json")
    }
}
