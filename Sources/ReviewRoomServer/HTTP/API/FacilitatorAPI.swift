import Foundation
import Logging
import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomStore

/// The facilitator HTTP API v1 (PROTOCOL.md §2): sessions, participants, records, calendars,
/// templates and decks, under `/api/v1`, for the facilitator whose bearer token a request carries.
///
/// A facilitator sees and changes only their own sessions: another facilitator's session answers
/// 404 exactly like one that does not exist, so session ids do not leak.
public struct FacilitatorAPI: Sendable {
    /// Where facilitators, sessions and participants are kept.
    public let store: Store
    /// The live sessions (edits, participant changes, deletions, state and records go through it).
    public let live: any LiveSessionControl
    /// The origin invite links start with.
    public let origin: PublicOrigin
    /// Counts answered requests by status.
    public let metrics: Metrics?
    /// The time now (injected for tests).
    public let now: @Sendable () -> Timestamp
    /// `retention_days`: a session's reply says when it will be erased (`erasesAt`); nil: kept.
    public let retention: SessionRetention?
    let logger: Logger
    /// Around every route: one, so that refused tokens share one log budget.
    private let responding: APIResponding

    /// Creates the API.
    /// - Parameters:
    ///   - origin: `public_url`, or `http://<listen address>`.
    public init(store: Store, live: any LiveSessionControl, origin: PublicOrigin, metrics: Metrics? = nil,
                now: @escaping @Sendable () -> Timestamp = { Timestamp(secondsSince1970: Date().timeIntervalSince1970) },
                retention: SessionRetention? = nil, logger: Logger = Logger(label: "reviewroomd.api")) {
        self.store = store; self.live = live
        self.origin = origin
        self.metrics = metrics; self.now = now; self.retention = retention; self.logger = logger
        responding = APIResponding(metrics: metrics, logger: logger)
    }

    /// The origin invite links start with now, without a trailing `/`.
    public var publicURL: String { origin.current }

    /// Adds every `/api/v1` route of the facilitator API to `router`.
    public func register(in router: inout APIRouter) {
        router.add("GET", "/api/v1/templates", authenticated(templates))
        router.add("GET", "/api/v1/prompt-decks", authenticated(promptDecks))
        router.add("GET", "/api/v1/sessions", authenticated(listSessions))
        router.add("POST", "/api/v1/sessions", authenticated(createSession))
        router.add("GET", "/api/v1/sessions/{id}", authenticated(getSession))
        router.add("PATCH", "/api/v1/sessions/{id}", authenticated(patchSession))
        router.add("DELETE", "/api/v1/sessions/{id}", authenticated(deleteSession))
        router.add("POST", "/api/v1/sessions/{id}/participants", authenticated(addParticipant))
        router.add("DELETE", "/api/v1/sessions/{id}/participants/{pid}", authenticated(revokeParticipant))
        router.add("POST", "/api/v1/sessions/{id}/participants/{pid}/reissue", authenticated(reissueInvite))
        router.add("GET", "/api/v1/sessions/{id}/access", authenticated(participantAccess))
        router.add("GET", RecordStyle.recordRoute, authenticated(record))
        router.add("GET", "/api/v1/sessions/{id}/calendar.ics", authenticated(calendar))
    }

    /// Wraps a handler: checks the bearer token first, turns thrown errors into problem+json.
    private func authenticated(_ handler: @escaping @Sendable (APIContext) async throws -> HTTPResponseBuilder) -> APIRouter.Handler {
        { [self] request in
            await responding.respond(to: request) {
                let token = try APIContext.bearerToken(request)
                guard let facilitator = try await store.authenticateFacilitator(token: token) else {
                    throw APIError.unauthorized("the bearer token is not a valid facilitator token (unknown or revoked)")
                }
                return try await handler(APIContext(request: request, facilitator: facilitator))
            }
        }
    }

    /// The stored session `id` if `context`'s facilitator owns it; else the same 404 as for none.
    func ownedSession(_ context: APIContext) async throws -> StoredSession {
        let id = context.parameter("id")
        guard let session = try await store.session(SessionID(id)), session.owner == context.facilitator.id else {
            throw APIError.notFound("no session '\(id)' among your sessions")
        }
        return session
    }

    /// The current state of a session the caller owns.
    func state(of session: StoredSession) async throws -> SessionState {
        guard let state = try await live.state(session: session.id, at: now()) else {
            throw APIError.notFound("no session '\(session.id)' among your sessions")
        }
        return state
    }
}
