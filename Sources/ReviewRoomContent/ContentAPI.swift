// CONTRACT FILE — the public surface of ReviewRoomContent that the HTTP API and the live
// sessions code against. The content helper replaces the bodies (one type per file, in the
// domain folders), keeping these names and signatures; additions are fine.
import ReviewRoomCore

/// A built-in agenda template (`GET /api/v1/templates`, `template` in `POST /api/v1/sessions`).
public struct AgendaTemplate: Codable, Equatable, Sendable {
    /// Stable id, e.g. `rapid-remote-90`.
    public var id: String
    /// Title shown to facilitators.
    public var title: String
    /// One or two sentences on when to use it.
    public var description: String
    /// The phases, in order (each with a purpose line shown to participants).
    public var phases: [Phase]

    /// Creates a template.
    public init(id: String, title: String, description: String, phases: [Phase]) {
        self.id = id; self.title = title; self.description = description; self.phases = phases
    }
}

/// A built-in enquiry question deck (`GET /api/v1/prompt-decks`, `promptDeck` in `POST`).
public struct PromptDeck: Codable, Equatable, Sendable {
    /// Stable id, e.g. `covid-recovery`.
    public var id: String
    /// Title shown to facilitators.
    public var title: String
    /// The questions, each with a theme tag.
    public var prompts: [Prompt]

    /// Creates a deck.
    public init(id: String, title: String, prompts: [Prompt]) {
        self.id = id; self.title = title; self.prompts = prompts
    }
}

/// The content ReviewRoom ships with.
public enum BuiltInContent {
    /// Every agenda template; `rapid-remote-90` always exists.
    public static var templates: [AgendaTemplate] { fatalError("content: not implemented yet") }
    /// Every question deck; `covid-recovery` always exists.
    public static var decks: [PromptDeck] { fatalError("content: not implemented yet") }
    /// The template with `id`, if any.
    public static func template(_ id: String) -> AgendaTemplate? { templates.first { $0.id == id } }
    /// The deck with `id`, if any.
    public static func deck(_ id: String) -> PromptDeck? { decks.first { $0.id == id } }
}

/// A span of note text worth revisiting, with a coaching reframe (ephemeral `hint`, record).
public struct LanguageHint: Codable, Equatable, Sendable {
    /// Start, in UTF-16 code units.
    public var from: Int
    /// End (exclusive), in UTF-16 code units.
    public var to: Int
    /// The flagged wording as written.
    public var phrase: String
    /// A coaching reframe to consider.
    public var suggestion: String

    /// Creates a hint.
    public init(from: Int, to: Int, phrase: String, suggestion: String) {
        self.from = from; self.to = to; self.phrase = phrase; self.suggestion = suggestion
    }
}

/// The documented rule set that flags judgemental wording (never blocks an edit).
public enum LanguageHints {
    /// Every hint in `text`, positions in UTF-16 code units from its start.
    public static func scan(_ text: String) -> [LanguageHint] { fatalError("content: not implemented yet") }
}

/// One event of the session log as stored (seq and decoded core event).
public struct LoggedEvent: Sendable {
    /// Its per-session sequence number.
    public var seq: Int64
    /// The event.
    public var event: Event
    /// Who caused it (participant id), when known.
    public var author: String?

    /// Creates a logged event.
    public init(seq: Int64, event: Event, author: String? = nil) {
        self.seq = seq; self.event = event; self.author = author
    }
}

/// Everything the review record is made from.
public struct RecordInput: Sendable {
    /// The session as it stands (current or final).
    public var state: SessionState
    /// The note buffers with their history (authorship is derived from it).
    public var notes: [NoteBuffer]
    /// The event log in seq order (facilitator's log, rounds, extensions).
    public var events: [LoggedEvent]
    /// When the record is produced (a draft while the session runs).
    public var generatedAt: Timestamp

    /// Creates the input.
    public init(state: SessionState, notes: [NoteBuffer], events: [LoggedEvent], generatedAt: Timestamp) {
        self.state = state; self.notes = notes; self.events = events; self.generatedAt = generatedAt
    }
}

/// A record format (`?format=` value).
public enum RecordFormat: String, CaseIterable, Sendable {
    /// `text/markdown; charset=utf-8`
    case markdown = "md"
    /// `text/html; charset=utf-8`, a self-contained printable page.
    case html
    /// `application/json`, documented schema.
    case json

    /// The HTTP content type of this format.
    public var contentType: String {
        switch self {
        case .markdown: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .json: "application/json"
        }
    }
}

/// Renders the review record.
public enum RecordRenderer {
    /// The record of `input` in `format`, as bytes ready to send or write.
    public static func render(_ input: RecordInput, as format: RecordFormat) -> [UInt8] {
        fatalError("content: not implemented yet")
    }
}

/// RFC 5545 calendar export of a session (no invite tokens inside: calendars get shared).
public enum CalendarExport {
    /// A `VCALENDAR` with `METHOD:PUBLISH` and one `VEVENT`, CRLF line ends.
    /// - Parameters:
    ///   - info: the session's scheduling facts (start, time zone, title, focus, host).
    ///   - agenda: its phases (the event lasts their planned total).
    ///   - sequence: raised on every reschedule.
    ///   - stamp: `DTSTAMP`.
    ///   - consoleURL: where a facilitator opens it (no tokens), if known.
    public static func ics(info: SessionInfo, agenda: [Phase], sequence: Int, stamp: Timestamp,
                           consoleURL: String?) -> String {
        fatalError("content: not implemented yet")
    }
}
