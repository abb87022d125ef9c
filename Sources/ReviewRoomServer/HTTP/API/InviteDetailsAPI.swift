import Foundation
import Logging
import ReviewRoomCore
import ReviewRoomStore

/// `GET /api/v1/invite` (a ReviewRoom extension of PROTOCOL.md §2): what an invite link is, asked
/// with its own token as the bearer token: its session, whose link it is and, on a server with
/// `retention_days`, when the session will be erased, so the join page can tell the host school
/// (and everyone whose words are in the notes) how long ReviewRoom keeps them. For the host
/// school's staff and facilitators, `follows` names the review a post-review workshop follows
/// while that review is kept (its record: `GET /api/v1/invite/followed-record`).
public struct InviteDetailsAPI: Sendable {
    /// The route.
    public static let route = "/api/v1/invite"

    /// Where invites and a session's last use are read.
    public let store: Store
    /// `retention_days`: the reply says when the session will be erased; nil: kept.
    public let retention: SessionRetention?
    private let responding: APIResponding

    /// Creates the route's handler.
    public init(store: Store, retention: SessionRetention?, metrics: Metrics? = nil,
                logger: Logger = Logger(label: "reviewroomd.api")) {
        self.store = store; self.retention = retention
        responding = APIResponding(metrics: metrics, logger: logger)
    }

    /// Adds the route to `router`.
    public func register(in router: inout APIRouter) {
        router.add("GET", Self.route) { [self] request in
            await responding.respond(to: request) { try await details(request) }
        }
    }

    private func details(_ request: APIRequest) async throws -> HTTPResponseBuilder {
        let invite = try await InviteToken.invite(of: request, in: store)
        var reply = InviteDetails(session: invite.session.rawValue, participant: .init(invite.participant))
        if let retention, let lastUse = try await store.lastUse(of: invite.session) {
            reply.erasesAt = retention.erasesAt(lastUse: lastUse)
        }
        if let role = Role(rawValue: invite.participant.role), InviteRecordAPI.roles.contains(role),
           let followed = try await store.followedSession(of: invite.session) {
            let ended = StoredClockStatus.hasEnded(lastClockChange: try await store.lastClockChange(of: followed.id))
            reply.follows = .init(session: followed.id.rawValue, title: followed.definition.title,
                                  startsAt: followed.definition.startsAt, timeZone: followed.definition.timeZone, ended: ended)
        }
        return JSONReply.response(200, reply)
    }
}

/// The body of `GET /api/v1/invite`.
struct InviteDetails: Encodable {
    /// The participant the link is for, as the WebSocket's `you`.
    struct Participant: Encodable {
        let id: String
        let name: String
        let role: String

        init(_ stored: StoredParticipant) {
            id = stored.id.rawValue; name = stored.name; role = stored.role
        }
    }

    /// The review a post-review workshop follows, as its host staff see it.
    struct Follows: Encodable {
        let session: String
        let title: String
        let startsAt: Timestamp
        let timeZone: String
        /// Whether it has ended (its record can be read only then).
        let ended: Bool
    }

    let session: String
    let participant: Participant
    /// When `retention_days` will erase the session; left out on a server that keeps sessions.
    var erasesAt: Timestamp?
    /// Left out unless the link is a host's or a facilitator's and its session follows a review still kept.
    var follows: Follows?
}
