import Foundation
import Logging
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import ServiceLifecycle
import Testing
import WebSocketTransport

/// The daemon's graceful shutdown order, with a look between the steps: the services are
/// those `reviewroomd serve` runs, in its order, plus a probe placed where it is shut down
/// right after ``AdmissionService`` and before ``SessionsService`` drains.
@Suite("Graceful shutdown order")
struct ShutdownOrderTests {
    /// Shut down between admission and the drain: records what a client sees at that moment.
    struct Probe: Service {
        let readiness: Readiness
        let registry: SessionRegistry
        let port: Int
        /// Connected before shutdown began, no hello yet.
        let waiting: ProtocolClient
        let token: String
        /// A stored session that is not live (nor loaded by the start-up scan: no auto-start) and
        /// its owner's facilitator token: the API calls go to it.
        let idle: SessionFixture
        let seen: Seen

        func run() async throws {
            try? await gracefulShutdown()
            seen.readiness = readiness.current
            seen.liveSessionsBefore = await registry.liveSessionCount
            seen.upgrade = try? await RawBlocking.run { try RawWebSocketClient.attemptUpgrade(port: port) }
            (seen.apiGet, seen.apiPatch) = await ShutdownOrderTests.getAndRename(idle, port: port)
            seen.helloReply = try await waiting.hello(token: token)
            seen.liveSessionsAfter = await registry.liveSessionCount
            seen.membersDuring = await registry.connectionCount()
        }
    }

    final class Seen: @unchecked Sendable {
        // @unchecked Sendable is sound: only the probe's `run()` writes the fields, one after
        // another in one task, and the test reads them after `group.run()` has returned, which
        // that task's end happens before.
        var readiness: Readiness.Phase?
        var upgrade: RawHTTPResponse?
        var helloReply: ProtocolMessage?
        var apiGet: RawHTTPResponse?
        var apiPatch: RawHTTPResponse?
        var liveSessionsBefore = -1
        var liveSessionsAfter = -1
        var membersDuring = -1
    }

