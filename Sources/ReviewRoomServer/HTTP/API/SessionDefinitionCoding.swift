import Foundation
import ReviewRoomCore
import ReviewRoomStore

/// How the opaque JSON columns of ``SessionDefinition`` are written: `agendaJSON` is `[Phase]`,
/// `promptsJSON` is `[Prompt]` (the deck) and `notesJSON` is `[NoteHeading]`, each with the
/// core's own `Codable` shapes. Whoever loads a session (the live registry, the API) reads them
/// back with ``initialState(of:participants:)``.
public enum SessionDefinitionCoding {
    /// The definition's columns for these values.
    public static func definition(info: SessionInfo, agenda: [Phase], deck: [Prompt], notes: [NoteHeading]) -> SessionDefinition {
        SessionDefinition(title: info.title, hostSchool: info.hostSchool, focus: info.focus, startsAt: info.startsAt,
                          timeZone: info.timeZone, lobbyOpensMinutesBefore: info.lobbyOpensMinutesBefore,
                          autoStart: info.autoStart, agendaJSON: encode(agenda), promptsJSON: encode(deck),
                          notesJSON: encode(notes))
    }

    /// The stored definition with `state`'s title, focus, start, time zone, agenda and deck.
    public static func definition(_ stored: SessionDefinition, updatedFrom state: SessionState) -> SessionDefinition {
        var definition = stored
        definition.title = state.info.title
        definition.focus = state.info.focus
        definition.startsAt = state.info.startsAt
        definition.timeZone = state.info.timeZone
        definition.agendaJSON = encode(state.agenda)
        definition.promptsJSON = encode(state.prompts.deck)
        return definition
    }

    /// The agenda stored in `definition`.
    public static func agenda(of definition: SessionDefinition) throws -> [Phase] {
        try decode([Phase].self, definition.agendaJSON, "agenda")
    }

    /// The prompt deck stored in `definition`.
    public static func deck(of definition: SessionDefinition) throws -> [Prompt] {
        try decode([Prompt].self, definition.promptsJSON, "prompt deck")
    }

    /// The note headings stored in `definition`.
    public static func notes(of definition: SessionDefinition) throws -> [NoteHeading] {
        try decode([NoteHeading].self, definition.notesJSON, "note list")
    }

    /// The scheduling facts of a stored session.
    public static func info(of session: StoredSession) -> SessionInfo {
        let definition = session.definition
        return SessionInfo(id: session.id.rawValue, title: definition.title, hostSchool: definition.hostSchool,
                           focus: definition.focus, startsAt: definition.startsAt, timeZone: definition.timeZone,
                           lobbyOpensMinutesBefore: definition.lobbyOpensMinutesBefore, autoStart: definition.autoStart)
    }

    /// A session not started yet, as scheduled: its definition and its non-revoked participants.
    public static func initialState(of session: StoredSession, participants: [StoredParticipant]) throws -> SessionState {
        let people = participants.filter { !$0.revoked }.compactMap { stored in
            Role(rawValue: stored.role).map { ReviewRoomCore.Participant(id: stored.id.rawValue, name: stored.name, role: $0) }
        }
        return SessionState(info: info(of: session), agenda: try agenda(of: session.definition), participants: people,
                            notes: try notes(of: session.definition), deck: try deck(of: session.definition))
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain value types cannot fail; "[]" keeps the column valid JSON regardless.
        guard let data = try? encoder.encode(value) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String, _ what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError(.corrupt, "the stored \(what) of a session is not readable: \(error)")
        }
    }
}
