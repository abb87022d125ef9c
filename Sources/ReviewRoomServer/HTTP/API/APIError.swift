import ReviewRoomCore
import ReviewRoomStore

/// Why an API request was refused: an HTTP status and a detail naming what was wrong with this
/// request. Answered as `application/problem+json` (``ProblemDetails``).
struct APIError: Error, Sendable, Equatable {
    /// The HTTP status.
    var status: Int
    /// Short summary of the kind of problem.
    var title: String
    /// What was wrong with this request.
    var detail: String
    /// Extra response headers (e.g. `WWW-Authenticate`).
    var headers: [String: String] = [:]

    static func badRequest(_ detail: String) -> APIError { APIError(status: 400, title: "Bad Request", detail: detail) }
    static func notFound(_ detail: String) -> APIError { APIError(status: 404, title: "Not Found", detail: detail) }
    static func forbidden(_ detail: String) -> APIError { APIError(status: 403, title: "Forbidden", detail: detail) }
    static func conflict(_ detail: String) -> APIError { APIError(status: 409, title: "Conflict", detail: detail) }
    static func notAcceptable(_ detail: String) -> APIError { APIError(status: 406, title: "Not Acceptable", detail: detail) }
    static func unauthorized(_ detail: String) -> APIError {
        APIError(status: 401, title: "Unauthorized", detail: detail, headers: ["WWW-Authenticate": "Bearer realm=\"reviewroom\""])
    }
    static func internalError(_ detail: String) -> APIError {
        APIError(status: 500, title: "Internal Server Error", detail: detail)
    }
    /// 503 with `Retry-After`, as for any API request during shutdown (``ReviewRoomHTTPResponder``).
    static func shuttingDown(_ detail: String) -> APIError {
        APIError(status: 503, title: "Service Unavailable", detail: detail,
                 headers: ["Retry-After": "\(ReviewRoomHTTPResponder.shutdownRetryAfterSeconds)"])
    }

    /// A core refusal: `bad_request` 400, `not_found` 404, `invalid_state`/`session_ended` 409.
    init(_ error: CommandError) {
        switch error.code {
        case .badRequest, .invalidOp, .tooLarge: self = .badRequest(error.message)
        case .notFound, .unauthorized, .forbidden: self = .notFound(error.message)
        case .invalidState, .sessionEnded, .notOpen: self = .conflict(error.message)
        case .rateLimited, .internal: self = .internalError(error.message)
        }
    }

    /// A store failure: unknown things are 404, invalid input 400, a store that cannot take
    /// writes right now (disk full, not writable, busy, an I/O error, the file moved, closing)
    /// 503, the rest (a damaged file: no passing condition) 500. Neither names the store's
    /// message, which names server paths (an I/O error used to be a 500 quoting it).
    init(_ error: StoreError) {
        switch error.code {
        case .unknownSession, .unknownParticipant, .unknownFacilitator: self = .notFound(error.message)
        case .invalidInput: self = .badRequest(error.message)
        case .refused, .limitReached: self = .conflict(error.message)
        case .corrupt, .notADatabase: self = .internalError("the store failed (\(error.code)); the server's log says more")
        case _ where error.stopsCommits || error.code == .closed: self = .storeUnavailable(error.code)
        default: self = .internalError("the store failed (\(error.code)); the server's log says more")
        }
    }

    /// 503 for a store that cannot take writes now. The detail names only the kind of failure:
    /// the store's own message names server paths, which are for the log, not for API clients.
    static func storeUnavailable(_ code: StoreError.Code) -> APIError {
        APIError(status: 503, title: "Service Unavailable",
                 detail: "the server cannot save changes right now (store: \(code)); nothing was changed. "
                    + "Try again later; the server's log says more",
                 headers: ["Retry-After": "\(storeRetryAfterSeconds)"])
    }

    /// `Retry-After` of a ``storeUnavailable(_:)`` answer: long enough for someone to free disk space.
    static let storeRetryAfterSeconds = 30

    /// Any error thrown by the store or the live sessions.
    init(any error: any Error) {
        if let error = error as? APIError { self = error }
        else if let error = error as? CommandError { self.init(error) }
        else if let error = error as? StoreError { self.init(error) }
        else if let error = error as? SessionsStopping {
            self = .shuttingDown("\(error); retry in \(ReviewRoomHTTPResponder.shutdownRetryAfterSeconds) s")
        }
        else { self = .internalError("the request failed: \(error)") }
    }

    /// The `application/problem+json` response.
    var response: HTTPResponseBuilder {
        ProblemDetails(title: title, status: status, detail: detail)
            .response(extraHeaders: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    init(status: Int, title: String, detail: String, headers: [String: String] = [:]) {
        self.status = status; self.title = title; self.detail = detail; self.headers = headers
    }
}
