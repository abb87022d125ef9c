/// Routes `/api/v1/*` requests by method and path pattern (`/api/v1/sessions/{id}`).
///
/// An unknown path (one ending in `/` included) is 404 and a known path with another method is
/// 405 with `Allow`, both as `application/problem+json`. HEAD is served by the GET handler without the body.
public struct APIRouter: Sendable {
    /// Answers one matched request.
    public typealias Handler = @Sendable (APIRequest) async -> HTTPResponseBuilder

    private struct Route: Sendable {
        var segments: [Substring]
        var handlers: [String: Handler]
    }

    private var routes: [Route] = []

    /// An empty router (every path 404).
    public init() {}

    /// Adds `handler` for `method` on `pattern`; `{name}` segments match any one segment.
    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
        if let index = routes.firstIndex(where: { $0.segments == segments }) {
            routes[index].handlers[method.uppercased()] = handler
        } else {
            routes.append(Route(segments: segments, handlers: [method.uppercased(): handler]))
        }
    }

    /// Whether `path` falls under this router's base `/api/`.
    public static func handles(_ path: String) -> Bool { path == "/api" || path.hasPrefix("/api/") }

    /// The response for a request under `/api/`. A path ending in `/` names no resource (404):
    /// libwebsockets ends a path at a `%00` after a slash, so `DELETE /api/v1/sessions/ID/%00`
    /// arrived as `/api/v1/sessions/ID/` and, read as the session's path, erased the session.
    public func respond(to request: APIRequest) async -> HTTPResponseBuilder {
        let path = request.http.path
        guard !path.hasSuffix("/") else {
            return ProblemDetails(title: "Not Found", status: 404,
                                  detail: "no API resource at \(path): the API's paths do not end in /").response()
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        for route in routes {
            guard let parameters = Self.match(route.segments, segments) else { continue }
            let method = request.http.method.uppercased()
            let lookup = method == "HEAD" ? "GET" : method
            guard let handler = route.handlers[lookup] else {
                var allowed = Set(route.handlers.keys)
                if allowed.contains("GET") { allowed.insert("HEAD") }
                let allow = allowed.sorted().joined(separator: ", ")
                return ProblemDetails(title: "Method Not Allowed", status: 405,
                                      detail: "\(method) is not allowed on \(path); allowed: \(allow)")
                    .response(extraHeaders: [("Allow", allow)])
            }
            var matched = request
            matched.parameters = parameters
            return await handler(matched)
        }
        return ProblemDetails(title: "Not Found", status: 404, detail: "no API resource at \(path)").response()
    }

    private static func match(_ pattern: [Substring], _ path: [Substring]) -> [String: String]? {
        guard pattern.count == path.count else { return nil }
        var parameters: [String: String] = [:]
        for (expected, actual) in zip(pattern, path) {
            if expected.hasPrefix("{") && expected.hasSuffix("}") {
                guard let decoded = PercentDecoding.decode(actual), !decoded.isEmpty else { return nil }
                parameters[String(expected.dropFirst().dropLast())] = decoded
            } else if expected != actual {
                return nil
            }
        }
        return parameters
    }
}
