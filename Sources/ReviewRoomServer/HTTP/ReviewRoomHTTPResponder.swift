import Foundation
import LockedValue
import Logging
import ReviewRoomContent
import ReviewRoomStore
import WebSocketTransport

/// The daemon's HTTP surface: health endpoints, the `/api/v1` router, the HTML record's
/// stylesheet (`/record.css`) and the browser client's static files. ``SecurityHeaders`` are
/// not added here: the transport puts them on every response, the transport's own refusals
/// (``refusal(_:)``) and lws's error pages included.
public struct ReviewRoomHTTPResponder: HTTPResponder {
    /// Drives `/readyz`.
    public let readiness: Readiness
    /// `/api/v1/*`.
    public let api: APIRouter
    /// The browser client, or nil when its files were not found (every page is then 404).
    public let staticFiles: StaticFiles?
    /// `/metrics`, served to loopback clients only; nil answers 404.
    public let metrics: Metrics?
    /// Makes `/readyz` 503 while its commits fail (``Store/commitFailure``); nil: not consulted.
    public let store: Store?
    /// The time every response's `Date` header gives.
    public let clock: any SessionClock
    private let logger: Logger
    /// Paces the warning about plain requests to `/ws` (a page behind a filter retries for ever).
    private let upgradeMissingWarning = Locked(RepeatedWarning())

    /// Creates the responder.
    public init(readiness: Readiness, api: APIRouter, staticFiles: StaticFiles?, metrics: Metrics? = nil,
                store: Store? = nil, clock: any SessionClock = SystemSessionClock(), logger: Logger) {
        self.readiness = readiness; self.api = api; self.staticFiles = staticFiles; self.metrics = metrics
        self.store = store; self.clock = clock; self.logger = logger
    }

