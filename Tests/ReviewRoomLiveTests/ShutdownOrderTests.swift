import Foundation
import Logging
import ReviewRoomCore
import ReviewRoomServer
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
        let seen: Seen

        func run() async throws {
            try? await gracefulShutdown()
            seen.readiness = readiness.current
            seen.liveSessionsBefore = await registry.liveSessionCount
            seen.upgrade = try? await RawBlocking.run { try RawWebSocketClient.attemptUpgrade(port: port) }
            seen.helloReply = try await waiting.hello(token: token)
            seen.liveSessionsAfter = await registry.liveSessionCount
            seen.membersDuring = await registry.connectionCount()
        }
    }

    final class Seen: @unchecked Sendable {
        var readiness: Readiness.Phase?
        var upgrade: RawHTTPResponse?
        var helloReply: ProtocolMessage?
        var liveSessionsBefore = -1
        var liveSessionsAfter = -1
        var membersDuring = -1
    }

    @Test func admissionStopsBeforeSessionsDrainAndTheTransportStops() async throws {
        let app = try await InProcessServer.start()
        let (asha, _) = try await app.join("Asha")
        defer { asha.disconnect() }
        let readiness = Readiness()
        let seen = Seen()
        let logger = Logger(label: "test.shutdown")
        let waiting = try await ProtocolClient.connect(port: app.port)
        defer { waiting.disconnect() }
        let probe = Probe(readiness: readiness, registry: app.registry, port: app.port, waiting: waiting,
                          token: try requireTokenValue(app.fixture.tokens["Ben"], "Ben"), seen: seen)
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
        #expect(seen.liveSessionsAfter == seen.liveSessionsBefore)
        #expect(seen.membersDuring == 1, "Asha stays joined until the sessions drain")
        #expect(try await asha.closed().closeCode == 1001)
        await app.store.close()
    }
}
