import ReviewRoomCore

/// The review record as data: what every format renders, and exactly the JSON format's
/// document (schema in ``RecordSchema``). Build it with ``init(_:)``.
public struct ReviewRecord: Codable, Equatable, Sendable {
    /// Version of the JSON shape (``RecordSchema/json`` describes version 1).
    public var schemaVersion: Int
    /// Whether the session has not ended yet (the record may still change).
    public var draft: Bool
    /// What time the record shows the session as of: for a draft, when it was produced; once
    /// the session has ended, the time of the last logged change (the end, or a later edit),
    /// so that a final record is the same bytes whenever it is made.
    public var generatedAt: Timestamp
    /// ``generatedAt`` in the session's time zone.
    public var generatedAtLocal: String
    /// The IANA zone local times are shown in (`UTC` when the session's zone is unknown).
    public var displayTimeZone: String
    /// Set when the session's time zone is unknown and UTC is used instead.
    public var timeZoneNote: String?
    /// Session facts and focus.
    public var session: RecordSession
    /// Everyone invited, in invitation order, with their attendance when the record knows it.
    public var participants: [RecordPerson]
    /// What the attendance figures mean and, when the server once stopped without closing
    /// someone's time online, whose figures are lower bounds; absent when attendance is unknown.
    public var attendanceNote: String?
    /// Times the server stopped without shutting down while people were online, in order (empty
    /// when there were none, or attendance is unknown); each is a `server` line in ``log`` too.
    public var serverStops: [RecordServerStop]
    /// The agenda as planned and as run.
    public var agenda: [RecordPhase]
    /// Planned length of the whole agenda, in seconds.
    public var plannedSec: Double
    /// Running time actually spent, in seconds (paused time excluded).
    public var actualSec: Double
    /// Every question of the deck, with whether it was shown and discussed.
    public var questions: [RecordQuestion]
    /// The `actions` note, when the session has one.
    public var actions: RecordNote?
    /// Every note buffer, `actions` included, in the session's order.
    public var notes: [RecordNote]
    /// The notes but the one ``actions`` holds, which the Markdown and HTML records give a
    /// section of its own (whatever its id: a session may call its actions note "Actions").
    public var notesBesideActions: [RecordNote] { notes.filter { $0.id != actions?.id } }
    /// Speaking time per person and per group.
    public var speaking: RecordSpeaking
    /// The rounds, in the order they started.
    public var rounds: [RecordRound]
    /// Wording in the notes' final text that the language rules flag (none when the server's
    /// `language_hints` is off).
    public var phrasesToRevisit: [RecordPhrase]
    /// Present when the server's `language_hints` is off, saying why no wording is flagged.
    public var phrasesNote: String?
    /// The facilitator's log: phase changes, extensions, floor grants, rounds, questions.
    public var log: [RecordLogEntry]
}
