/// A command the core decides on: every state-changing command of PROTOCOL.md §3.2 except
/// the `note.*` ones (the notes engine) and the ephemeral ones (`ping`, `signal`).
///
/// Values are as the client sent them; the core checks ranges and refers to ids.
public enum Command: Equatable, Sendable {
    /// `session.start`
    case sessionStart
    /// `session.end`
    case sessionEnd
    /// `clock.pause`
    case clockPause
    /// `clock.resume`
    case clockResume
    /// `clock.extend` by `seconds` (non-zero, −3600…3600); with `phase` (a ReviewRoom extension
    /// of PROTOCOL.md §3.2), only while that 0-based phase is current (the console's phase Undo:
    /// a co-facilitator's move landing between its `phase.goto` and this must not give the
    /// phase's time to the next one).
    case clockExtend(seconds: Double, phase: Int? = nil)
    /// `phase.next`; with `from` (`phase` on the wire, a ReviewRoom extension of PROTOCOL.md
    /// §3.2), only while that 0-based phase is current: two facilitators pressing Next at once
    /// must move the room one phase, not two.
    case phaseNext(from: Int? = nil)
    /// `phase.prev`; with `from` (`phase` on the wire), only while that phase is current.
    case phasePrev(from: Int? = nil)
    /// `phase.goto` the 0-based `index`; with `from` (`phase` on the wire, a ReviewRoom extension
    /// of PROTOCOL.md §3.2), only while that phase is current: a "Go to" confirmed after a
    /// co-facilitator moved the room (and started a round there) ended their round.
    case phaseGoto(index: Int, from: Int? = nil)
    /// `hand.raise` of `kind`, for the sender or (facilitator only) for `participant`.
    case handRaise(kind: HandKind, participant: String? = nil)
    /// `hand.lower` of the sender's hand or (facilitator only) `participant`'s.
    case handLower(participant: String? = nil)
    /// `floor.grant` to `participant`, optionally for `turnSec` seconds.
    case floorGrant(participant: String, turnSec: Double? = nil)
    /// `floor.next`: the first hand in the queue gets the floor (in a round, the next person).
    ///
    /// With `speaker` (a ReviewRoom extension of PROTOCOL.md §3.2), only while that participant
    /// has the floor: two facilitators pressing "Next speaker" in a round at once must move the
    /// round on by one person, not skip the next one. With `next` (the same kind of extension),
    /// only when it gives the floor to that participant: "Next speaker" pressed on a view a moment
    /// behind must not give the floor back to someone whose turn already came.
    case floorNext(turnSec: Double? = nil, speaker: String? = nil, next: String? = nil)
    /// `floor.release`: the speaker's turn ends.
    ///
    /// With `participant` (a ReviewRoom extension of PROTOCOL.md §3.2), only while that
    /// participant has the floor: a facilitator's "End the turn" meant for one speaker must not
    /// end the turn a co-facilitator gave someone else a moment before.
    case floorRelease(participant: String? = nil)
    /// `round.start` with an `order` (default: reviewers, then hosts) and `secondsEach`.
    case roundStart(order: [String]? = nil, secondsEach: Double)
    /// `round.pass`: the round's current speaker passes.
    case roundPass
    /// `round.stop`
    case roundStop
    /// `prompt.show`
    case promptShow(prompt: String)
    /// `prompt.hide`
    case promptHide
    /// `prompt.discussed`
    case promptDiscussed(prompt: String, discussed: Bool)
    /// `prompt.add`
    case promptAdd(text: String, theme: String? = nil)

    /// The wire name of the command.
    public var name: CommandName {
        switch self {
        case .sessionStart: .sessionStart
        case .sessionEnd: .sessionEnd
        case .clockPause: .clockPause
        case .clockResume: .clockResume
        case .clockExtend: .clockExtend
        case .phaseNext: .phaseNext
        case .phasePrev: .phasePrev
        case .phaseGoto: .phaseGoto
        case .handRaise: .handRaise
        case .handLower: .handLower
        case .floorGrant: .floorGrant
        case .floorNext: .floorNext
        case .floorRelease: .floorRelease
        case .roundStart: .roundStart
        case .roundPass: .roundPass
        case .roundStop: .roundStop
        case .promptShow: .promptShow
        case .promptHide: .promptHide
        case .promptDiscussed: .promptDiscussed
        case .promptAdd: .promptAdd
        }
    }
}
