import Foundation
import ReviewRoomTesting
import Testing

@Suite("API: OpenAPI document")
struct OpenAPIDocumentTests {
    /// Every route the daemon answers, as `METHOD path-template`.
    static let routes: Set<String> = [
        "GET /api/v1/templates", "GET /api/v1/prompt-decks", "GET /api/v1/sessions", "POST /api/v1/sessions",
        "GET /api/v1/sessions/{id}", "PATCH /api/v1/sessions/{id}", "DELETE /api/v1/sessions/{id}",
        "POST /api/v1/sessions/{id}/participants", "DELETE /api/v1/sessions/{id}/participants/{pid}",
        "POST /api/v1/sessions/{id}/participants/{pid}/reissue", "GET /api/v1/sessions/{id}/access",
        "GET /api/v1/sessions/{id}/record", "GET /api/v1/invite/record", "GET /api/v1/invite/followed-record", "GET /api/v1/invite",
        "GET /api/v1/sessions/{id}/calendar.ics", "GET /api/v1/openapi.json", "GET /livez", "GET /healthz", "GET /readyz",
        "GET /metrics",
    ]

    @Test func theDocumentListsExactlyTheServedRoutesAndResolvesEveryReference() async throws {
        let api = try await APIDaemon.start(facilitators: ["Ann"])
        defer { api.stop() }
        let response = try await api.request("GET", "/api/v1/openapi.json", token: nil)
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        let document = try #require(response.jsonObject)
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var listed = Set<String>()
        for (path, item) in paths {
            for method in ["get", "post", "patch", "delete", "put"] where item[method] != nil {
                listed.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(listed == Self.routes)
        let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: [String: Any]]
        #expect(schemes?["bearer"]?["scheme"] as? String == "bearer")

        // Every $ref points at something that exists.
        let text = response.text
        let components = try #require(document["components"] as? [String: [String: Any]])
        let pattern = try NSRegularExpression(pattern: ##""\$ref":"#/components/(\w+)/(\w+)""##)
        let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        #expect(!matches.isEmpty)
        for match in matches {
            guard let kind = Range(match.range(at: 1), in: text), let name = Range(match.range(at: 2), in: text) else { continue }
            #expect(components[String(text[kind])]?[String(text[name])] != nil, "dangling \(text[kind])/\(text[name])")
        }
    }

    @Test func everyUndocumentedRouteIsReallyNotServed() async throws {
        let api = try await APIDaemon.start(facilitators: ["Ann"])
        defer { api.stop() }
        for path in ["/api/v1/session", "/api/v1/sessions/x/participants/y/z", "/api/v2/sessions", "/api/v1"] {
            #expect(try await api.call("GET", path).status == 404, "\(path)")
        }
    }
}
