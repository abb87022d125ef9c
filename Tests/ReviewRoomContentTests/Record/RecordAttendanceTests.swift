import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

/// Who attended online, in every format, from the online intervals the server keeps.
@Suite("Review record: attendance")
struct RecordAttendanceTests {
    /// The scripted review (ends at 1060 s) with: Fran online from 0 to 700 s, cut short by a
    /// server stop; Asha in two overlapping tabs 0–300 s and 200–500 s; Ben from the lobby
    /// (−60 s) to 400 s and again from 600 s, still online after the end; Olu only opening the
    /// ended session at 2000 s; Raj never.
    static func input() throws -> RecordInput {
        var input = try ScriptedReview.played().input(at: 2100)
        let at = ScriptedReview.at
        input.attendance = [
            RecordOnlineInterval(participant: "f1", joinedAt: at(0), leftAt: at(700), recovered: true),
            RecordOnlineInterval(participant: "r1", joinedAt: at(200), leftAt: at(500)),
            RecordOnlineInterval(participant: "r1", joinedAt: at(0), leftAt: at(300)),
            RecordOnlineInterval(participant: "h1", joinedAt: at(-60), leftAt: at(400)),
            RecordOnlineInterval(participant: "h1", joinedAt: at(600), leftAt: nil),
            RecordOnlineInterval(participant: "o1", joinedAt: at(2000), leftAt: at(2050)),
        ]
        return input
    }