    /// Answers one request.
    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let method = request.method.uppercased()
        var builder = await route(request, method: method)
        // /readyz answers 503 by design while starting or stopping, and so does the API while
        // stopping; neither is a failure.
        if builder.status >= 500 && request.path != "/readyz" && !(builder.status == 503 && readiness.current == .stopping) {
            logger.warning("HTTP request failed", metadata: ["method": "\(method)", "status": "\(builder.status)"])
        }
        builder.headers.append(dateHeader)
        return builder.finished()
    }

    /// The transport's own refusals (411, 413, refused WebSocket upgrades, …) as the same
    /// `application/problem+json` as every other error (the transport adds ``SecurityHeaders``).
    public func refusal(_ refusal: HTTPRefusal) -> HTTPResponse {
        ProblemDetails(title: refusal.title, status: refusal.status, detail: refusal.detail).response(extraHeaders: [dateHeader]).finished()
    }

    /// `Date`, the server's time now, on every response (RFC 9110 §6.6.1: an origin server with
    /// a clock sends it). A page told `not_open` times its retry until the lobby opens by the one
    /// `/livez` gives (lobby-wait.js): a device clock minutes off made it reload every 15 s.
    private var dateHeader: (String, String) { ("Date", HTTPDate.string(clock.now())) }

    private func route(_ request: HTTPRequest, method: String) async -> HTTPResponseBuilder {
        let path = request.path
        if APIRouter.handles(path) {
            // Once admission has closed, a call could load a session into the registry while, or
            // after, the drain stops it; refuse before the store or the registry is touched.
            if readiness.current == .stopping { return Self.shuttingDown(method, path) }
            var response = await api.respond(to: APIRequest(http: request, parameters: [:]))
            // Records, notes and names: none of it may stay in the disk cache of a shared school
            // computer after its facilitator signed out (a privacy probe found whole records there).
            if !response.headers.contains(where: { $0.0.lowercased() == "cache-control" }) {
                response.headers.append(("Cache-Control", "no-store"))
            }
            return response
        }
        switch path {
        case "/livez", "/healthz":
            if let refusal = onlyGet(method, path) { return refusal }
            return .text(200, "ok\n")
        case "/readyz":
            if let refusal = onlyGet(method, path) { return refusal }
            let phase = readiness.current
            guard phase == .ready else { return .text(503, "\(phase.rawValue)\n") }
            // A load balancer should stop sending new meetings to a daemon that cannot store
            // them; the code, not the message, because the message names server paths.
            if let failure = store?.commitFailure {
                return .text(503, "store commits failing: \(failure.code.rawValue)\n")
            }
            return .text(200, "\(phase.rawValue)\n")
        case RecordStyle.servedPath:
            // The record's stylesheet, from the same string as its inline `<style>`: the
            // daemon's CSP blocks inline styles, so the record it serves links this instead.
            if let refusal = onlyGet(method, path) { return refusal }
            return HTTPResponseBuilder(status: 200, contentType: ContentTypes.forFile(named: "record.css"),
                                       headers: [("Cache-Control", "no-cache")], body: Array(RecordStyle.css.utf8))
        case "/metrics":
            if let refusal = onlyGet(method, path) { return refusal }
            return MetricsEndpoint.response(metrics: metrics, request: request)
        case Self.webSocketPath:
            // A WebSocket upgrade never reaches here (the transport takes it); a plain request
            // does, most often from a reverse proxy that drops the Upgrade and Connection headers.
            if let refusal = onlyGet(method, path) { return refusal }
            // A page behind a filter asks here why its WebSocket never opens (connection.js,
            // `diagnose`): while starting or stopping the answer is 503, an ordinary outage,
            // not "something on your network drops the upgrade".
            switch readiness.current {
            case .ready: break
            case .stopping: return Self.shuttingDown(method, path)
            case .starting:
                return ProblemDetails(title: "Service Unavailable", status: 503, detail: "the server is starting: retry in a moment").response()
            }
            upgradeMissing(from: ClientAddress(of: request))
            return ProblemDetails(title: "Upgrade Required", status: 426,
                                  detail: "WebSocket upgrade headers missing — a reverse proxy must forward Upgrade and Connection")
                .response(extraHeaders: [("Upgrade", "websocket")])
        default:
            // Nothing at the path is 404 whatever the method (RFC 9110 §15.5.6: 405 says the
            // resource exists); a page or file there takes GET and HEAD only.
            guard let response = staticFiles?.response(forPath: path, ifNoneMatch: request.headers["if-none-match"],
                                                               acceptEncoding: request.headers["accept-encoding"]) else {
                if let redirect = pageWithoutSlash(request, method: method) { return redirect }
                return ProblemDetails(title: "Not Found", status: 404, detail: "nothing is served at \(path)").response()
            }
            if let refusal = onlyGet(method, path) { return refusal }
            return response
        }
    }

    /// Counts a plain request to `/ws` and logs it, paced: the host's IT sees that someone's
    /// browser reaches the daemon with the WebSocket upgrade dropped on the way.
    private func upgradeMissing(from client: ClientAddress) {
        metrics?.webSocketUpgradeMissing.increment()
        let now = ProcessInfo.processInfo.systemUptime
        guard let count = upgradeMissingWarning.withLock({ $0.occurred(at: now) }) else { return }
        logger.warning("a plain HTTP request reached /ws without WebSocket upgrade headers (426): a reverse proxy, web filter or proxy between that browser and the daemon drops Upgrade and Connection, so the page cannot join (it tells the person so)",
                       metadata: client.metadata.merging(["requests": "\(count)"]) { own, _ in own })
    }

    /// Where the live WebSocket is served (PROTOCOL §3), as the transport is configured.
    static let webSocketPath = TransportConfiguration().webSocketPath

    /// `/console/` (or `/join/#…`, typed or pasted with a slash) sends a GET or HEAD to its page
    /// without the slash: 308 to `../console` with the query, relative so that a reverse proxy's
    /// path prefix stays, and the browser keeps the fragment (an invite's token) across it. The
    /// page is not served at the slashed path itself: its relative links (`js/…`, `api/v1`)
    /// would resolve under it. Nil when there is no such page.
    private func pageWithoutSlash(_ request: HTTPRequest, method: String) -> HTTPResponseBuilder? {
        guard method == "GET" || method == "HEAD", request.path.count > 1, request.path.hasSuffix("/") else { return nil }
        let page = String(request.path.dropLast())
        guard !page.hasSuffix("/"), let name = page.split(separator: "/").last,
              staticFiles?.response(forPath: page) != nil,
              let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) else { return nil }
        let location = "../\(encoded)" + (request.query.map { "?\($0)" } ?? "")
        return HTTPResponseBuilder(status: 308, contentType: "text/plain; charset=utf-8", headers: [("Location", location)],
                                   body: Array("The page is at \(page)\n".utf8))
    }

    private func onlyGet(_ method: String, _ path: String) -> HTTPResponseBuilder? {
        guard method != "GET", method != "HEAD" else { return nil }
        return ProblemDetails(title: "Method Not Allowed", status: 405,
                              detail: "\(method) is not allowed on \(path); allowed: GET, HEAD")
            .response(extraHeaders: [("Allow", "GET, HEAD")])
    }
}
