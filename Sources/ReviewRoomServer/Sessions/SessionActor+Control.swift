import Foundation
import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomProtocol
import ReviewRoomStore

extension SessionActor {
    /// Applies a PATCH, records its `session.changed` together with the new stored definition
    /// and calendar `SEQUENCE` (one store transaction: a crash leaves all three or none), waits
    /// until they are durable, and returns the state afterwards.
    func edit(_ edit: SessionEdit, by facilitator: FacilitatorID?, at now: Timestamp) async throws -> SessionState {
        guard !stopped, !erasing else { throw stoppedError }
        let before = state
        let author = authorID(of: facilitator)
        let events = try state.apply(edit, at: now).get()
        let after = state
        let change = events.isEmpty ? nil : SessionDefinitionChange(
            definition: Self.definition(of: after), reschedule: Self.calendarEventChanged(from: before, to: after))
        let last = record(core: events, author: author, changing: change)
        await waitUntilDurable()
        // The actor stops when the write failed: nothing of the edit was stored, and the caller
        // must not hear it was. The store's reason when it gave one (a retry on a fresh actor
        // would meet the same full disk), else the registry retries on a fresh actor.
        if durable < last { throw wasDeleted ? stoppedError : writeFailure ?? stoppedError }
        return after
    }

    /// Whether the calendar event (`calendar.ics`) reads differently after the edit — a new
    /// start, time zone, length (the agenda's planned total), title or description — so its
    /// `SEQUENCE` must rise (RFC 5545 §3.8.7.4) and subscribed calendars update it.
    static func calendarEventChanged(from before: SessionState, to after: SessionState) -> Bool {
        func event(_ state: SessionState) -> String {
            CalendarExport.ics(info: state.info, agenda: state.agenda, sequence: 0,
                               stamp: Timestamp(millisecondsSince1970: 0), consoleURL: nil)
        }
        return event(before) != event(after)
    }

    /// The stored definition that matches `state`.
    static func definition(of state: SessionState) -> SessionDefinition {
        SessionDefinition(title: state.info.title, hostSchool: state.info.hostSchool, focus: state.info.focus,
                          startsAt: state.info.startsAt, timeZone: state.info.timeZone,
                          lobbyOpensMinutesBefore: state.info.lobbyOpensMinutesBefore, autoStart: state.info.autoStart,
                          agendaJSON: WireJSON.encode(state.agenda), promptsJSON: WireJSON.encode(state.prompts.deck),
                          notesJSON: WireJSON.encode(state.notes))
    }

    /// Records `participant.changed` for someone the store just added. Once the session has
    /// ended the core refuses it with `session_ended` (the caller withdraws the stored invite)
    /// unless `evenAfterTheEnd` (the owner's own facilitator participant, made when their
    /// console first joins); decided in the actor's turn, so a `session.end` cannot slip between
    /// a check and the change.
    /// `actingFor` makes them that facilitator's own participant (their console joins as it).
    func addParticipant(_ participant: Participant, by facilitator: FacilitatorID?, at now: Timestamp,
                        evenAfterTheEnd: Bool = false, actingFor owner: FacilitatorID? = nil) async throws {
        guard !stopped, !erasing else { throw stoppedError }
        let author = authorID(of: facilitator)
        if let owner { ownParticipants[participant.id] = owner }
        if state.participant(participant.id) == nil {
            record(core: try state.apply(.add(participant, evenAfterTheEnd: evenAfterTheEnd), at: now).get(), author: author)
        } else if evenAfterTheEnd || !state.isEnded {
            // Loaded after the store added them: the list is right; still tell everyone.
            recordParticipantList(by: author, at: now)
        } else {
            // Loaded after the store added them to a session that had ended: the list read an
            // invite the caller withdraws now (a reload will not read it); nothing logged them.
            state.replay(Event(at: now, body: .participantChanged(state.participants.filter { $0.id != participant.id })))
            throw CommandError(code: .sessionEnded, message: "session \(id) has ended, so nobody new can be invited to it")
        }
        await waitUntilDurable()
    }

