import Foundation
import ReviewRoomStore

/// One authenticated API request: the matched request and the facilitator whose bearer token
/// it carried.
struct APIContext: Sendable {
    /// The request with its path parameters.
    var request: APIRequest
    /// Who is asking.
    var facilitator: Facilitator

    /// A path parameter (always present: the route pattern names it).
    func parameter(_ name: String) -> String { request.parameters[name] ?? "" }

    /// The query parameter `name`, if given (`format=md`; the first of several), looked up in
    /// the arguments as the transport split them: `x=%26format%3Djson` is one argument `x`.
    func query(_ name: String) -> String? { Self.query(name, in: request) }

    /// The query parameter `name` of `request` (see ``query(_:)``).
    static func query(_ name: String, in request: APIRequest) -> String? {
        for pair in request.http.queryArguments {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }

    /// The bearer token of `Authorization`, or a 401 saying what is wrong with the header;
    /// `kind` names the token the route takes.
    static func bearerToken(_ request: APIRequest, kind: String = "facilitator token") throws(APIError) -> String {
        guard let header = request.http.headers["authorization"], !header.isEmpty else {
            throw .unauthorized("no Authorization header: send 'Authorization: Bearer <\(kind)>'")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw .unauthorized("the Authorization header is not 'Bearer <\(kind)>'")
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { throw .unauthorized("the Authorization header has an empty bearer token") }
        return token
    }
}