    /// A GET of the stored session `idle` and a PATCH renaming it, over HTTP with its owner's token.
    static func getAndRename(_ idle: SessionFixture, port: Int) async -> (RawHTTPResponse?, RawHTTPResponse?) {
        let path = "/api/v1/sessions/\(idle.session.rawValue)"
        let bearer = ("Authorization", "Bearer \(idle.facilitatorToken)")
        let get = try? await RawBlocking.run {
            let client = try RawHTTPClient(port: port)
            defer { client.close() }
            return try client.request("GET", path, headers: [bearer])
        }
        let patch = try? await RawBlocking.run {
            let client = try RawHTTPClient(port: port)
            defer { client.close() }
            return try client.request("PATCH", path, headers: [bearer, ("Content-Type", "application/json")],
                                      body: Array(#"{"title":"Renamed during shutdown"}"#.utf8))
        }
        return (get, patch)
    }

    /// The in-process server with the real HTTP API in front of its registry.
    static func serverWithAPI(readiness: Readiness) async throws -> InProcessServer {
        try await InProcessServer.start { store, registry in
            var api = APIRouter()
            FacilitatorAPI(store: store, live: registry, origin: PublicOrigin("http://127.0.0.1")).register(in: &api)
            return ReviewRoomHTTPResponder(readiness: readiness, api: api, staticFiles: nil, logger: Logger(label: "test.http"))
        }
    }

    /// A request that got past the responder's admission check just before it closed still
    /// loads nothing: the registry refuses to load a session once shutdown began, and the API
    /// answers 503 like any request during shutdown.
    @Test func aRequestPastTheAdmissionCheckLoadsNoSessionOnceShutdownBegan() async throws {
        let app = try await Self.serverWithAPI(readiness: Readiness())  // stays "ready": the early check lets it through
        let idle = try await SessionFixture.create(in: app.store, startsAt: InProcessServer.start.adding(seconds: 60))
        await app.registry.stopJoining()
        let (get, patch) = await Self.getAndRename(idle, port: app.port)
        for (name, response) in [("GET", get), ("PATCH", patch)] {
            let response = try #require(response, "\(name) got no response")
            #expect(response.status == 503, "\(name) after shutdown began: \(response.status) \(response.text)")
            #expect(response.headers["retry-after"] == "\(ReviewRoomHTTPResponder.shutdownRetryAfterSeconds)")
            let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(response.body))
            #expect(problem.detail.contains("not loaded") && problem.detail.contains("shutting down"), "\(problem.detail)")
        }
        #expect(await app.registry.liveSessionCount == 0, "a session was loaded after shutdown began")
        #expect(try await app.store.session(idle.session)?.definition.title == "Test review", "the PATCH reached the store")
        await app.stop()
    }

    @Test func admissionStopsBeforeSessionsDrainAndTheTransportStops() async throws {
        let readiness = Readiness()
        let app = try await Self.serverWithAPI(readiness: readiness)
        let idle = try await SessionFixture.create(in: app.store, startsAt: InProcessServer.start.adding(seconds: 60))
        let idleSeq = try await app.store.lastSeq(of: idle.session)
        let (asha, _) = try await app.join("Asha")
        defer { asha.disconnect() }
        let seen = Seen()
        let logger = Logger(label: "test.shutdown")
        let waiting = try await ProtocolClient.connect(port: app.port)
        defer { waiting.disconnect() }
        let probe = Probe(readiness: readiness, registry: app.registry, port: app.port, waiting: waiting,
                          token: try requireTokenValue(app.fixture.tokens["Ben"], "Ben"), idle: idle, seen: seen)
        let (started, startedNow) = AsyncStream<Void>.makeStream()
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [
            TransportService(server: app.server, readiness: readiness, shutdownTimeoutSeconds: 5, logger: logger,
                             onRunning: { startedNow.yield() }),
            SessionsService(registry: app.registry, logger: logger),
            probe,
            AdmissionService(server: app.server, registry: app.registry, readiness: readiness, logger: logger),
        ], logger: logger))
        async let running: Void = group.run()
        for await _ in started { break }
        #expect(readiness.current == .ready)
        await group.triggerGracefulShutdown()
        try await running

        #expect(seen.readiness == .stopping, "/readyz would say 200 while sessions drain")
        #expect(seen.upgrade?.status == 503, "a new WebSocket was accepted after shutdown began")
        #expect(seen.upgrade?.headers["content-type"] == "application/problem+json")
        #expect(seen.helloReply?.closeCode == 1001, "a hello after shutdown began got \(String(describing: seen.helloReply))")
        #expect(seen.liveSessionsAfter == seen.liveSessionsBefore, "an API call or a hello loaded a session during the drain")
        for (name, response) in [("GET", seen.apiGet), ("PATCH", seen.apiPatch)] {
            let response = try #require(response, "\(name) got no response")
            #expect(response.status == 503, "\(name) during shutdown: \(response.status) \(response.text)")
            #expect(response.headers["content-type"] == "application/problem+json")
            #expect(response.headers["retry-after"] == "\(ReviewRoomHTTPResponder.shutdownRetryAfterSeconds)")
            let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(response.body))
            #expect(problem.status == 503)
            #expect(problem.detail.contains("shutting down") && problem.detail.contains(name), "\(problem.detail)")
        }
        #expect(seen.membersDuring == 1, "Asha stays joined until the sessions drain")
        #expect(try await asha.closed().closeCode == 1001)
        // A PATCH that went through would have changed the title and logged `session.changed`.
        #expect(try await app.store.session(idle.session)?.definition.title == "Test review", "the PATCH reached the store")
        #expect(try await app.store.lastSeq(of: idle.session) == idleSeq, "the PATCH reached the session's log")
        await app.store.close()
    }
}
