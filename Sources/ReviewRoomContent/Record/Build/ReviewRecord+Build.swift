import ReviewRoomCore

extension ReviewRecord {
    /// The id of the note the record treats as the actions list.
    public static let actionsNoteID = "actions"

    /// Builds the record of `input` (pure: everything comes from the input).
    public init(_ input: RecordInput) {
        let state = input.state
        let now = input.generatedAt
        let times = RecordTimeFormatter(timeZone: state.info.timeZone)
        let names = RecordNames(current: state.participants, invited: input.invited)
        let digest = RecordEventDigest(input.events, agenda: state.agenda, names: names, times: times,
                                       invited: input.invited, baseline: input.baseline)
        let runs = state.phaseRuns(at: now)

        schemaVersion = 1
        draft = state.clock.status != .ended
        // A final record is dated by the last change it shows, not by the request, so that the
        // same final record is the same bytes however often and whenever it is fetched.
        let asOf = draft ? now : input.events.map(\.event.at).max() ?? now
        generatedAt = asOf
        generatedAtLocal = times.dateTime(asOf)
        displayTimeZone = times.zoneIdentifier
        timeZoneNote = times.note
        session = RecordSession(
            id: state.info.id, title: state.info.title, hostSchool: state.info.hostSchool, focus: state.info.focus,
            startsAt: state.info.startsAt, startsAtLocal: times.dateTime(state.info.startsAt),
            timeZone: state.info.timeZone, status: state.status(at: now).rawValue,
            startedAt: runs.first?.startedAt,
            endedAt: state.clock.status == .ended ? runs.last?.endedAt ?? Self.endedAt(input.events) : nil,
            follows: input.follows.map { RecordFollowedSession(id: $0.id, title: $0.title, startsAt: $0.startsAt,
                                                               startsAtLocal: times.dateTime($0.startsAt)) },
            workshop: input.isWorkshop ? true : nil)
        if let intervals = input.attendance {
            let cutoff = state.clock.status == .ended ? (session.endedAt ?? asOf) : now
            let attendance = RecordAttendance(intervals, cutoff: cutoff)
            participants = attendance.apply(to: names.everyone, times: times)
            attendanceNote = RecordAttendance.note(participants)
            serverStops = attendance.serverStops(participants, times: times)
        } else {
            participants = names.everyone
            attendanceNote = nil
            serverStops = []
        }
        let clocks = RecordOvertime.clocks(input.events)
        var due = state.info.startsAt
        agenda = state.agenda.enumerated().map { index, phase in
            defer { due = due.adding(seconds: phase.durationSec) }
            return Self.phase(index, phase, runs: runs.filter { $0.phase == index }, underway: state.clock.status.isUnderway
                              && state.clock.phase == index, due: due, clocks: clocks, times: times)
        }
        plannedSec = state.agenda.reduce(0) { $0 + $1.durationSec }
        actualSec = RecordText.seconds(runs.reduce(0) { $0 + $1.actualSec })
        questions = (state.prompts.deck.map { prompt in
            digest.questions.question(prompt, shownNow: state.prompts.current == prompt.id,
                                      discussed: state.prompts.discussed.contains(prompt.id))
        } + digest.questions.removed).enumerated().map { offset, question in
            var numbered = question
            numbered.number = offset + 1
            return numbered
        }
        notes = Self.orderedNotes(input.notes, headings: state.notes).map { buffer, title in
            RecordNote(buffer, title: title, names: names)
        }
        // A session's own notes may call their actions buffer "Actions" under another id.
        actions = notes.first { $0.id == Self.actionsNoteID }
            ?? notes.first { $0.title.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased() == "actions" }
        speaking = RecordSpeaking(state: state, now: now, names: names)
        let attendancePeople = input.attendance == nil ? nil : participants
        rounds = digest.rounds.map { $0.withTurnsRead(people: attendancePeople, now: now) }
        // A school that turned the hints off does not want the record to flag wording either.
        phrasesToRevisit = input.languageHints ? notes.flatMap { $0.phrasesToRevisit() } : []
        phrasesNote = input.languageHints ? nil : Self.hintsOffNote
        log = Self.log(RecordHandFlurries.collapsed(digest.log), stops: serverStops, events: input.events, times: times)
    }