    /// Records the removal of someone the store just revoked and closes their connections with
    /// 4003. Once the session has ended the core keeps them listed (no event: only their access
    /// goes), and only their invite-link connections close; a console they opened with their
    /// facilitator token stays. Decided in the actor's turn, so a `session.end` cannot slip
    /// between a check and the change.
    func removeParticipant(_ participantID: String, by facilitator: FacilitatorID?, at now: Timestamp) async throws {
        guard !stopped, !erasing else { throw stoppedError }
        let author = authorID(of: facilitator)
        if state.participant(participantID) != nil {
            record(core: try state.apply(.remove(id: participantID), at: now).get(), author: author)
        } else if !state.isEnded {
            recordParticipantList(by: author, at: now)
        }
        disconnect(participantID, consolesToo: !state.isEnded)
        await waitUntilDurable()
    }

    private func recordParticipantList(by author: String?, at now: Timestamp) {
        let event = Event(at: now, body: .participantChanged(state.participants))
        state.replay(event)
        record(core: [event], author: author)
    }

    /// The participant id `facilitator` acts as in this session (their own participant), taken
    /// before the change: removing them still names them.
    private func authorID(of facilitator: FacilitatorID?) -> String? {
        facilitator.flatMap { facilitatorParticipant(of: $0)?.id }
    }

    /// Closes the participant's connections with 4003 (after what is already queued). Their
    /// slots under ``ConnectionCap`` are free at once: the new link of a reissue is admitted as
    /// soon as the reissue is answered, even while the old link's connections are still closing.
    /// A reissue (or a revocation after the end) takes away the invite link, so only what joined
    /// with it closes: a facilitator's console, joined as their own participant with their API
    /// token, stays (a facilitator who replaced their own link after a slip lost the live console
    /// they were running the review from). Removing the participant closes the consoles too.
    func disconnect(_ participantID: String, consolesToo: Bool = false) {
        for connection in connections(of: participantID) where members[connection]?.closing == false
            && (consolesToo || members[connection]?.console == nil) {
            members[connection]?.closing = true
            if members[connection]?.holdsSlot == true {
                members[connection]?.holdsSlot = false
                connectionCap.release(participantID)
            }
            enqueue(.close(connection, code: CloseCode.revoked.rawValue, reason: "your invitation was revoked or reissued"))
        }
    }

    /// Closes with 4003 (after what is already queued) every connection carrying `facilitator`'s
    /// powers: the consoles that joined with their token, and their own participant's invite-link
    /// connections (the store took that link away with the revocation). Returns how many closes
    /// it queued (none for a connection already being closed).
    func closeConsoles(of facilitator: FacilitatorID) -> Int {
        var closed = 0
        for (connection, member) in members where member.facilitator == facilitator && !member.closing {
            members[connection]?.closing = true
            if member.holdsSlot {
                members[connection]?.holdsSlot = false
                connectionCap.release(member.participantID)
            }
            enqueue(.close(connection, code: CloseCode.revoked.rawValue, reason: "your facilitator token was revoked"))
            closed += 1
        }
        return closed
    }

    /// Takes the revoked `facilitator`'s own participants off the list (`participant.changed`, no
    /// author) of a session that has not ended: the store revoked their links with them, and a
    /// reload would take them off the same way (``SessionState/interruptedInvitationChanges(invited:revoked:)``).
    /// An ended session keeps listing them: they took part.
    func removeOwnParticipants(of facilitator: FacilitatorID) async {
        guard !stopped, !erasing, !state.isEnded else { return }
        let now = clock.now()
        var last: Int64?
        for participant in state.participants where ownParticipants[participant.id] == facilitator {
            guard let events = try? state.apply(.remove(id: participant.id), at: now).get() else { continue }
            last = record(core: events, author: nil)
        }
        if last != nil { await waitUntilDurable() }
    }

    /// Why a facilitator's change cannot be applied once ``stopped`` or while ``erasing``:
    /// `not_found` when the session was deleted meanwhile or is being deleted (a PATCH racing a
    /// DELETE), else ``SessionActorStopped`` (the registry retries on a fresh actor).
    private var stoppedError: any Error {
        if erasing, !stopped { return CommandError(code: .notFound, message: "session \(id) is being deleted") }
        return wasDeleted ? CommandError(code: .notFound, message: "session \(id) was deleted") : SessionActorStopped(session: id)
    }

    /// The store no longer has the session: a DELETE erased it while this actor (loaded by a
    /// request that raced the DELETE) was writing. That is a deletion, not a failed write: 4004,
    /// no error logged, and the registry forgets the actor.
    func erasedMeanwhile() {
        deleted()
        onFailure(id)
    }

