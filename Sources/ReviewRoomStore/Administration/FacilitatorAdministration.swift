import Foundation

/// What `reviewroomd facilitator add|list|revoke` do, as text to print, so the commands stay
/// thin and the behaviour is tested against a real store.
public struct FacilitatorAdministration: Sendable {
    /// The store worked on.
    public let store: Store

    /// Wraps an open store.
    public init(store: Store) { self.store = store }

    /// Adds a facilitator. Plain output names them and shows the token once with a warning;
    /// `json` prints exactly one object `{"id":…,"name":…,"token":…}`.
    public func add(name: String, email: String?, json: Bool) async throws -> String {
        let issued = try await store.addFacilitator(name: name, email: email)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let object = AddedFacilitatorJSON(id: issued.facilitator.id.rawValue, name: issued.facilitator.name, token: issued.token)
            return String(decoding: try encoder.encode(object), as: UTF8.self)
        }
        return """
            Added facilitator \(issued.facilitator.name) (id \(issued.facilitator.id)).
            API token (shown once, only its hash is stored):
            \(issued.token)
            """
    }

    /// One tab-separated line per facilitator: id, status (`active` or `revoked`), created,
    /// revoked (`-` while active), name, e-mail; a header line first. Every field but the name
    /// is one word, so `awk '{print $1, $2}'` reads the id and status.
    public func list() async throws -> String {
        let facilitators = try await store.facilitators()
        guard !facilitators.isEmpty else { return "No facilitators yet: add one with `reviewroomd facilitator add NAME`." }
        var lines = ["ID\tSTATUS\tCREATED\tREVOKED\tNAME\tEMAIL"]
        for facilitator in facilitators {
            let status = facilitator.revokedAt == nil ? "active" : "revoked"
            let fields = [facilitator.id.rawValue, status, facilitator.createdAt.rfc3339, facilitator.revokedAt?.rfc3339 ?? "-",
                          facilitator.name, facilitator.email ?? "-"]
            lines.append(fields.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }

    /// Revokes facilitator `id`; their token stops working at once, also in a running daemon.
    /// With `transferTo`, their sessions get that facilitator as owner in the same transaction;
    /// without, the message names the sessions they still own and how to hand them over.
    public func revoke(_ id: String, transferTo: String? = nil) async throws -> String {
        let outcome = try await store.revokeFacilitator(FacilitatorID(id), transferringSessionsTo: transferTo.map { FacilitatorID($0) })
        // A second revoke (to transfer the sessions later) says so rather than "Revoked" again.
        let who = outcome.wasRevokedBefore
            ? "Facilitator \(outcome.facilitator.name) (id \(outcome.facilitator.id)) was already revoked; their API token does not work."
            : "Revoked facilitator \(outcome.facilitator.name) (id \(outcome.facilitator.id)); their API token no longer works."
        let count = outcome.sessions.count == 1 ? "1 session" : "\(outcome.sessions.count) sessions"
        let links = outcome.revokedOwnLinks == 0 ? ""
            : "\nTheir own facilitator link in \(outcome.revokedOwnLinks == 1 ? "1 session" : "\(outcome.revokedOwnLinks) sessions") "
                + "stopped working too; a running daemon closes what joined with it within seconds."
        if let newOwner = outcome.newOwner {
            return """
                \(who)\(links)
                Transferred \(count) to \(newOwner.name) (id \(newOwner.id)), who can now manage them through the API: \
                revoke or renew the other invite links, or delete the sessions.
                """
        }
        guard !outcome.sessions.isEmpty else { return "\(who)\(links)\nThey own no sessions." }
        return """
            \(who)\(links)
            They still own \(count) (\(outcome.sessions.map(\.rawValue).joined(separator: ", "))); \
            nobody can manage them through the API until you give them to an active facilitator:
            reviewroomd facilitator revoke \(outcome.facilitator.id) --transfer-to ID
            """
    }
}
