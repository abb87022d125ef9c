import Foundation
import ReviewRoomServer
import Testing
import WebSocketTransport

@Suite("API router")
struct APIRouterTests {
    private var router: APIRouter {
        var router = APIRouter()
        router.add("GET", "/api/v1/sessions/{id}") { request in
            .text(200, "session \(request.parameters["id"] ?? "?")")
        }
        router.add("DELETE", "/api/v1/sessions/{id}") { _ in HTTPResponseBuilder(status: 204) }
        return router
    }

    private func send(_ method: String, _ path: String) async -> HTTPResponseBuilder {
        await router.respond(to: APIRequest(http: HTTPRequest(method: method, path: path), parameters: [:]))
    }

    @Test func matchesPatternsAndDecodesParameters() async {
        let response = await send("GET", "/api/v1/sessions/s%20one")
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "session s one")
    }

    @Test func unknownRouteIsProblemJSON404() async throws {
        let response = await send("GET", "/api/v1/nothing-here")
        #expect(response.status == 404)
        #expect(response.contentType == "application/problem+json")
        let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(response.body))
        #expect(problem.status == 404)
        #expect(problem.detail.contains("/api/v1/nothing-here"))
        #expect(!problem.title.isEmpty && !problem.type.isEmpty)
    }

    @Test func knownRouteWithAnotherMethodIs405WithAllow() async throws {
        let response = await send("PUT", "/api/v1/sessions/abc")
        #expect(response.status == 405)
        let allow = response.headers.first { $0.0 == "Allow" }?.1
        #expect(allow == "DELETE, GET, HEAD")
        let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(response.body))
        #expect(problem.status == 405 && problem.detail.contains("PUT"))
    }

    @Test func headIsServedByGet() async {
        let response = await send("HEAD", "/api/v1/sessions/abc")
        #expect(response.status == 200)
    }

    @Test func malformedPercentEscapeMatchesNoRoute() async {
        let response = await send("GET", "/api/v1/sessions/%zz")
        #expect(response.status == 404)
    }
}