    @Test func figuresPerParticipantCountTabsOnceAndStopAtTheEnd() throws {
        let record = ReviewRecord(try Self.input())
        let people = Dictionary(record.participants.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(people["Asha"]?.attended == true)
        #expect(people["Asha"]?.onlineSec == 500)
        #expect(people["Asha"]?.firstJoinedAt == ScriptedReview.at(0))
        #expect(people["Ben"]?.onlineSec == 920, "460 s + 460 s: lobby time counts; the open interval stops at the end (1060 s)")
        #expect(people["Ben"]?.firstJoinedAt == ScriptedReview.at(-60))
        #expect(people["Fran"]?.onlineSec == 700)
        #expect(people["Fran"]?.onlineSecIsLowerBound == true)
        #expect(people["Asha"]?.onlineSecIsLowerBound == nil)
        for name in ["Raj", "Olu"] {
            #expect(people[name]?.attended == false, "\(name)")
            #expect(people[name]?.onlineSec == 0, "\(name)")
            #expect(people[name]?.firstJoinedAt == nil, "\(name)")
        }
        let note = try #require(record.attendanceNote)
        #expect(note.contains("did not join online"))
        // The figure is a sum of spells online, and the note says so (it read "from a person's first
        // connection to their last", one span).
        #expect(note.contains("adds up the spells a person was connected") && !note.contains("first connection"))
        #expect(note.contains("Fran"))
        #expect(!note.contains("Asha"))
    }

    /// An interval a killed daemon left open after the end is closed at a stored event at or
    /// after the end: everything the record counts is known, so it is no lower bound, and the
    /// final record is the same bytes before and after the restart that closed it.
    @Test func anIntervalRecoveredAfterTheEndIsNoLowerBound() throws {
        var open = try Self.input()
        open.attendance = [RecordOnlineInterval(participant: "r2", joinedAt: ScriptedReview.at(100), leftAt: nil)]
        var recovered = open
        recovered.attendance = [RecordOnlineInterval(participant: "r2", joinedAt: ScriptedReview.at(100),
                                                     leftAt: ScriptedReview.at(1060), recovered: true)]
        let raj = ReviewRecord(recovered).participants.first { $0.name == "Raj" }
        #expect(raj?.onlineSec == 960)
        #expect(raj?.onlineSecIsLowerBound == nil)
        #expect(RecordRenderer.render(open, as: .json) == RecordRenderer.render(recovered, as: .json))
    }

    /// The scripted review held at 23:30 local time (Kiritimati, UTC+14) and still running at
    /// 00:03: a stretch after midnight read like one before the start. A time on another day
    /// than the start carries its date.
    @Test func aStretchPastMidnightSaysItsDate() throws {
        var input = try ScriptedReview.played(ending: false, timeZone: "Pacific/Kiritimati").input(at: 2000)
        let at = ScriptedReview.at
        input.attendance = [
            RecordOnlineInterval(participant: "r1", joinedAt: at(0), leftAt: at(600)),
            RecordOnlineInterval(participant: "r1", joinedAt: at(1500), leftAt: at(1900)),
            RecordOnlineInterval(participant: "h1", joinedAt: at(1950), leftAt: nil),
        ]
        let markdown = input.text(.markdown)
        #expect(markdown.contains("| Asha | reviewer | yes | 23:30–23:40, 23:55–2026-12-02 00:01 |"), "\(markdown)")
        #expect(markdown.contains("| Ben | host | yes | 2026-12-02 00:02–now |"), "\(markdown)")
        #expect(input.text(.html).contains("<td>23:30–23:40, 23:55–2026-12-02 00:01</td>"))
    }

    @Test func markdownHTMLAndJSONShowAttendance() throws {
        let input = try Self.input()
        let markdown = input.text(.markdown)
        #expect(markdown.contains("## Attendance\n\n| Person | Role | Attended | Online | Time online |"))
        #expect(markdown.contains("| Ben | host | yes | 09:29–09:36, 09:40–end | 15 min 20 s |"), "Ben left and came back: \(markdown)")
        #expect(markdown.contains("| Asha | reviewer | yes | 09:30–09:38 | 8 min 20 s |"), "two tabs are one stretch")
        #expect(markdown.contains("| Raj | reviewer | did not join online | — | — |"), "\(markdown)")
        #expect(markdown.contains("| Olu | observer | did not join online | — | — |"))
        #expect(markdown.contains("| 15 min 20 s |"), "Ben's time online")
        #expect(markdown.contains("| at least 11 min 40 s |"), "Fran's, cut short")

        let html = input.text(.html)
        #expect(HTMLStructure.problems(html).isEmpty, "\(HTMLStructure.problems(html))")
        #expect(html.contains("<section id=\"attendance\">"))
        #expect(html.contains("<tr><th scope=\"row\">Raj</th><td>reviewer</td><td>did not join online</td><td>—</td><td class=\"num\">—</td></tr>"))
        #expect(html.contains("<td class=\"num\">8 min 20 s</td>"), "Asha's two tabs count once")

        let json = RecordRenderer.render(input, as: .json)
        let violations = try SchemaValidator(json: RecordSchema.json).violations(of: Data(json))
        #expect(violations.isEmpty, "\(violations)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        let people = try #require(object["participants"] as? [[String: Any]])
        let asha = try #require(people.first { $0["name"] as? String == "Asha" })
        #expect(asha["attended"] as? Bool == true)
        #expect(asha["onlineSec"] as? Double == 500)
        #expect(asha["firstJoinedAt"] as? String == ScriptedReview.at(0).rfc3339)
        #expect(asha["onlineSecIsLowerBound"] == nil)
        #expect(object["attendanceNote"] is String)
    }

    /// Who was online when: each person's stretches, to the second in JSON; the tables leave
    /// out a break under a minute (a dropped connection) and show "end" (or "now" in a draft)
    /// for someone still online. A probe could not tell from the record who had left early.
    @Test func stretchesOnlineSayWhoLeftWhen() throws {
        var input = try Self.input()
        let at = ScriptedReview.at
        input.attendance? += [
            RecordOnlineInterval(participant: "r2", joinedAt: at(10), leftAt: at(300)),
            RecordOnlineInterval(participant: "r2", joinedAt: at(330), leftAt: at(900)),
            // A look-in of ten seconds, well after: its minute alone, not "09:46–09:46".
            RecordOnlineInterval(participant: "r2", joinedAt: at(1000), leftAt: at(1010)),
        ]
        let record = ReviewRecord(input)
        let people = Dictionary(record.participants.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(people["Ben"]?.online?.map(\.fromLocal) == ["09:29:00", "09:40:00"])
        #expect(people["Ben"]?.online?.map(\.toLocal) == ["09:36:40", "09:47:40"], "the open one cut at the end")
        #expect(people["Ben"]?.online?.map { $0.untilEnd == true } == [false, true])
        #expect(people["Asha"]?.online?.count == 1, "two tabs at once are one stretch")
        #expect(people["Fran"]?.online?.first?.cutShort == true)
        #expect(people["Raj"]?.online?.count == 3, "the JSON keeps a 30-second break")
        #expect(people["Olu"]?.online == nil, "opened the ended session only")
        let markdown = input.text(.markdown)
        #expect(markdown.contains("| Raj | reviewer | yes | 09:30–09:45, 09:46 | 14 min 30 s |"),
                "a break under a minute is not shown, a stretch within a minute is its minute: \(markdown)")
        #expect(!markdown.contains("09:46–09:46"))
        #expect(markdown.contains("a break under a minute, such as a dropped connection, is not shown"))
        let html = input.text(.html)
        #expect(html.contains("<td>09:29–09:36, 09:40–end</td>"), "\(html)")
        var draftInput = try ScriptedReview.played(ending: false).input(at: 700)
        draftInput.attendance = input.attendance
        let draft = draftInput.text(.markdown)
        #expect(draft.contains("09:40–now"), "\(draft)")
    }

    /// The server killed while people were online: the log says when it stopped and when it ran
    /// again, and the attendance note says they were online then (it read as if all had left).
    @Test func aServerStopIsInTheLogAndTheAttendanceNote() throws {
        var input = try Self.input()
        let at = ScriptedReview.at
        input.attendance = [
            RecordOnlineInterval(participant: "f1", joinedAt: at(0), leftAt: at(700), recovered: true, recoveredAt: at(704)),
            RecordOnlineInterval(participant: "r1", joinedAt: at(0), leftAt: at(698), recovered: true, recoveredAt: at(704)),
            RecordOnlineInterval(participant: "f1", joinedAt: at(706), leftAt: nil),
            RecordOnlineInterval(participant: "h1", joinedAt: at(0), leftAt: at(300), recovered: true),
        ]
        let record = ReviewRecord(input)
        #expect(record.serverStops.map(\.lastRecordedAtLocal) == ["09:35:00", "09:41:40"])
        #expect(record.serverStops.map(\.runningAgainAtLocal) == [nil, "09:41:44"])
        #expect(record.serverStops.map(\.online) == [["h1"], ["f1", "r1"]])
        let server = record.log.filter { $0.kind == "server" }
        #expect(server.map(\.text) == [
            "Server stopped without shutting down after this point (when it ran again is not known)",
            "Server stopped without shutting down after this point; running again at 09:41:44 (nothing recorded for 4 s)",
        ])
        // In time order with the rest of the log, with the seq of the last change before it.
        let index = try #require(record.log.firstIndex { $0 == server[1] })
        #expect(record.log[..<index].allSatisfy { $0.at <= at(700) })
        #expect(record.log[(index + 1)...].allSatisfy { $0.at > at(700) })
        #expect(server[1].seq == record.log[..<index].last { $0.kind != "server" }?.seq)
        let note = try #require(record.attendanceNote)
        #expect(note.contains("The server stopped without shutting down while Fran, Asha, Ben were online"), "\(note)")
        for format in [RecordFormat.markdown, .html] {
            #expect(input.text(format).contains("running again at 09:41:44"))
        }
        let json = RecordRenderer.render(input, as: .json)
        #expect(try SchemaValidator(json: RecordSchema.json).violations(of: Data(json)).isEmpty)
    }

    /// Someone removed after they spoke stays in the speaking table for what they said, marked
    /// removed as in the attendance table (a probe saw a plain "reviewer" there).
    @Test func aSpeakerRemovedSinceIsMarkedRemovedInTheSpeakingTable() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.run(.floorGrant(participant: "r2"), by: "f1", at: 10)
        try review.run(.floorGrant(participant: "r1"), by: "f1", at: 40)
        try review.change(.remove(id: "r2"), at: 50)
        try review.run(.sessionEnd, by: "f1", at: 60)
        var input = review.input(at: 100)
        input.invited = ScriptedReview.people.map { RecordInvitee($0, revoked: $0.id == "r2") }
        let record = ReviewRecord(input)
        let raj = try #require(record.speaking.people.first { $0.id == "r2" })
        #expect(raj.seconds == 30 && raj.removed == true)
        #expect(record.speaking.people.first { $0.id == "r1" }?.removed == nil)
        #expect(input.text(.markdown).contains("| Raj | reviewer, removed | 30 s |"))
        #expect(input.text(.html).contains("<th scope=\"row\">Raj</th><td>reviewer, removed</td><td class=\"num\">30 s</td>"))
        let json = RecordRenderer.render(input, as: .json)
        #expect(try SchemaValidator(json: RecordSchema.json).violations(of: Data(json)).isEmpty)
    }

    /// A review renamed at `seconds` from its start, then started and ended a minute later.
    static func renamed(at seconds: Double) throws -> RecordInput {
        var review = ScriptedReview()
        try review.edit(SessionEdit(title: "Renamed"), at: seconds)
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.run(.sessionEnd, by: "f1", at: 60)
        return review.input(at: 100)
    }

    /// A log line on another day than the line before it (for the first, than the planned
    /// start's day) shows its date: a reschedule made the evening before read "21:30:00" above
    /// the start's "09:30:00" as if both were on the review's day.
    @Test func logLinesOnAnotherDayShowTheirDate() throws {
        let input = try Self.renamed(at: -12 * 3600)
        let record = ReviewRecord(input)
        let (edit, start) = (try #require(record.log.first), try #require(record.log.first { $0.kind == "session" }))
        #expect(edit.date != start.date, "\(record.log)")
        let markdown = input.text(.markdown)
        #expect(markdown.contains("- \(edit.date) 21:30:00 — "), "\(markdown)")
        #expect(markdown.contains("- \(start.date) 09:30:00 — Session started"), "\(markdown)")
        #expect(markdown.contains("- 09:31:00 — Session ended"), "the same day as the line before: the time alone")
        #expect(input.text(.html).contains("<th scope=\"row\" class=\"num\">\(start.date) 09:30:00</th>"))
    }

    /// The log gives its zone once ("Times in Europe/London"); a line at another offset than the
    /// planned start's (across a clock change) carries the zone's name then, or `01:54` followed
    /// by `01:00` read as time running backwards (a time audit, session 51).
    @Test func logLinesAtAnotherOffsetNameTheirZone() throws {
        // 60 days before a 1 December start: British Summer Time, an hour ahead of GMT.
        let input = try Self.renamed(at: -60 * 86_400)
        let markdown = input.text(.markdown)
        #expect(markdown.contains("- 2026-10-02 10:30:00 GMT+1 — "), "\(markdown)")
        #expect(markdown.contains("- 2026-12-01 09:30:00 — Session started"), "the planned start's offset: no mark")
        #expect(input.text(.html).contains("<th scope=\"row\" class=\"num\">2026-10-02 10:30:00 GMT+1</th>"))
        let json = String(decoding: RecordRenderer.render(input, as: .json), as: UTF8.self)
        #expect(json.contains("10:30:00") && !json.contains("10:30:00 GMT"), "the JSON's time keeps its pattern; its `at` is UTC")
    }

    /// A spell online at another offset than the planned start's names its zone too.
    @Test func onlineSpellsAtAnotherOffsetNameTheirZone() throws {
        var input = try ScriptedReview.played().input(at: 2100)
        input.attendance = [RecordOnlineInterval(participant: "r1", joinedAt: ScriptedReview.at(-60 * 86_400),
                                                 leftAt: ScriptedReview.at(-60 * 86_400 + 120))]
        #expect(input.text(.markdown).contains("2026-10-02 10:30 GMT+1–2026-10-02 10:32 GMT+1"), "\(input.text(.markdown))")
    }

    /// Escaping is the record's usual one: a name with markup stays text in every format.
    @Test func namesInTheAttendanceTableAreEscaped() throws {
        var input = try Self.input()
        input.invited = ScriptedReview.people.map { RecordInvitee($0, revoked: false) }
            + [RecordInvitee(Participant(id: "x1", name: "<b>Eve</b> | *x*", role: .reviewer), revoked: true)]
        let markdown = input.text(.markdown)
        #expect(markdown.contains("| &lt;b\\>Eve&lt;/b\\> \\| \\*x\\* | reviewer, removed | did not join online |"), "\(markdown)")
        let html = input.text(.html)
        #expect(html.contains("<tr><th scope=\"row\">&lt;b&gt;Eve&lt;/b&gt; | *x*</th>"))
        #expect(!html.contains("<b>Eve"))
    }

    /// Without attendance data (an older caller) the record says nothing about it.
    @Test func unknownAttendanceAddsNothing() throws {
        let input = try ScriptedReview.played().input(at: 1100)
        #expect(input.attendance == nil)
        let record = ReviewRecord(input)
        #expect(record.attendanceNote == nil)
        #expect(record.participants.allSatisfy { $0.attended == nil && $0.onlineSec == nil })
        #expect(!input.text(.markdown).contains("Attendance"))
        let json = input.text(.json)
        #expect(!json.contains("attended") && !json.contains("attendanceNote"))
    }

    /// A phase 30 s over its end, then given +2 min and left 70 s later, ran 30 s of overtime
    /// (the extension absorbed it on the clock, not in what happened).
    @Test func overtimeAbsorbedByALaterExtensionStillShows() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.run(.clockExtend(seconds: 120), by: "f1", at: 630)
        try review.run(.phaseNext(), by: "f1", at: 700)
        let record = ReviewRecord(review.input(at: 710))
        let run = try #require(record.agenda.first?.runs.first)
        #expect(run.extendedSec == 120)
        #expect(run.actualSec == 700)
        #expect(run.overtimeSec == 30)
        let markdown = review.input(at: 710).text(.markdown)
        #expect(markdown.contains("extended +2 min, overtime 30 s."), "\(markdown)")
    }

    /// Overtime before an extension and past the extended end add up; a pause stops it.
    @Test func overtimeBeforeAndAfterAnExtensionAddsUp() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.run(.clockPause, by: "f1", at: 620)
        try review.run(.clockResume, by: "f1", at: 900)
        try review.run(.clockExtend(seconds: 60), by: "f1", at: 910)
        try review.run(.phaseNext(), by: "f1", at: 1000)
        let run = try #require(ReviewRecord(review.input(at: 1000)).agenda.first?.runs.first)
        // Running time 620 + 100 = 720 s: 20 s over before the pause, 10 s after it until the
        // extension to 660 s, then 660 → 720 s is 60 s past the new end: 90 s in all.
        #expect(run.actualSec == 720)
        #expect(run.overtimeSec == 90)
    }
}
