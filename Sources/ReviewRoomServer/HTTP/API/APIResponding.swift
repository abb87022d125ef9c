import Logging
import ReviewRoomStore

/// What every API route does around its handler: a thrown error becomes its problem+json
/// answer, server failures and refused tokens are logged, and the answer is counted.
struct APIResponding: Sendable {
    /// Counts answered requests by status.
    let metrics: Metrics?
    let logger: Logger
    /// Refused tokens: anyone can send them as fast as they like.
    private let refusals: PacedLog

    /// Answers for one API, logging to `logger`.
    init(metrics: Metrics?, logger: Logger) {
        self.metrics = metrics
        self.logger = logger
        refusals = PacedLog(logger: logger)
    }

    /// The answer of `handler` to `request`, or of what it threw.
    func respond(to request: APIRequest, _ handler: () async throws -> HTTPResponseBuilder) async -> HTTPResponseBuilder {
        let response: HTTPResponseBuilder
        do {
            response = try await handler()
        } catch {
            let failure = APIError(any: error)
            // A shutdown's 503 is expected; any other 5xx is logged with the whole error (a
            // store failure's answer leaves out what the log needs, such as the file's path).
            if failure.status >= 500 && !(error is SessionsStopping) {
                logger.error("API request failed", metadata: ["path": "\(request.http.path)", "status": "\(failure.status)",
                                                              "error": "\((error as? StoreError)?.description ?? failure.detail)"])
            }
            if failure.status == 401 {
                // The path and why, never the header's token; the address shows whether a
                // console or a script keeps trying (behind a proxy on this machine, the one it saw).
                refusals.info("API request refused", metadata: ClientAddress(of: request.http).metadata.merging([
                    "method": "\(request.http.method)", "path": "\(request.http.path)", "status": "401",
                    "reason": "\(failure.detail)"]) { own, _ in own })
            }
            response = failure.response
        }
        metrics?.httpRequests.increment(String(response.status))
        return response
    }
}