    /// The facilitator's log with a `server` line for each stop, after the last change before
    /// it (with that change's seq).
    private static func log(_ log: [RecordLogEntry], stops: [RecordServerStop], events: [LoggedEvent],
                            times: RecordTimeFormatter) -> [RecordLogEntry] {
        guard !stops.isEmpty else { return log }
        var merged = log
        for stop in stops {
            let seq = events.filter { $0.event.at <= stop.lastRecordedAt }.map(\.seq).max() ?? 0
            let text = stop.runningAgainAt.map { back in
                "Server stopped without shutting down after this point; running again at \(times.time(back)) "
                    + "(nothing recorded for \(RecordText.duration(stop.lastRecordedAt.seconds(to: back))))"
            } ?? "Server stopped without shutting down after this point (when it ran again is not known)"
            let at = merged.firstIndex { $0.at > stop.lastRecordedAt } ?? merged.endIndex
            merged.insert(RecordLogEntry(seq: seq, at: stop.lastRecordedAt, time: times.time(stop.lastRecordedAt), date: times.date(stop.lastRecordedAt),
                                         kind: "server", text: text, by: nil), at: at)
        }
        return merged
    }

    /// ``phrasesNote`` when the server's `language_hints` is off.
    static let hintsOffNote = "Wording is not flagged on this server (language_hints = false)."

    private static func phase(_ index: Int, _ phase: Phase, runs: [PhaseRun], underway: Bool, due: Timestamp,
                              clocks: [(at: Timestamp, clock: Clock)], times: RecordTimeFormatter) -> RecordPhase {
        let recordRuns = runs.enumerated().map { offset, run in
            RecordPhaseRun(
                startedAt: run.startedAt, endedAt: run.endedAt, startedAtLocal: times.dateTime(run.startedAt),
                endedAtLocal: times.dateTime(run.endedAt), durationSec: run.durationSec,
                extendedSec: RecordText.seconds(run.durationSec - run.plannedSec), actualSec: run.actualSec,
                pausedSec: RecordText.seconds(max(0, run.startedAt.seconds(to: run.endedAt) - run.actualSec)),
                overtimeSec: RecordText.seconds(RecordOvertime.seconds(run, clocks: clocks)),
                current: underway && offset == runs.count - 1)
        }
        let actual = RecordText.seconds(runs.reduce(0) { $0 + $1.actualSec })
        return RecordPhase(
            index: index, number: index + 1, id: phase.id, title: phase.title, kind: phase.kind.rawValue, turnMode: phase.turnMode.rawValue,
            purpose: phase.purpose, plannedSec: phase.durationSec, dueAt: due, dueAtLocal: times.dateTime(due),
            runs: recordRuns, actualSec: actual,
            differenceSec: runs.isEmpty ? nil : RecordText.seconds(actual - phase.durationSec))
    }

    /// Buffers in the session's note order, then any others by id, each with its title.
    private static func orderedNotes(_ buffers: [NoteBuffer], headings: [NoteHeading]) -> [(NoteBuffer, String)] {
        var result: [(NoteBuffer, String)] = []
        for heading in headings {
            if let buffer = buffers.first(where: { $0.id == heading.id }) {
                result.append((buffer, heading.title))
            } else {
                result.append((NoteBuffer(id: heading.id, title: heading.title), heading.title))
            }
        }
        for buffer in buffers.sorted(by: { $0.id < $1.id }) where !headings.contains(where: { $0.id == buffer.id }) {
            result.append((buffer, buffer.title))
        }
        return result
    }

    /// When the clock last turned `ended`: the end of a session ended without ever starting,
    /// which has no phase run to take it from (its record said `ended` with no time).
    static func endedAt(_ events: [LoggedEvent]) -> Timestamp? {
        events.last { logged in
            if case .clockChanged(let clock) = logged.event.body { return clock.status == .ended }
            return false
        }?.event.at
    }
}
