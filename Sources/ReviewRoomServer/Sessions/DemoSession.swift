import Foundation
import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomProtocol
import ReviewRoomStore

/// `serve --demo`: a demo session starting now, created once per data directory (owned by a
/// facilitator named ``facilitatorName``), with a facilitator link and three reviewer links.
/// Tokens are stored only as hashes, so on later starts the invites are reissued.
public enum DemoSession {
    /// The demo's owner.
    public static let facilitatorName = "ReviewRoom demo"

    /// Creates the demo session if there is none, and returns one line per link
    /// (`facilitator: URL`, `reviewer: URL`…) for links under `publicURL`.
    public static func prepare(in store: Store, publicURL: String, now: Timestamp) async throws -> [String] {
        let base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        var invites: [IssuedInvite]
        if let owner = try await store.facilitators().first(where: { $0.name == facilitatorName && $0.revokedAt == nil }),
           let session = try await store.sessions(ownedBy: owner.id).first {
            invites = []
            for participant in try await store.participants(of: session.id) where !participant.revoked {
                invites.append(try await store.reissueInvite(for: participant.id, in: session.id))
            }
        } else {
            let owner = try await store.addFacilitator(name: facilitatorName)
            let template = BuiltInContent.template("rapid-remote-90")
            let deck = BuiltInContent.deck("covid-recovery")
            let notes = [NoteHeading(id: "evidence", title: "Evidence"), NoteHeading(id: "went-well", title: "What went well"),
                         NoteHeading(id: "even-better-if", title: "Even better if"), NoteHeading(id: "questions", title: "Questions"),
                         NoteHeading(id: "actions", title: "Actions")]
            let definition = SessionDefinition(
                title: "Demo review", hostSchool: "Demo School", focus: "Try ReviewRoom", startsAt: now, timeZone: "UTC",
                lobbyOpensMinutesBefore: 15, autoStart: false,
                agendaJSON: WireJSON.encode(template?.phases ?? []), promptsJSON: WireJSON.encode(deck?.prompts ?? []),
                notesJSON: WireJSON.encode(notes))
            let people = [NewParticipant(name: "Facilitator", role: "facilitator")]
                + (1...3).map { NewParticipant(name: "Reviewer \($0)", role: "reviewer") }
            invites = try await store.createSession(owner: owner.facilitator.id, definition: definition, participants: people).invites
        }
        return invites.map { "\($0.participant.role): \(base)/\($0.participant.role == "display" ? "display" : "join")#\($0.token)" }
    }
}
