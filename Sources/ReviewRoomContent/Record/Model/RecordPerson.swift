import ReviewRoomCore

/// A participant as the record names them.
public struct RecordPerson: Codable, Equatable, Sendable {
    /// Participant id.
    public var id: String
    /// Display name (the id only when the record does not know the participant at all).
    public var name: String
    /// Role (`facilitator`, `host`, `reviewer`, `observer`, `display`; `unknown` for an id the
    /// record does not know).
    public var role: String
    /// Whether they are no longer in the session (their invite was revoked).
    public var removed: Bool
    /// Whether they joined online at all before the session ended (a device connected);
    /// absent when the record does not know (set only in the record's participant list).
    /// People in the room without a device of their own are `false`: "did not join online".
    public var attended: Bool? = nil
    /// When they first joined online.
    public var firstJoinedAt: Timestamp? = nil
    /// ``firstJoinedAt`` in the display time zone.
    public var firstJoinedAtLocal: String? = nil
    /// Total time online, in seconds (two tabs at once count once), up to the end of the
    /// session, or up to when the record was made for a draft.
    public var onlineSec: Double? = nil
    /// Present (`true`) when some of their time online was cut short by a server that stopped
    /// without closing it: ``onlineSec`` is then a lower bound (see ``ReviewRecord/attendanceNote``).
    public var onlineSecIsLowerBound: Bool? = nil
    /// The stretches they were online, in order (several tabs at once are one); set in the
    /// record's participant list when attendance is known and they joined.
    public var online: [RecordOnlineSpell]? = nil
}
