import Logging
import ReviewRoomCore
import ReviewRoomProtocol
import ReviewRoomStore
import WebSocketTransport

/// Reads one connection's messages in order: the `hello`, then commands, each decoded here
/// (off the session actor) and handed to the session in arrival order without waiting for
/// durability, so a pipelining client fills the store's group commits.
struct ConnectionHandler: Sendable {
    let connection: WebSocketConnection
    let registry: SessionRegistry
    let logger: Logger

    func run() async {
        var messages = connection.messages.makeAsyncIterator()
        guard case .text(let first)? = await messages.next() else { return }
        let hello: ClientHello
        do {
            hello = try ClientMessageDecoder.hello(first, maxDepth: registry.limits.maxJSONDepth)
        } catch {
            // Only the connection id is logged: a hello carries a token.
            logger.info("first message is not a hello", metadata: ["connection": "\(connection.id)"])
            connection.close(code: CloseCode.protocolError.rawValue, reason: "the first message must be a hello")
            return
        }
        let actor: SessionActor
        let sessionID: SessionID
        switch await registry.join(hello, connection: connection) {
        case .joined(let joined, let id):
            actor = joined
            sessionID = id
        case .closed:
            return
        case .refused(let code, let error):
            // Only the connection id is logged: the hello carries a token.
            logger.info("hello refused", metadata: ["connection": "\(connection.id)", "close": "\(code)"])
            if let error { connection.send(OutboundFrame(text: ServerMessages.error(error))) }
            connection.close(code: code, reason: error?.message ?? "")
            return
        }
        connection.authenticated()
        let limits = registry.limits
        var limiter = RateLimiter(perSecond: limits.messagesPerSecond, burst: limits.messageBurst)
        let start = ContinuousClock.now
        reading: while case .text(let bytes)? = await messages.next() {
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            switch limiter.take(at: seconds) {
            case .allow:
                break
            case .refuse:
                registry.metrics?.recordCommand(type: "unknown", outcome: ErrorCode.rateLimited.rawValue)
                connection.send(OutboundFrame(text: ServerMessages.error(ProtocolError(
                    code: .rateLimited, message: "more than \(limits.messagesPerSecond) messages a second (bursts to \(limits.messageBurst)); this one was not applied",
                    id: Self.readableID(bytes)))))
                continue
            case .close:
                connection.close(code: CloseCode.tooManyMessages.rawValue, reason: "too many messages")
                break reading
            }
            do {
                let request = try ClientMessageDecoder.request(bytes, maxDepth: limits.maxJSONDepth)
                await actor.handle(request, from: connection.id)
            } catch {
                await actor.refuse(connection.id, error)
            }
        }
        await actor.leave(connection.id)
        await registry.unloadIfIdle(sessionID)
    }

    /// The `id` of a message that was not decoded, if it can be read cheaply.
    static func readableID(_ bytes: [UInt8]) -> Int64? {
        guard let value = try? JSONParser.parse(bytes), case .number(let id?)? = value["id"]?.kind,
              id == id.rounded(), abs(id) <= 9_007_199_254_740_992 else { return nil }
        return Int64(id)
    }
}
