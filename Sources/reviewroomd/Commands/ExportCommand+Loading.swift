import Foundation
import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomStore

extension ExportCommand {
    /// The record input of session `id`: its initial state from the stored definition and
    /// participants, then its whole event log replayed (``RecordInput/rebuilding(_:log:generatedAt:)``)
    /// and any invite or revocation the log lacks settled (``RecordInput/settleInterruptedInvitations(at:afterSeq:)``),
    /// with its definition as created (``RecordInput/baseline``) when the store recorded it.
    /// `servedSince` is when the `serve` running on the data directory started, nil when none
    /// runs (``DataDirectoryLock/servedSince(dataDirectory:)``).
    static func recordInput(of id: SessionID, in store: Store, at now: Timestamp,
                            servedSince: Timestamp? = nil) async throws -> RecordInput {
        guard let stored = try await store.session(id) else {
            throw ExportFailure(message: "there is no session '\(id.rawValue)' in \(store.configuration.databasePath)")
        }
        let definition = stored.definition
        let agenda = try decode([Phase].self, definition.agendaJSON, "agenda", id)
        let deck = try decode([Prompt].self, definition.promptsJSON, "prompt deck", id)
        let notes = try decode([NoteHeading].self, definition.notesJSON, "note list", id)
        let invited = try await store.participants(of: id)
            .sorted { $0.invitationOrder < $1.invitationOrder }
            .compactMap { stored in
                Role(rawValue: stored.role).map {
                    RecordInvitee(ReviewRoomCore.Participant(id: stored.id.rawValue, name: stored.name, role: $0),
                                  revoked: stored.revoked)
                }
            }
        // Everyone invited, as the live server loads it (LoadedSessionState): the log removes
        // those revoked before the end; those revoked after it took part and stay listed.
        let participants = invited.map(\.participant)
        let info = SessionInfo(
            id: id.rawValue, title: definition.title, hostSchool: definition.hostSchool, focus: definition.focus,
            startsAt: definition.startsAt, timeZone: definition.timeZone,
            lobbyOpensMinutesBefore: definition.lobbyOpensMinutesBefore, autoStart: definition.autoStart)
        let initial = SessionState(info: info, agenda: agenda, participants: participants, notes: notes, deck: deck)
        let log = try await store.events(of: id, after: 0).map {
            StoredLogEvent(seq: $0.seq, at: $0.at, name: $0.name, data: $0.data, author: $0.author)
        }
        // An interval still open since the running daemon started is someone online now, as
        // that daemon's own draft shows them (an export beside it said the server had stopped
        // without shutting down). One opened before, or with no daemon running, was left by a
        // daemon that was killed: it is shown as the daemon would close it on its next start,
        // ending at the last stored event or its last still-here mark (the later), and marked
        // as a lower bound, not stretched to the time of the export.
        let lastAt = log.last?.at
        let attendance = try await store.attendance(of: id).map { interval in
            if interval.leftAt == nil, let servedSince, interval.joinedAt >= servedSince {
                return RecordOnlineInterval(participant: interval.participant.rawValue, joinedAt: interval.joinedAt,
                                            leftAt: nil, recovered: interval.recovered, recoveredAt: interval.recoveredAt)
            }
            return RecordOnlineInterval(participant: interval.participant.rawValue, joinedAt: interval.joinedAt,
                                 leftAt: interval.leftAt ?? max(interval.joinedAt, lastAt ?? interval.joinedAt,
                                                                interval.seenAt ?? interval.joinedAt),
                                 recovered: interval.recovered || interval.leftAt == nil, recoveredAt: interval.recoveredAt)
        }
        let baseline: SessionChange?
        do {
            baseline = try await SessionDefinitionCoding.baseline(of: id, in: store)
        } catch let error as StoreError {
            throw ExportFailure(message: "session '\(id.rawValue)' has a stored definition as created that does not decode: \(error.message)")
        }
        let follows = try await store.followedSession(of: id).map(RecordInput.FollowedSession.init)
        do {
            var input = try RecordInput.rebuilding(initial, log: log, generatedAt: now, invited: invited)
            // An invite or revocation a stopped daemon stored but never logged is settled as the
            // daemon will settle it when it next loads the session (at its first load, with no author).
            input.settleInterruptedInvitations(at: now, afterSeq: log.last?.seq ?? 0)
            input.attendance = attendance
            input.baseline = baseline
            input.follows = follows
            input.isWorkshop = stored.followsSession != nil
            return input
        } catch {
            throw ExportFailure(message: "session '\(id.rawValue)': \(error.message)")
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ json: String, _ what: String, _ id: SessionID) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(json.utf8))
        } catch {
            throw ExportFailure(message: "session '\(id.rawValue)' has a stored \(what) that does not decode: \(error)")
        }
    }
}
