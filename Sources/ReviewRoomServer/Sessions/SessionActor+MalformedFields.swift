import ReviewRoomCore
import ReviewRoomProtocol
import WebSocketTransport

extension SessionActor {
    /// Refuses command `name` from `connection`, whose fields did not decode (`error`) — after
    /// the checks every command gets before its own values (SessionRules "Order of checks"):
    /// a sender whose role may not send it is `forbidden`, a state-changing command after the
    /// end is `session_ended`, whatever its fields hold. Queued behind earlier replies like
    /// every refusal, and counted in the metrics under its `type`.
    func refuse(_ connection: ConnectionID, malformed name: CommandName, _ error: ProtocolError) {
        guard let member = members[connection] else { return }
        handling = (name.rawValue, "ok")
        defer {
            if let handling { metrics?.recordCommand(type: handling.type, outcome: handling.outcome) }
            handling = nil
        }
        if let refusal = state.check(name, by: member.participantID) {
            refuse(connection, ProtocolError(code: refusal.code, message: refusal.message, id: error.id))
        } else {
            refuse(connection, error)
        }
    }
}
