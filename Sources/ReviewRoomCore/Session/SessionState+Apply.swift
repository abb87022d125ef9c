extension SessionState {
    /// Decides on a client command from participant `participantID` at `now`.
    ///
    /// On success the state has moved on and the events say how (none when the command
    /// changes nothing). On failure the state is untouched and the error's code is one of
    /// PROTOCOL.md §3.4: `unauthorized` (unknown sender), `forbidden` (role or person),
    /// `session_ended`, then `bad_request`, `not_found` or `invalid_state` from the rules.
    public mutating func apply(_ command: Command, by participantID: String,
                               at now: Timestamp) -> Result<[Event], CommandError> {
        do {
            let sender = try admit(command.name, by: participantID).get()
            let bodies = try decide(command, by: sender, at: now)
            return .success(commit(bodies, at: now))
        } catch {
            return .failure(error)
        }
    }

    /// The checks every command gets before its own rules, for any command of PROTOCOL.md §3.2
    /// (so the server can use it for `note.*`, `ping` and `signal` too): unknown sender →
    /// `unauthorized`; role not allowed → `forbidden`; a state-changing command after the
    /// end → `session_ended`. Nil when the command may go on to its rules.
    public func check(_ command: CommandName, by participantID: String) -> CommandError? {
        guard case .failure(let refusal) = admit(command, by: participantID) else { return nil }
        return refusal
    }

    /// The sender, once ``check(_:by:)`` has nothing against the command.
    func admit(_ command: CommandName, by participantID: String) -> Result<Participant, CommandError> {
        guard let sender = participant(participantID) else {
            return .failure(CommandError(code: .unauthorized,
                                         message: "participant '\(participantID)' is not in session \(info.id)"))
        }
        guard Permissions.allows(sender.role, command) else {
            return .failure(.forbidden("\(sender.name) is \(sender.role.withArticle) and may not send "
                + "\(command.rawValue): only \(Self.whoMay(command)) may"))
        }
        guard !isEnded || !command.changesState else {
            return .failure(CommandError(code: .sessionEnded, message: "session \(info.id) has ended: "
                + "\(command.rawValue) cannot change it any more"))
        }
        return .success(sender)
    }

    /// Who may send `command`, in words: PROTOCOL's person for the commands it gives by person
    /// ("speaker, facilitator"), else the roles. An observer's `floor.release` was answered
    /// "only facilitator, host, reviewer may", which the table does not say.
    static func whoMay(_ command: CommandName) -> String {
        switch command {
        case .floorRelease: "the speaker or a facilitator"
        case .roundPass: "the round's current speaker"
        case .handLower: "a facilitator, host or reviewer, for their own hand (a facilitator for anyone's)"
        default: Permissions.roles(for: command).map(\.rawValue).sorted().joined(separator: ", ")
        }
    }

    /// Stamps `bodies` with `now`, replays them onto the state and returns them. A
    /// `floor.changed` that ends a turn gets the time the clock was paused during it taken back
    /// out of the speaker's `spokenSec` (``Floor`` counts wall time).
    mutating func commit(_ bodies: [EventBody], at now: Timestamp) -> [Event] {
        var events: [Event] = []
        for body in bodies {
            let event = Event(at: now, body: leavingPausesOut(of: body))
            replay(event)
            events.append(event)
        }
        return events
    }

    private func decide(_ command: Command, by sender: Participant,
                        at now: Timestamp) throws(CommandError) -> [EventBody] {
        switch command {
        case .sessionStart: return try decideStart(at: now)
        case .sessionEnd: return decideEnd(at: now)
        case .clockPause: return try decidePause(at: now)
        case .clockResume: return try decideResume(at: now)
        case .clockExtend(let seconds, let phase): return try decideExtend(seconds: seconds, onlyIn: phase, at: now)
        case .phaseNext(let from): return try decidePhaseNext(from: from, at: now)
        case .phasePrev(let from): return try decidePhasePrev(from: from, at: now)
        case .phaseGoto(let index, let from): return try decidePhaseGoto(index, from: from, at: now)
        case .handRaise(let kind, let participant):
            return try decideHandRaise(kind, for: participant, by: sender, at: now)
        case .handLower(let participant): return try decideHandLower(participant, by: sender, at: now)
        case .floorGrant(let participant, let turnSec):
            return try decideGrant(to: participant, turnSec: turnSec, at: now)
        case .floorNext(let turnSec, let speaker, let next): return try decideFloorNext(turnSec: turnSec, from: speaker, to: next, at: now)
        case .floorRelease(let meant): return try decideRelease(by: sender, meant: meant, at: now)
        case .roundStart(let order, let secondsEach):
            return try decideRoundStart(order: order, secondsEach: secondsEach, at: now)
        case .roundPass: return try decideRoundPass(by: sender, at: now)
        case .roundStop: return try decideRoundStop(at: now)
        case .promptShow(let prompt): return try decidePromptShow(prompt)
        case .promptHide: return decidePromptHide()
        case .promptDiscussed(let prompt, let discussed): return try decidePromptDiscussed(prompt, discussed)
        case .promptAdd(let text, let theme): return try decidePromptAdd(text: text, theme: theme)
        }
    }
}
