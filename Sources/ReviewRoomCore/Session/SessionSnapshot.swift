/// The core's part of the WebSocket `SNAPSHOT` (PROTOCOL.md §3.1):
/// `{id, title, hostSchool, focus, startsAt, timeZone, agenda, clock, floor, prompts, notes, participants}`.
///
/// `notes` holds `{id, title}` only (the server adds `rev` and `text` from the notes engine)
/// and `participants` `{id, name, role}` only (the server adds `online`).
public struct SessionSnapshot: Codable, Equatable, Sendable {
    /// Session id.
    public var id: String
    /// Title.
    public var title: String
    /// Host school.
    public var hostSchool: String
    /// Enquiry focus.
    public var focus: String
    /// Planned start.
    public var startsAt: Timestamp
    /// IANA time zone.
    public var timeZone: String
    /// The phases.
    public var agenda: [Phase]
    /// The clock at the snapshot's instant.
    public var clock: Clock
    /// The floor.
    public var floor: Floor
    /// The prompts.
    public var prompts: Prompts
    /// Note buffers (ids and titles).
    public var notes: [NoteHeading]
    /// Participants in invitation order.
    public var participants: [Participant]
}
