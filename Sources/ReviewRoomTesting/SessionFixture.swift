import Foundation
import ReviewRoomCore
import ReviewRoomStore

/// A facilitator and a session created directly in a data directory's store (before the
/// daemon starts on it, or in-process), with everyone's tokens.
public struct SessionFixture: Sendable {
    /// The session id.
    public var session: SessionID
    /// The owner's facilitator API token.
    public var facilitatorToken: String
    /// Invite tokens by participant name.
    public var tokens: [String: String]
    /// Participant ids by name.
    public var participantIDs: [String: String]
    /// The epoch.
    public var epoch: String
    /// The owner's facilitator id (nil when not known).
    public var facilitatorID: FacilitatorID?

    /// Wraps an existing session's facts.
    public init(session: SessionID, facilitatorToken: String, tokens: [String: String], participantIDs: [String: String],
                epoch: String, facilitatorID: FacilitatorID? = nil) {
        self.session = session
        self.facilitatorToken = facilitatorToken
        self.tokens = tokens
        self.participantIDs = participantIDs
        self.epoch = epoch
        self.facilitatorID = facilitatorID
    }

    /// A default agenda: three phases of `seconds` each.
    public static func agenda(seconds: Double = 600) -> [Phase] {
        [Phase(id: "welcome", title: "Welcome", kind: .discussion, durationSec: seconds, turnMode: .open, onTimeUp: .overtime),
         Phase(id: "evidence", title: "Evidence", kind: .discussion, durationSec: seconds, turnMode: .open, onTimeUp: .overtime),
         Phase(id: "close", title: "Close", kind: .discussion, durationSec: seconds, turnMode: .open, onTimeUp: .overtime)]
    }

    /// Creates the session in `store`: facilitator "Fay" (also her own facilitator participant),
    /// host "Hana", reviewers "Asha" and "Ben" (and `extraReviewers` more), observer "Olu",
    /// display "Dee"; one note `evidence`; starting at `startsAt`.
    public static func create(in store: Store, startsAt: Timestamp, agenda: [Phase] = agenda(), extraReviewers: Int = 0,
                              autoStart: Bool = false, lobbyMinutes: Int = 15) async throws -> SessionFixture {
        let facilitator = try await store.addFacilitator(name: "Fay")
        let encoder = JSONEncoder()
        let definition = SessionDefinition(
            title: "Test review", hostSchool: "Hill School", focus: "Reading", startsAt: startsAt, timeZone: "Europe/London",
            lobbyOpensMinutesBefore: lobbyMinutes, autoStart: autoStart,
            agendaJSON: String(decoding: try encoder.encode(agenda), as: UTF8.self),
            promptsJSON: String(decoding: try encoder.encode([Prompt(id: "q1", text: "What works?", theme: "wellbeing")]), as: UTF8.self),
            notesJSON: String(decoding: try encoder.encode([NoteHeading(id: "evidence", title: "Evidence")]), as: UTF8.self))
        var people = [NewParticipant(name: "Fay", role: "facilitator", actsFor: facilitator.facilitator.id), NewParticipant(name: "Hana", role: "host"),
                      NewParticipant(name: "Asha", role: "reviewer"), NewParticipant(name: "Ben", role: "reviewer")]
        for n in 0..<extraReviewers { people.append(NewParticipant(name: "Rev\(n)", role: "reviewer")) }
        people += [NewParticipant(name: "Olu", role: "observer"), NewParticipant(name: "Dee", role: "display")]
        let created = try await store.createSession(owner: facilitator.facilitator.id, definition: definition, participants: people)
        var tokens: [String: String] = [:]
        var ids: [String: String] = [:]
        for invite in created.invites {
            tokens[invite.participant.name] = invite.token
            ids[invite.participant.name] = invite.participant.id.rawValue
        }
        return SessionFixture(session: created.session.id, facilitatorToken: facilitator.token, tokens: tokens,
                              participantIDs: ids, epoch: created.session.epoch, facilitatorID: facilitator.facilitator.id)
    }

    /// Opens the store in `dataDirectory`, creates the session and closes the store again.
    public static func create(inDataDirectory dataDirectory: URL, startsAt: Timestamp, agenda: [Phase] = agenda(),
                              extraReviewers: Int = 0) async throws -> SessionFixture {
        let store = try await Store.open(StoreConfiguration(dataDirectory: dataDirectory.path))
        do {
            let fixture = try await create(in: store, startsAt: startsAt, agenda: agenda, extraReviewers: extraReviewers)
            await store.close()
            return fixture
        } catch {
            await store.close()
            throw error
        }
    }
}
