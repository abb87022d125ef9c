import Logging
import ReviewRoomProtocol
import ReviewRoomStore
import WebSocketTransport

extension SessionActor {
    /// Answers a `hello` beyond the participant's ``ConnectionCap`` as a refused `hello` is
    /// answered (an `error` with `id: null`), then closes it with 1000 as after `not_open`: 4029
    /// would tell the client to reconnect, and a page would loop. The connection never became a
    /// member, so nothing goes through the FIFO. With `log`, the first refusal since the
    /// participant reached the cap is logged (by participant id: the `hello` carried a token);
    /// every refusal counts in `reviewroom_connection_cap_refusals_total`.
    func refuseOverCap(_ connection: WebSocketConnection, participantID: String, console: FacilitatorID?, log: Bool) {
        let limit = connectionCap.limit
        metrics?.connectionCapRefusals.increment()
        if log {
            logger.warning("a participant holds max_connections_per_participant connections; newer hellos are refused until one closes", metadata: [
                "session": "\(id)", "participant": "\(participantID)", "limit": "\(limit)", "console": "\(console != nil)"])
        }
        let places = limit == 1 ? "1 tab or device" : "\(limit) tabs or devices"
        let connections = limit == 1 ? "1 connection" : "\(limit) connections"
        let message = console == nil
            ? "this invite link is already open in \(places), the most one person may hold at once "
                + "(max_connections_per_participant); close one of them and try again. If the link reached others, "
                + "ask the facilitator to reissue it: that closes every connection of the old link"
            : "you already have \(connections) open in this session as its facilitator (consoles and your "
                + "own invite link count together; max_connections_per_participant); close one of them and try again"
        connection.send(OutboundFrame(text: ServerMessages.error(ProtocolError(code: .rateLimited, message: message, id: nil))))
        connection.close(code: CloseCode.normal.rawValue, reason: "too many connections for one participant")
    }
}
