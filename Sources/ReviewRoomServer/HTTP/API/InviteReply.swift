import ReviewRoomCore
import ReviewRoomStore

/// An `invite` in API replies: `{participant: {id, name, role}, token, url}` where `url` carries
/// the token in its fragment (`/join#…`, or `/display#…` for the display role).
struct InviteReply: Encodable, Sendable {
    var participant: SessionReply.Person
    var token: String
    var url: String

    /// The reply for a freshly issued invite; `publicURL` has no trailing slash.
    init(_ invite: IssuedInvite, publicURL: String) {
        let role = Role(rawValue: invite.participant.role) ?? .observer
        participant = SessionReply.Person(id: invite.participant.id.rawValue, name: invite.participant.name, role: role)
        token = invite.token
        url = "\(publicURL)/\(role == .display ? "display" : "join")#\(invite.token)"
    }
}
