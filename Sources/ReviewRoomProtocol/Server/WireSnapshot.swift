import ReviewRoomCore

/// The `SNAPSHOT` of a `welcome` (PROTOCOL.md §3.1): the core's snapshot plus each note's
/// `rev` and `text` and each participant's `online`.
public struct WireSnapshot: Encodable, Sendable {
    /// A participant with presence.
    public struct OnlineParticipant: Encodable, Sendable {
        /// Id.
        public var id: String
        /// Name.
        public var name: String
        /// Role.
        public var role: Role
        /// Whether they hold a connection now.
        public var online: Bool
    }

    /// A note with its text.
    public struct WireNote: Encodable, Sendable {
        /// Note id.
        public var id: String
        /// Title.
        public var title: String
        /// Current revision.
        public var rev: Int
        /// Current text.
        public var text: String
    }

    let id: String
    let title: String
    let hostSchool: String
    let focus: String
    let startsAt: Timestamp
    let timeZone: String
    let agenda: [Phase]
    let clock: Clock
    let floor: Floor
    let prompts: Prompts
    let notes: [WireNote]
    let participants: [OnlineParticipant]

    /// Builds the wire snapshot from the core's, the notes' current state and who is online.
    public init(_ snapshot: SessionSnapshot, notes: [NoteSnapshot], online: Set<String>) {
        id = snapshot.id
        title = snapshot.title
        hostSchool = snapshot.hostSchool
        focus = snapshot.focus
        startsAt = snapshot.startsAt
        timeZone = snapshot.timeZone
        agenda = snapshot.agenda
        clock = snapshot.clock
        floor = snapshot.floor
        prompts = snapshot.prompts
        self.notes = notes.map { WireNote(id: $0.id, title: $0.title, rev: $0.rev, text: $0.text) }
        participants = snapshot.participants.map {
            OnlineParticipant(id: $0.id, name: $0.name, role: $0.role, online: online.contains($0.id))
        }
    }

    /// `participant.changed` data: `{"participants":[{id,name,role,online}]}`.
    public static func participantsData(_ participants: [Participant], online: Set<String>) -> String {
        struct Payload: Encodable { var participants: [OnlineParticipant] }
        return WireJSON.encode(Payload(participants: participants.map {
            OnlineParticipant(id: $0.id, name: $0.name, role: $0.role, online: online.contains($0.id))
        }))
    }
}
