extension ReviewRoomHTTPResponder {
    /// The `Retry-After` (seconds) of an API call refused while the daemon shuts down: about as
    /// long as a graceful shutdown may take, after which a restarted daemon answers again.
    public static let shutdownRetryAfterSeconds = 10

    /// The 503 `application/problem+json` for an `/api/...` request that arrived once admission
    /// closed (``Readiness/Phase/stopping``); nothing of it was carried out.
    static func shuttingDown(_ method: String, _ path: String) -> HTTPResponseBuilder {
        ProblemDetails(title: "Service Unavailable", status: 503,
                       detail: "the server is shutting down: \(method) \(path) was not carried out; "
                           + "retry in \(shutdownRetryAfterSeconds) s")
            .response(extraHeaders: [("Retry-After", "\(shutdownRetryAfterSeconds)")])
    }
}
