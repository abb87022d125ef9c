import Foundation
import Logging
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import WebSocketTransport

/// A registry with a manual clock over a real store, served by a real transport on port 0.
struct InProcessServer {
    struct NotFound: HTTPResponder {
        func respond(to request: HTTPRequest) async -> HTTPResponse { HTTPResponse(status: 404) }
    }

    let store: Store
    let registry: SessionRegistry
    let clock: ManualSessionClock
    let server: WebSocketServer
    let port: Int
    let fixture: SessionFixture
    let dataDirectory: URL

    /// The fixture session starts at `start` + 60 s, so the clock stands in its lobby.
    static let start = Timestamp(millisecondsSince1970: 1_900_000_000_000)

    static func start(agenda: [Phase] = SessionFixture.agenda(seconds: 120), data: URL? = nil,
                      fixture existing: SessionFixture? = nil, clock: ManualSessionClock? = nil,
                      limits: LiveLimits = LiveLimits(), logger: Logger = Logger(label: "test.sessions"),
                      responder: (@Sendable (Store, SessionRegistry) -> any HTTPResponder)? = nil) async throws -> InProcessServer {
        let data = try data ?? TemporaryDirectory.make(prefix: "reviewroom-inprocess")
        let store = try await Store.open(StoreConfiguration(dataDirectory: data.path))
        let fixture: SessionFixture
        if let existing {
            fixture = existing
        } else {
            fixture = try await SessionFixture.create(in: store, startsAt: start.adding(seconds: 60), agenda: agenda)
        }
        let clock = clock ?? ManualSessionClock(start: start)
        // Recoveries are logged at once here, as the flood tests expect; the wait the daemon
        // uses is BackgroundWriteLogTimerTests' and BackgroundWriteLogThrottleTests'.
        let registry = SessionRegistry(store: store, clock: clock, limits: limits, logger: logger, writeRecoverySettleSeconds: 0)
        var configuration = TransportConfiguration()
        configuration.port = 0
        // No test here is about the hello or HTTP timeouts, so none may race them: with the whole
        // suite starting at once on 2 cores, a test's task can wait longer than the 10 s default
        // between the connection opening and its hello (as TransportHarness found).
        configuration.helloTimeoutSeconds = 300
        configuration.httpTimeoutSeconds = 300
        let server = WebSocketServer(configuration: configuration, responder: responder?(store, registry) ?? NotFound(),
                                     acceptor: LiveSessionAcceptor(registry: registry, logger: Logger(label: "test.ws")),
                                     logger: Logger(label: "test.transport"))
        let port = try server.start()
        return InProcessServer(store: store, registry: registry, clock: clock, server: server, port: port,
                               fixture: fixture, dataDirectory: data)
    }

    func join(_ name: String) async throws -> (ProtocolClient, ProtocolMessage) {
        let client = try await ProtocolClient.connect(port: port)
        let welcome = try await client.hello(token: try requireTokenValue(fixture.tokens[name], name))
        return (client, welcome)
    }

    /// Opens the facilitator's console (a `hello` with the API token) and reads its `welcome`.
    func openConsole() async throws -> (ProtocolClient, ProtocolMessage) {
        let client = try await ProtocolClient.connect(port: port)
        let welcome = try await client.hello(facilitatorToken: fixture.facilitatorToken, session: fixture.session.rawValue)
        return (client, welcome)
    }

    func stop() async {
        await registry.shutdown()
        await server.shutdown(timeoutSeconds: 5)
        await store.close()
    }
}
