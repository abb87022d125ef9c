import ReviewRoomCore
import ReviewRoomProtocol
import ReviewRoomStore
import WebSocketTransport

extension SessionActor {
    /// How a join ended.
    enum JoinOutcome: Sendable {
        /// Joined: the welcome (or resumed + replay) is queued.
        case joined
        /// The participant is not (or no longer) in the session: close 4001.
        case unknownParticipant
        /// Closed with `not_open` (the lobby is not open yet).
        case notOpen
        /// Closed with `rate_limited`: the participant already holds
        /// ``LiveLimits/maxConnectionsPerParticipant`` connections (``ConnectionCap``).
        case tooManyConnections
        /// The session stopped (deleted or failed) or is being erased: close and let the client
        /// retry.
        case stopped
    }

    /// The participant of this session that `facilitator` joins as (PROTOCOL §3.5: their own),
    /// the first still listed that was made theirs (``ownParticipants``), else nil. Found by id,
    /// never by name: a co-facilitator who shares their name is someone else, whose commands
    /// would otherwise count as theirs.
    func facilitatorParticipant(of facilitator: FacilitatorID) -> Participant? {
        state.participants.first { ownParticipants[$0.id] == facilitator }
    }

    /// Joins `connection` as `participantID`; `console` names the facilitator whose token a
    /// console's `hello` carried; `older` holds the stored events a `resume` needs from before
    /// the replay ring (``olderEvents(for:)``). Atomic with respect to events: the member gets
    /// exactly the events after the seq its welcome/resumed names.
    func join(_ connection: WebSocketConnection, as participantID: String, console: FacilitatorID? = nil,
              resume: ResumeRequest?, older: [EventRecord] = []) -> JoinOutcome {
        guard !stopped, !erasing else { return .stopped }
        guard let you = state.participant(participantID) else { return .unknownParticipant }
        let now = clock.now()
        if let refusal = state.notOpenError(at: now), case .notOpen(let opensAt) = state.joinAvailability(at: now) {
            connection.send(OutboundFrame(text: ServerMessages.error(
                ProtocolError(code: .notOpen, message: refusal.message, id: nil), opensAt: opensAt,
                timeZone: state.info.timeZone, title: state.info.title, startsAt: state.info.startsAt,
                followsSession: followsSession?.rawValue)))
            connection.close(code: CloseCode.normal.rawValue, reason: "the session is not open yet")
            return .notOpen
        }
        if case .refused(let firstWhileFull) = connectionCap.admit(participantID) {
            refuseOverCap(connection, participantID: participantID, console: console, log: firstWhileFull)
            return .tooManyConnections
        }
        let wasOnline = online.contains(participantID)
        let facilitator = console ?? ownParticipants[participantID]
        members[connection.id] = SessionMember(connection: connection, participantID: participantID, console: console,
                                               facilitator: facilitator, fromSeq: seq)
        if let facilitator { consoles.joined(facilitator, in: id) }
        var frames: [OutboundFrame]
        // `after` is never negative for a seq a client saw (and `seq - after` must not overflow).
        if let resume, resume.epoch == epoch, resume.after >= 0, resume.after <= seq,
           seq - resume.after <= Int64(limits.replayLimit),
           let backlog = recent.frames(after: resume.after, older: older), backlog.reduce(0, { $0 + $1.count }) <= limits.replayByteLimit {
            frames = [OutboundFrame(text: ServerMessages.resumed(epoch: epoch, seq: seq, serverTime: now))]
            frames += backlog
        } else {
            let snapshot = WireSnapshot(state.snapshot(at: now), notes: noteSnapshots, online: online)
            frames = [OutboundFrame(text: ServerMessages.welcome(epoch: epoch, seq: seq, serverTime: now, you: you,
                                                                 session: snapshot, followsSession: followsSession?.rawValue))]
        }
        enqueue(.welcome(connection.id, frames))
        if !wasOnline { attendanceJoined(participantID, at: now) }
        // The joiner's one `presence` follows its welcome (or its replay); the others hear one
        // only when who is online changed — not for a participant's second tab.
        enqueue(.presence(only: wasOnline ? connection.id : nil))
        return .joined
    }

    /// Forgets a closed connection; the others hear a `presence` if its participant is now
    /// offline (not when another tab of theirs is still open).
    /// With `flooding`, the daemon closed it with 4029 for too many refused messages and logs
    /// why (``logFloodClose(of:_:)``).
    func leave(_ connection: ConnectionID, closedForFlooding flooding: Bool = false) {
        guard let member = members.removeValue(forKey: connection) else { return }
        if flooding { logFloodClose(of: member, connection) }
        if member.holdsSlot { connectionCap.release(member.participantID) }
        if let facilitator = member.facilitator { consoles.left(facilitator, in: id) }
        if !online.contains(member.participantID) {
            enqueue(.presence(only: nil))
            attendanceLeft(member.participantID, at: clock.now())
        }
    }

    /// Reports that the daemon closed `member`'s connection with 4029 for flooding
    /// (``ForcedCloseLogKind/rateLimit``): by session, participant id and connection id with the
    /// limits it broke, never a token. The daemon-wide ``forcedCloses`` logs the first in full,
    /// then counts: a script reconnecting from many tabs must not write a line a connection.
    func logFloodClose(of member: SessionMember, _ connection: ConnectionID) {
        forcedCloses.failed(.rateLimit, session: id, details: [
            "participant": "\(member.participantID)", "connection": "\(connection)", "console": "\(member.console != nil)",
            "messages_per_second": "\(limits.messagesPerSecond)", "message_burst": "\(limits.messageBurst)"])
    }

    /// Connections of `participantID`.
    func connections(of participantID: String) -> [ConnectionID] {
        members.filter { $0.value.participantID == participantID }.map(\.key)
    }
}
