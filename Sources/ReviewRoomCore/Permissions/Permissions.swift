/// The one table of who may send what (PROTOCOL.md §3.2, "who may").
///
/// The table is by role. Some commands are further limited to a person, checked by the
/// rules themselves: `floor.release` (the speaker or a facilitator), `round.pass` (the
/// round's current speaker), `hand.lower` and `hand.raise` for someone else (facilitator).
/// `observer` and `display` never change anything.
public enum Permissions {
    private static let speakers: Set<Role> = [.facilitator, .host, .reviewer]
    private static let facilitators: Set<Role> = [.facilitator]
    private static let everyone = Set(Role.allCases)

    /// The roles that may send `command`.
    public static func roles(for command: CommandName) -> Set<Role> {
        switch command {
        case .ping, .noteGet:
            everyone
        case .signal:
            everyone.subtracting([.display])
        case .sessionStart, .sessionEnd, .clockPause, .clockResume, .clockExtend,
             .phaseNext, .phasePrev, .phaseGoto, .floorGrant, .floorNext,
             .roundStart, .roundStop, .promptShow, .promptHide, .promptDiscussed, .promptAdd:
            facilitators
        case .handRaise, .handLower, .floorRelease, .roundPass, .noteEdit, .noteCursor:
            speakers
        }
    }

    /// Whether `role` may send `command` at all.
    public static func allows(_ role: Role, _ command: CommandName) -> Bool {
        roles(for: command).contains(role)
    }
}
