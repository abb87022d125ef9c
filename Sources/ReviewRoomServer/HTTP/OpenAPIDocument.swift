/// The daemon's OpenAPI 3.1 description, served at `/api/v1/openapi.json`: every route, body and
/// response, problem+json errors and the bearer scheme (``OpenAPIPaths``, ``OpenAPIComponents``).
public enum OpenAPIDocument {
    /// The JSON text.
    public static func json(version: String) -> String {
        "{\"openapi\":\"3.1.0\","
            + "\"info\":{\"title\":\"ReviewRoom\",\"version\":\"\(version)\","
            + "\"description\":\"Facilitator API of ReviewRoom (PROTOCOL.md §2). Another facilitator's session answers 404, like one that does not exist.\"},"
            + "\"security\":[{\"bearer\":[]}],"
            + "\"paths\":\(OpenAPIPaths.json),"
            + "\"components\":\(OpenAPIComponents.json)}"
    }

    /// Adds the route serving it to `router`.
    public static func register(in router: inout APIRouter, version: String) {
        let body = Array(json(version: version).utf8)
        router.add("GET", "/api/v1/openapi.json") { _ in
            HTTPResponseBuilder(status: 200, contentType: "application/json", body: body)
        }
    }
}
