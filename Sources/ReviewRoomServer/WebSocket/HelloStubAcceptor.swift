import Foundation
import Logging
import ReviewRoomProtocol
import WebSocketTransport

/// Answers the first message of every WebSocket connection while live sessions do not exist:
/// a `hello` gets `error not_found` and close 1000, anything else close 4000.
///
/// The live-sessions issue replaces this with the session registry's acceptor. The transport
/// already enforces the pre-auth size limit and the hello timeout.
public struct HelloStubAcceptor: WebSocketAcceptor {
    private let logger: Logger

    /// Creates the stub.
    public init(logger: Logger) { self.logger = logger }

    /// Reads the first message on its own task, answers it and closes.
    public func accept(_ connection: WebSocketConnection) {
        let logger = logger
        Task {
            for await message in connection.messages {
                guard case .text(let bytes) = message else { continue }
                switch Self.verdict(forFirstMessage: bytes) {
                case .hello:
                    // Only the connection id is logged: the hello carries a token.
                    logger.info("hello refused: no sessions yet", metadata: ["connection": "\(connection.id)"])
                    connection.send(OutboundFrame(text: Self.notFoundReply))
                    connection.close(code: CloseCode.normal.rawValue, reason: "sessions are not available yet")
                case .notHello:
                    logger.info("first message is not a hello", metadata: ["connection": "\(connection.id)"])
                    connection.close(code: CloseCode.protocolError.rawValue, reason: "the first message must be a hello")
                }
                return
            }
        }
    }

    /// What a first message is.
    public enum Verdict: Equatable, Sendable {
        /// A JSON object with `"type": "hello"`.
        case hello
        /// Anything else.
        case notHello
    }

    /// Classifies a first message.
    public static func verdict(forFirstMessage bytes: [UInt8]) -> Verdict {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              object["type"] as? String == "hello" else { return .notHello }
        return .hello
    }

    /// The reply to a `hello`.
    public static let notFoundReply = Array(
        #"{"type":"error","id":null,"code":"not_found","message":"no session matches this hello: sessions are not available yet"}"#.utf8)
}
