import Foundation
import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomStore

extension SessionRequest {
    /// Reads a body: every field optional here; ``requireForCreation()`` checks what `POST` needs.
    /// `currentAgenda` gives phase ids by position (PATCH matches the agenda by position), and the
    /// `prompts` and `purpose` of a phase that leaves those keys out; phases may name prompts of
    /// the new deck, or of `currentDeck` when none is given (kept prompts the new deck lacks are
    /// pruned by the core).
    /// With `forEdit`, only what PATCH may change is read; the other POST keys are ignored like
    /// any unknown key.
    init(body: [UInt8], forEdit: Bool = false, currentAgenda: [Phase] = [], currentDeck: [Prompt] = []) throws(APIError) {
        let fields = try JSONFields(try JSONValue.parse(body))
        if fields.has("title") { title = try fields.nonEmptyString("title", maxLength: Self.maxShortText) }
        // `null` means "no focus", as in POST, so a PATCH with `"focus": null` clears it.
        if fields.has("focus") { focus = try fields.optionalString("focus", maxLength: Self.maxLongText, nullable: true) ?? "" }
        if let text = try fields.optionalString("startsAt", maxLength: 64) {
            guard let instant = Timestamp(rfc3339: text) else {
                // It said "in years 0000–9999 UTC", which read as if only UTC were taken.
                throw .badRequest("startsAt: '\(text)' is not an RFC 3339 date-time with an offset (e.g. 2026-12-01T09:30:00Z "
                    + "or 2026-12-01T10:30:00+01:00) whose UTC year is 0000 to 9999")
            }
            startsAt = instant
        }
        if let zone = try fields.optionalString("timeZone", maxLength: 64) {
            guard TimeZoneNames.contains(zone) else {
                throw .badRequest("timeZone: '\(zone)' is not an IANA time zone name (e.g. Europe/London)")
            }
            timeZone = zone
        }
        deck = try Self.deck(fields, currentDeck: currentDeck)
        agenda = try Self.agenda(fields, promptIDs: Set((deck ?? currentDeck).map(\.id)), currentAgenda: currentAgenda)
        guard !forEdit else { return }
        if fields.has("hostSchool") { hostSchool = try fields.nonEmptyString("hostSchool", maxLength: Self.maxShortText) }
        notes = try Self.notes(fields)
        participants = try fields.optionalObjects("participants") { item, _ throws(APIError) in try InviteRequest(item) }
        lobbyOpensMinutesBefore = try fields.optionalInteger("lobbyOpensMinutesBefore", in: 0...1440)
        autoStart = try fields.optionalBool("autoStart")
        followsSession = try fields.optionalString("followsSession", maxLength: 64, nullable: true).map { SessionID($0) }
    }

    /// A 400 naming the first field `POST /api/v1/sessions` needs and did not get.
    func requireForCreation() throws(APIError) {
        if title == nil { throw .badRequest("title is missing: it is required (a non-empty string)") }
        if hostSchool == nil { throw .badRequest("hostSchool is missing: it is required (a non-empty string)") }
        if startsAt == nil { throw .badRequest("startsAt is missing: it is required (an RFC 3339 date-time)") }
        if agenda == nil { throw .badRequest("template or agenda is missing: give a template id (GET /api/v1/templates) or an agenda") }
    }

    /// The session `POST /api/v1/sessions` would schedule, after ``requireForCreation()`` and the
    /// core's checks of its info, agenda and deck; `now` stands in for a missing `startsAt`.
    func validatedInfo(now: Timestamp) throws(APIError) -> SessionInfo {
        try requireForCreation()
        let info = SessionInfo(id: "pending", title: title ?? "", hostSchool: hostSchool ?? "",
                               focus: focus ?? "", startsAt: startsAt ?? now, timeZone: timeZone ?? "UTC",
                               lobbyOpensMinutesBefore: lobbyOpensMinutesBefore ?? 15, autoStart: autoStart ?? false)
        do {
            try SessionState.validate(info: info)
            try SessionState.validate(agenda: agenda ?? [])
            try SessionState.validate(deck: deck ?? [])
        } catch {
            throw APIError(error)
        }
        return info
    }

    /// The deck a body gives. A `prompts` entry without an `id` is matched by position, as agenda
    /// phases are: it keeps the id of `currentDeck`'s prompt at its position (so rewording a
    /// question in a PATCH keeps it shown, discussed and linked to its phases), and a position
    /// past the current deck gets the first `qN` no other prompt uses.
    private static func deck(_ fields: JSONFields, currentDeck: [Prompt]) throws(APIError) -> [Prompt]? {
        if fields.has("promptDeck") && fields.has("prompts") {
            throw .badRequest("promptDeck and prompts are both given: send one of them")
        }
        if let id = try fields.optionalString("promptDeck", maxLength: 100) {
            guard let deck = BuiltInContent.deck(id) else {
                let known = BuiltInContent.decks.map(\.id).joined(separator: ", ")
                throw .badRequest("promptDeck: '\(id)' is not a built-in deck (known: \(known))")
            }
            return deck.prompts
        }
        let given = try fields.optionalObjects("prompts", maxCount: 500) { item, index throws(APIError) in
            let text = try item.nonEmptyString("text", maxLength: maxLongText)
            let theme = try item.optionalString("theme", maxLength: maxShortText, nullable: true)
            // Ids are URL-safe (PROTOCOL "All ids are opaque, URL-safe strings"), as note ids are;
            // an id the deck has already (stored before this check) may still be sent back.
            let id = try item.optionalString("id", maxLength: 100).flatMap { $0.isEmpty ? nil : $0 }
                .map { given throws(APIError) in
                    currentDeck.contains { $0.id == given } ? given : try urlSafe(given, item.name("id"))
                }
            return (id: id, prompt: Prompt(id: "", text: text, theme: theme))
        }
        guard let given else { return nil }
        // Ids given explicitly win; a position's current id is kept only when no entry names it.
        var used = Set(given.compactMap(\.id))
        var next = 1
        var prompts: [Prompt] = []
        for (index, entry) in given.enumerated() {
            var prompt = entry.prompt
            if let id = entry.id {
                prompt.id = id
            } else if currentDeck.indices.contains(index), !used.contains(currentDeck[index].id) {
                prompt.id = currentDeck[index].id
                used.insert(prompt.id)
            } else {
                while used.contains("q\(next)") { next += 1 }
                prompt.id = "q\(next)"
                used.insert(prompt.id)
            }
            if prompts.contains(where: { $0.id == prompt.id }) {
                throw .badRequest("prompts[\(index)].id: '\(prompt.id)' is used twice")
            }
            prompts.append(prompt)
        }
        return prompts
    }

