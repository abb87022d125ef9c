import Logging
import ReviewRoomCore
import ReviewRoomProtocol
import ReviewRoomStore
import WebSocketTransport

/// Takes one connection's messages in order: the `hello`, then commands, each decoded here
/// (off the session actor) and handed to the session in arrival order without waiting for
/// durability, so a pipelining client fills the store's group commits.
///
/// The transport delivers the messages (``WebSocketReceiver``): no task waits on an idle
/// connection, and the deep `hello` path (store lookups, session load) runs on a task that
/// ends with it, instead of leaving its stack slabs with a task that lives as long as the
/// connection.
final class ConnectionHandler: WebSocketReceiver, @unchecked Sendable {
    // @unchecked Sendable is sound: the only mutable state, `stage` and `limiter`, is touched
    // only inside `receive` and `closed`, and the transport makes those calls strictly one
    // after another (WebSocketReceiver's contract): each starts after the previous returned,
    // and a later delivery task starts only after the earlier one gave up delivering under
    // the inbound queue's lock, which orders their memory accesses. Not an actor, because
    // hopping onto one and back for every command cost ~7 % more daemon CPU in scenario a.

    /// Where the connection is.
    private enum Stage {
        /// Waiting for the first message, which must be a `hello`.
        case awaitingHello
        /// Joined `session` (served by `actor`) as `participant`; `since` starts the rate
        /// limiter's clock.
        case joined(actor: SessionActor, session: SessionID, participant: String, since: ContinuousClock.Instant)
        /// Refused, closed for flooding, or gone: further messages are ignored.
        case done
    }

    let connection: WebSocketConnection
    let registry: SessionRegistry
    let logger: Logger
    /// Where refused hellos are logged: paced, shared by every connection.
    let refusals: PacedLog
    private var stage = Stage.awaitingHello
    private var limiter: RateLimiter

    /// A handler for `connection`, which has not sent anything yet.
    init(connection: WebSocketConnection, registry: SessionRegistry, logger: Logger, refusals: PacedLog) {
        self.connection = connection
        self.registry = registry
        self.logger = logger
        self.refusals = refusals
        limiter = RateLimiter(perSecond: registry.limits.messagesPerSecond, burst: registry.limits.messageBurst)
    }

    /// The `hello` while none was accepted, a command once joined; ignored once done.
    func receive(_ message: InboundMessage) async {
        guard case .text(let bytes) = message else { return }
        switch stage {
        case .awaitingHello:
            await hello(bytes)
        case .joined(let actor, let session, let participant, let since):
            await command(bytes, actor: actor, session: session, participant: participant, since: since)
        case .done:
            break
        }
    }

    /// Leaves the session if the connection had joined one.
    func closed() async {
        guard case .joined(let actor, let session, let participant, let since) = stage else {
            stage = .done
            return
        }
        stage = .done
        logLeft(session, participant, since: since, ended: connection.ending ?? .dropped)
        await leave(actor, session)
    }

    /// The `left` line school IT reads to answer "when did she leave, and why".
    private func logLeft(_ session: SessionID, _ participant: String, since: ContinuousClock.Instant, ended: ConnectionEnding) {
        logger.info("left", metadata: ["session": "\(session)", "participant": "\(participant)", "connection": "\(connection.id)",
                                       "seconds": "\((ContinuousClock.now - since).components.seconds)", "ended": "\(ended)"])
    }

    /// Authenticates the first message and joins its session, or closes the connection.
    private func hello(_ first: [UInt8]) async {
        stage = .done
        let hello: ClientHello
        do {
            hello = try ClientMessageDecoder.hello(first, maxDepth: registry.limits.maxJSONDepth)
        } catch {
            // Only the connection id is logged: a hello carries a token.
            refusals.info("first message is not a hello", metadata: ["connection": "\(connection.id)"])
            // The decoder's message says what was wrong with this hello (PROTOCOL §3.4); the
            // close code stays 4000, a first message that is not a (well-formed) hello.
            connection.close(code: CloseCode.protocolError.rawValue, reason: CloseReason.fitting(error.message))
            return
        }
        switch await registry.join(hello, connection: connection) {
        case .joined(let actor, let session, let participant):
            stage = .joined(actor: actor, session: session, participant: participant, since: ContinuousClock.now)
            connection.authenticated()
            // Ids only: names are the schools' personal data, tokens never reach the log.
            let console = if case .facilitator = hello.credential { true } else { false }
            logger.info("joined", metadata: ["session": "\(session)", "participant": "\(participant)", "connection": "\(connection.id)",
                                             "console": "\(console)", "resume": "\(hello.resume.map { String($0.after) } ?? "no")"])
        case .closed:
            return
        case .refused(let code, let error):
            // Only the connection id is logged: the hello carries a token.
            refusals.info("hello refused", metadata: ["connection": "\(connection.id)", "close": "\(code)"])
            if let error { connection.send(OutboundFrame(text: ServerMessages.error(error))) }
            connection.close(code: code, reason: CloseReason.fitting(error?.message ?? ""))
        }
    }

    /// Applies the rate limit to one command, decodes it and hands it to the session.
    private func command(_ bytes: [UInt8], actor: SessionActor, session: SessionID, participant: String,
                         since: ContinuousClock.Instant) async {
        let limits = registry.limits
        let elapsed = ContinuousClock.now - since
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        switch limiter.take(at: seconds) {
        case .allow:
            break
        case .refuse:
            // Through the session's FIFO like every reply, so it cannot overtake the acks of
            // earlier commands still waiting to be durable (the actor counts it in the metrics).
            await actor.refuse(connection.id, ProtocolError(
                code: .rateLimited, message: "more than \(limits.messagesPerSecond) messages a second (bursts to \(limits.messageBurst)); this one was not applied",
                id: ClientMessageDecoder.readableID(bytes, maxDepth: limits.maxJSONDepth)))
            return
        case .close:
            stage = .done
            // Leaves, and so logs why, before the close goes out: once the client hears 4029 the
            // line is in the journal. Closing first let a shutdown stop the session before this
            // leave reached it, which then found her gone and logged nothing.
            await actor.leave(connection.id, closedForFlooding: true)
            connection.close(code: CloseCode.tooManyMessages.rawValue, reason: "too many messages")
            // Logged here: `closed()` finds the stage done and has nothing to add.
            logLeft(session, participant, since: since, ended: .closedByServer(code: CloseCode.tooManyMessages.rawValue))
            await registry.unloadIfIdle(session)
            return
        }
        do {
            let request: ClientRequest
            switch try ClientMessageDecoder.decode(bytes, maxDepth: limits.maxJSONDepth) {
            case .request(let decoded):
                request = decoded
            case .malformedFields(let name, let error):
                // The role and end checks answer before the fields' error (SessionRules).
                await actor.refuse(connection.id, malformed: name, error)
                return
            }
            if case .needsOlderHistory(let need) = await actor.handle(request, from: connection.id) {
                // Read before this connection's next command, so its commands stay in order.
                let read = await actor.readOlderHistory(need)
                await actor.handle(request, from: connection.id, after: read)
            }
        } catch {
            await actor.refuse(connection.id, error)
        }
    }

    /// Leaves the session and lets the registry unload it if nobody is left.
    private func leave(_ actor: SessionActor, _ session: SessionID) async {
        await actor.leave(connection.id)
        await registry.unloadIfIdle(session)
    }
}