    /// Stops deciding ahead of an erasure while keeping every connection open, so that no client
    /// hears "deleted" before the erasure is committed: commands are dropped unanswered (a client
    /// hears 4004 next, or 1001 and resends them on `resume`), joins and facilitator changes are
    /// refused, timers and still-online marks stop. Returns once everything decided before is
    /// durable.
    func beginErasing() async {
        erasing = true
        timer?.cancel()
        timer = nil
        stopStillOnlineMarks()
        await waitUntilDurable()
    }

    /// The erasure begun by ``beginErasing()`` failed (the session is still stored): close
    /// everything with 1001, so clients reconnect to the session loaded afresh and resume.
    func erasingFailed() {
        stop(code: CloseCode.goingAway.rawValue, reason: "the session could not be deleted; reconnect")
    }

    /// The session was deleted: close everything with 4004 and decide nothing more.
    func deleted() {
        wasDeleted = true
        stop(code: CloseCode.sessionDeleted.rawValue, reason: "the session was deleted")
    }

    /// What the review record is made from.
    func recordInput(at now: Timestamp) async throws -> RecordInput {
        let stateNow = state
        var buffers = state.notes.compactMap { notes[$0.id] }
        await waitUntilDurable()
        let records = try await store.events(of: id, after: 0)
        // Authorship is derived from a note's history: a note whose older ops are out of memory
        // gets them back from the log just read, in the record's copy only (the live note stays
        // trimmed: a record of a long session would otherwise hold its whole history in memory).
        completeHistory(of: &buffers, from: records)
        let logged = records.compactMap { record -> LoggedEvent? in
            guard let event = WireJSON.event(name: record.name, at: record.at, data: record.data) else { return nil }
            return LoggedEvent(seq: record.seq, event: event, author: record.author)
        }
        // The record names and lists revoked participants too: the store keeps them.
        let invited = try await store.participants(of: id)
            .sorted { $0.invitationOrder < $1.invitationOrder }
            .compactMap { stored in
                Role(rawValue: stored.role).map {
                    RecordInvitee(Participant(id: stored.id.rawValue, name: stored.name, role: $0), revoked: stored.revoked)
                }
            }
        // Read in the writer's order: the fire-and-forget joins and leaves before it are seen.
        let attendance = try await store.attendance(of: id).map {
            RecordOnlineInterval(participant: $0.participant.rawValue, joinedAt: $0.joinedAt, leftAt: $0.leftAt, recovered: $0.recovered,
                                 recoveredAt: $0.recoveredAt)
        }
        // The session as created: the first edit's log lines say what it replaced.
        let baseline = try await SessionDefinitionCoding.baseline(of: id, in: store)
        var input = RecordInput(state: stateNow, notes: buffers, events: logged, generatedAt: now, invited: invited,
                                attendance: attendance, baseline: baseline, languageHints: limits.languageHints,
                                follows: try await store.followedSession(of: id).map(RecordInput.FollowedSession.init))
        input.isWorkshop = followsSession != nil
        return input
    }

    /// Puts each buffer's ops from before its history in memory back, taken from `records` (the
    /// whole log, in order, read once for every note). A log that does not read, or a note whose
    /// ops do not chain, is logged and leaves the buffers (or that one) as they were: the record
    /// then attributes the older text to nobody.
    private func completeHistory(of buffers: inout [NoteBuffer], from records: [EventRecord]) {
        let oldest = Dictionary(uniqueKeysWithValues: buffers.filter { $0.snapshotRevision > 0 }.map { ($0.id, $0.snapshotRevision) })
        guard !oldest.isEmpty else { return }
        var older: [String: [NoteRevision]] = [:]
        do {
            for record in records where record.name == "note.op" {
                let entry = try LoadedSessionState.noteRevision(record, session: id)
                if let limit = oldest[entry.note], entry.revision.rev <= limit { older[entry.note, default: []].append(entry.revision) }
            }
        } catch {
            logger.error("older note history could not be read back for the record", metadata: ["session": "\(id)", "error": "\(error)"])
            return
        }
        for index in buffers.indices where oldest[buffers[index].id] != nil {
            do {
                try buffers[index].restoreOlderHistory(older[buffers[index].id] ?? [])
            } catch {
                logger.error("older note history could not be read back for the record",
                             metadata: ["session": "\(id)", "note": "\(buffers[index].id)", "error": "\(error.message)"])
            }
        }
    }
}