    private static func agenda(_ fields: JSONFields, promptIDs: Set<String>, currentAgenda: [Phase]) throws(APIError) -> [Phase]? {
        if fields.has("template") && fields.has("agenda") {
            throw .badRequest("template and agenda are both given: send one of them")
        }
        if let id = try fields.optionalString("template", maxLength: 100) {
            guard let template = BuiltInContent.template(id) else {
                let known = BuiltInContent.templates.map(\.id).joined(separator: ", ")
                throw .badRequest("template: '\(id)' is not a built-in template (known: \(known))")
            }
            // Matched by position like a given agenda: existing positions keep their ids.
            return template.phases.enumerated().map { index, phase in
                var phase = phase
                if currentAgenda.indices.contains(index) { phase.id = currentAgenda[index].id }
                return phase
            }
        }
        guard let phases = try fields.optionalObjects("agenda", maxCount: 100, { item, index throws(APIError) in
            try phase(item, index: index, promptIDs: promptIDs, currentAgenda: currentAgenda)
        }) else { return nil }
        guard !phases.isEmpty else { throw .badRequest("agenda is empty: give at least one phase") }
        return phases
    }

    private static func phase(_ item: JSONFields, index: Int, promptIDs: Set<String>,
                              currentAgenda: [Phase]) throws(APIError) -> Phase {
        let title = try item.nonEmptyString("title", maxLength: maxShortText)
        let kind = try item.requiredEnum("kind", PhaseKind.self)
        guard let duration = try item.optionalNumber("durationSec") else {
            throw .badRequest("\(item.name("durationSec")) is missing: it is required (seconds, a number)")
        }
        // The clock counts whole milliseconds, so the shortest phase is one (OpenAPI's minimum).
        guard duration >= 0.001, duration <= SessionState.maxPhaseSec else {
            throw .badRequest("\(item.name("durationSec")) \(JSONFields.format(duration)) is out of range: "
                + "a phase lasts at least 0.001 and at most \(Int(SessionState.maxPhaseSec)) seconds")
        }
        let turnMode = try item.optionalEnum("turnMode", TurnMode.self) ?? .open
        let onTimeUp = try item.optionalEnum("onTimeUp", TimeUpAction.self) ?? .overtime
        let given = try item.optionalStrings("prompts")
        if let unknown = given?.first(where: { !promptIDs.contains($0) }) {
            throw .badRequest("\(item.name("prompts")): '\(unknown)' is not the id of a prompt in this session's deck")
        }
        if let given, let repeated = given.enumerated().first(where: { given[..<$0.offset].contains($0.element) })?.element {
            throw .badRequest("\(item.name("prompts")): '\(repeated)' is listed twice: a phase names each question once")
        }
        // Phases are matched by position: an existing position keeps its id, and the optional keys
        // PROTOCOL's shape leaves out (`purpose`, which templates set) or marks optional (`prompts`)
        // keep its values when absent, so that an agenda sent back in that shape changes nothing.
        let existing = currentAgenda.indices.contains(index) ? currentAgenda[index] : nil
        let prompts = given ?? existing?.prompts ?? []
        var purpose = existing?.purpose
        if item.has("purpose") {
            purpose = try item.optionalString("purpose", maxLength: 1000, nullable: true).flatMap { $0.isEmpty ? nil : $0 }
        }
        return Phase(id: existing?.id ?? "phase-\(index + 1)", title: title, kind: kind, durationSec: duration,
                     turnMode: turnMode, onTimeUp: onTimeUp, prompts: prompts, purpose: purpose)
    }

    /// `id` when it holds only ASCII letters, digits, `-` and `_`; `bad_request` naming `field` otherwise.
    private static func urlSafe(_ id: String, _ field: String) throws(APIError) -> String {
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw .badRequest("\(field): '\(id)' may hold only letters, digits, '-' and '_'")
        }
        return id
    }

    private static func notes(_ fields: JSONFields) throws(APIError) -> [NoteHeading]? {
        guard let notes = try fields.optionalObjects("notes", maxCount: 20, { item, _ throws(APIError) in
            let id = try urlSafe(item.nonEmptyString("id", maxLength: 64), item.name("id"))
            return NoteHeading(id: id, title: try item.nonEmptyString("title", maxLength: maxShortText))
        }) else { return nil }
        guard !notes.isEmpty else { throw .badRequest("notes is empty: leave it out for the default notes, or name at least one") }
        var seen = Set<String>()
        for (index, note) in notes.enumerated() where !seen.insert(note.id).inserted {
            throw .badRequest("notes[\(index)].id: '\(note.id)' is used twice")
        }
        return notes
    }
}
