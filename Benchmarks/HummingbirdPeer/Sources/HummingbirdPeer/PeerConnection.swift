import Foundation
import HummingbirdWebSocket

/// One WebSocket of the peer: `hello` first, then commands into the room; a writer task
/// drains the connection's outbox so the room never waits on a socket.
enum PeerConnection {
    /// Serves a connection until it closes.
    static func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
                      directory: PeerDirectory) async throws {
        var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
        guard case .text(let helloText)? = try await messages.next(),
              let hello = PeerJSON.decode(helloText), hello["type"] as? String == "hello",
              let token = hello["token"] as? String, let (participant, room) = await directory.join(token: token) else {
            try await outbound.write(.text(PeerJSON.encode(["type": "error", "id": NSNull(), "code": "unauthorized",
                                                             "message": "unknown token"])))
            return
        }
        let (stream, outbox) = AsyncStream<String>.makeStream()
        let welcome = await room.join(participant: participant, outbox: outbox)
        try await outbound.write(.text(welcome))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await line in stream { try await outbound.write(.text(line)) }
            }
            while let message = try await messages.next() {
                guard case .text(let text) = message else { continue }
                guard let command = PeerJSON.decode(text) else {
                    outbox.yield(PeerJSON.encode(["type": "error", "id": NSNull(), "code": "bad_request", "message": "not JSON"]))
                    continue
                }
                await room.handle(command, from: participant)
            }
            await room.leave(participant: participant.id)
            try await group.waitForAll()
        }
    }
}
