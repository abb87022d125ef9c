import Foundation
import Logging
import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomStore

/// `GET /api/v1/invite/record` (a ReviewRoom extension of PROTOCOL.md §2): the record of an
/// ended review for its host school's staff, asked with their own invite link's token
/// (`Authorization: Bearer <the part of the link after #>`), so they can take it into their
/// post-review workshop without waiting for the facilitator to send it.
///
/// Only `host` and `facilitator` invites (403 for the others: the record is the host school's,
/// and reviewers, observers and room displays saw the notes live), only once the session has
/// ended (409 before: the facilitator's API gives drafts), formats as for the facilitator's
/// record route. An unknown, revoked or reissued token is 401, like a bad facilitator token.
///
/// `GET /api/v1/invite/followed-record` gives, on the same terms, the record of the review the
/// invite's session follows (`followsSession`: a post-review workshop's review), so staff invited
/// only to the workshop can read the review they are there to work on. 404 when the session
/// follows none, or that review has been deleted; 409 before that review has ended.
public struct InviteRecordAPI: Sendable {
    /// The route.
    public static let route = "/api/v1/invite/record"
    /// The route of the followed review's record.
    public static let followedRoute = "/api/v1/invite/followed-record"
    /// The roles whose invite may download the record.
    public static let roles: Set<Role> = [.host, .facilitator]

    /// Where invites are looked up.
    public let store: Store
    /// The live sessions (state and records go through it).
    public let live: any LiveSessionControl
    /// The time now (injected for tests).
    public let now: @Sendable () -> Timestamp
    private let responding: APIResponding

    /// Creates the route's handler.
    public init(store: Store, live: any LiveSessionControl, metrics: Metrics? = nil,
                now: @escaping @Sendable () -> Timestamp = { Timestamp(secondsSince1970: Date().timeIntervalSince1970) },
                logger: Logger = Logger(label: "reviewroomd.api")) {
        self.store = store; self.live = live; self.now = now
        responding = APIResponding(metrics: metrics, logger: logger)
    }

    /// Adds the route to `router`.
    public func register(in router: inout APIRouter) {
        router.add("GET", Self.route) { [self] request in
            await responding.respond(to: request) { try await record(request) }
        }
        router.add("GET", Self.followedRoute) { [self] request in
            await responding.respond(to: request) { try await followedRecord(request) }
        }
    }

    private func record(_ request: APIRequest) async throws -> HTTPResponseBuilder {
        let invite = try await Self.staffInvite(of: request, in: store)
        let format = try RecordNegotiation.format(query: APIContext.query("format", in: request),
                                                  accept: request.http.headers["accept"])
        return try await endedRecord(of: invite.session, format: format, notEnded: "the review has not ended yet: its record "
            + "can be downloaded here once the facilitator ends it", gone: Self.gone)
    }

    private func followedRecord(_ request: APIRequest) async throws -> HTTPResponseBuilder {
        let invite = try await Self.staffInvite(of: request, in: store)
        let format = try RecordNegotiation.format(query: APIContext.query("format", in: request),
                                                  accept: request.http.headers["accept"])
        let gone = APIError.notFound("the review this session follows has been deleted, so its record is no longer kept")
        guard let followed = try await store.followedSession(of: invite.session) else {
            guard try await store.session(invite.session)?.followsSession == nil else { throw gone }
            throw APIError.notFound("this session follows no review: it was not scheduled as a review's post-review workshop")
        }
        return try await endedRecord(of: followed.id, format: format, notEnded: "the review this session follows has not ended "
            + "yet: its record can be read here once its facilitator ends it", gone: gone)
    }

    /// An invite of the host school's staff or a facilitator (403 for the others, 401 unknown).
    static func staffInvite(of request: APIRequest, in store: Store) async throws -> ParticipantAuthentication {
        let invite = try await InviteToken.invite(of: request, in: store)
        guard let role = Role(rawValue: invite.participant.role), roles.contains(role) else {
            let article = invite.participant.role.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            throw APIError.forbidden("the record is for the host school's staff and the facilitator; \(article) "
                + "\(invite.participant.role)'s invite cannot download it: ask the facilitator for a copy")
        }
        return invite
    }

    /// The record of `session` in `format` once it has ended (409 `notEnded` before; `gone` when
    /// it was deleted meanwhile).
    private func endedRecord(of session: SessionID, format: RecordFormat, notEnded: String,
                             gone: APIError) async throws -> HTTPResponseBuilder {
        // Read from the store first, without loading the session: before the end nothing is
        // built (a live session's draft record reads its older history back from the store).
        // (An end is final, so the stored one is the live one.)
        guard StoredClockStatus.hasEnded(lastClockChange: try await store.lastClockChange(of: session)) else {
            throw APIError.conflict(notEnded)
        }
        guard let input = try await live.recordInput(session: session, at: now()) else { throw gone }
        return await RecordRendering.response(input, as: format)
    }

    /// The session was deleted since the token was looked up (its invites went with it).
    private static let gone = APIError.unauthorized("the bearer token is not the token of a working invite link: "
        + "its session was deleted")
}
