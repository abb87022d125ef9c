/// The daemon's OpenAPI 3.1 description, served at `/api/v1/openapi.json`. It lists only what
/// the server does today; each issue that adds a route adds it here.
public enum OpenAPIDocument {
    /// The JSON text.
    public static func json(version: String) -> String {
        """
        {"openapi":"3.1.0",\
        "info":{"title":"ReviewRoom","version":"\(version)"},\
        "paths":{\
        "/api/v1/openapi.json":{"get":{"summary":"This description","responses":{"200":{"description":"OpenAPI 3.1 document","content":{"application/json":{}}}}}},\
        "/livez":{"get":{"summary":"Liveness","responses":{"200":{"description":"The process is alive","content":{"text/plain":{}}}}}},\
        "/healthz":{"get":{"summary":"Liveness (alias of /livez)","responses":{"200":{"description":"The process is alive","content":{"text/plain":{}}}}}},\
        "/readyz":{"get":{"summary":"Readiness","responses":{"200":{"description":"Serving","content":{"text/plain":{}}},"503":{"description":"Starting or stopping","content":{"text/plain":{}}}}}}\
        }}
        """
    }

    /// Adds the route serving it to `router`.
    public static func register(in router: inout APIRouter, version: String) {
        let body = Array(json(version: version).utf8)
        router.add("GET", "/api/v1/openapi.json") { _ in
            HTTPResponseBuilder(status: 200, contentType: "application/json", body: body)
        }
    }
}
