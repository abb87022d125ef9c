import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Review record: figures from a scripted session")
struct RecordFiguresTests {
    @Test("planned against actual, per phase, exact under the manual clock")
    func plannedVersusActual() throws {
        let record = ReviewRecord(try ScriptedReview.played().input(at: 1100))
        #expect(!record.draft)
        #expect(record.agenda.map(\.plannedSec) == [600, 300, 120])
        #expect(record.agenda.map(\.actualSec) == [740, 200, 60])
        #expect(record.agenda.map(\.differenceSec) == [140, -100, -60])
        let first = try #require(record.agenda.first?.runs.first)
        #expect(first.durationSec == 720)
        #expect(first.extendedSec == 120)
        #expect(first.overtimeSec == 20)
        #expect(first.startedAt == ScriptedReview.at(0) && first.endedAt == ScriptedReview.at(800))
        #expect(first.startedAtLocal == "2026-12-01 09:30 GMT")
        #expect(record.agenda[1].runs.first?.overtimeSec == 0)
        #expect(record.plannedSec == 1020 && record.actualSec == 1000)
        #expect(record.session.startedAt == ScriptedReview.at(0))
        #expect(record.session.endedAt == ScriptedReview.at(1060))
        #expect(record.agenda[0].purpose == "The host sets out the focus.")
    }

    @Test("a draft while the session runs: the current phase counts up to the record's time")
    func draft() throws {
        let record = ReviewRecord(try ScriptedReview.played(ending: false).input(at: 1030))
        #expect(record.draft)
        #expect(record.session.status == "live")
        #expect(record.session.endedAt == nil)
        let current = try #require(record.agenda[2].runs.last)
        #expect(current.current)
        #expect(current.actualSec == 30)
        #expect(!(record.agenda[0].runs.first?.current ?? true))
    }

    @Test("a phase never reached has no runs and no difference")
    func notRun() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        let record = ReviewRecord(review.input(at: 90))
        #expect(record.agenda[1].runs.isEmpty && record.agenda[1].differenceSec == nil)
        #expect(record.agenda[0].actualSec == 90)
    }

    @Test("speaking time per person and per role group, the unfinished turn included")
    func speaking() throws {
        let record = ReviewRecord(try ScriptedReview.played().input(at: 1100))
        let seconds = Dictionary(uniqueKeysWithValues: record.speaking.people.map { ($0.name, $0.seconds) })
        #expect(seconds == ["Fran": 0, "Asha": 80, "Ben": 240, "Raj": 60])
        #expect(record.speaking.totalSec == 380)
        let groups = Dictionary(uniqueKeysWithValues: record.speaking.groups.map { ($0.group, $0.seconds) })
        #expect(groups == ["facilitator": 0, "host": 240, "reviewer": 140])
        #expect(record.speaking.groups.first { $0.group == "reviewer" }?.people == 2)
        #expect(!record.speaking.people.contains { $0.name == "Olu" }, "observers do not speak")

        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.run(.floorGrant(participant: "r2"), by: "f1", at: 10)
        let live = ReviewRecord(review.input(at: 55))
        #expect(live.speaking.people.first { $0.id == "r2" }?.seconds == 45)
        #expect(live.speaking.people.first { $0.id == "r2" }?.share == 1)
    }

    /// A share rounded to three places, then to a whole percentage, read 12.49 % as 13 % and
    /// made the people's shares come to 101 % (a record audit, session 51).
    @Test("a speaking share is rounded to a percentage once, from the exact times")
    func sharesAreRoundedOnce() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.run(.floorGrant(participant: "r1"), by: "f1", at: 10)
        try review.run(.floorGrant(participant: "r2"), by: "f1", at: 11.002)
        try review.run(.floorRelease(), by: "f1", at: 18.024)
        try review.run(.sessionEnd, by: "f1", at: 20)
        let input = review.input(at: 30)
        let record = ReviewRecord(input)
        #expect(record.speaking.people.first { $0.id == "r1" }?.seconds == 1.002)
        #expect(record.speaking.people.first { $0.id == "r1" }?.share == 0.125, "the JSON keeps three places")
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(markdown.contains("| 1 s | 12% |"), "\(markdown)")
        #expect(markdown.contains("| 7 s | 88% |"), "\(markdown)")
        let html = String(decoding: RecordRenderer.render(input, as: .html), as: UTF8.self)
        #expect(html.contains("<td class=\"num\">12%</td>") && !html.contains("13%"), "\(html)")
    }

    @Test("rounds and who passed, from floor.changed events")
    func rounds() throws {
        let record = ReviewRecord(try ScriptedReview.played().input(at: 1100))
        let round = try #require(record.rounds.first)
        #expect(record.rounds.count == 1)
        #expect(round.order.map(\.name) == ["Asha", "Raj", "Ben"])
        #expect(round.passed.map(\.name) == ["Asha"])
        #expect(round.secondsEach == 60)
        #expect(round.reachedEnd)
        #expect(round.startedAt == ScriptedReview.at(810) && round.endedAt == ScriptedReview.at(950))
        #expect(round.phase == 1)
    }

    @Test("questions shown and discussed")
    func questions() throws {
        let record = ReviewRecord(try ScriptedReview.played().input(at: 1100))
        #expect(record.questions.map(\.id) == ["q1", "q2", "q3"])
        #expect(record.questions.map(\.shown) == [true, false, false])
        #expect(record.questions.map(\.discussed) == [true, false, false])
    }

    @Test("notes with authorship, the actions note first-class, phrases to revisit")
    func notes() throws {
        let record = ReviewRecord(try ScriptedReview.played().input(at: 1100))
        let evidence = try #require(record.notes.first { $0.id == "evidence" })
        #expect(evidence.passages.map(\.authorName) == ["Asha", "Ben"])
        #expect(evidence.passages.map(\.text).joined() == evidence.text)
        #expect(evidence.authors == ["Asha", "Ben"])
        #expect(evidence.passages[1].from == "Pupils read every day in class.\n".utf16.count)
        #expect(record.actions?.text == "- Ben to trial reading buddies by March\n")
        #expect(record.actions?.authors == ["Fran"])
        #expect(record.phrasesToRevisit.map(\.phrase) == ["Clearly", "always"])
        #expect(record.phrasesToRevisit.allSatisfy { $0.note == "evidence" && $0.context.hasPrefix("Clearly the") })
    }

    /// A server with `language_hints = false` flags no wording in the record either, and says so.
    @Test("with language hints off, no phrases are flagged and every format says why")
    func phrasesWithHintsOff() throws {
        var input = try ScriptedReview.played().input(at: 1100)
        input.languageHints = false
        let record = ReviewRecord(input)
        #expect(record.phrasesToRevisit.isEmpty)
        let note = try #require(record.phrasesNote)
        #expect(note.contains("language_hints = false"))
        let markdown = String(decoding: RecordRenderer.render(record, as: .markdown), as: UTF8.self)
        let html = String(decoding: RecordRenderer.render(record, as: .html), as: UTF8.self)
        let json = String(decoding: RecordRenderer.render(record, as: .json), as: UTF8.self)
        for text in [markdown, html, json] {
            #expect(text.contains("Wording is not flagged on this server"))
            #expect(!text.contains("**Clearly**") && !text.contains("<strong>Clearly</strong>"))
        }
        #expect(!json.contains("\"suggestion\""))
        #expect(ReviewRecord(try ScriptedReview.played().input(at: 1100)).phrasesNote == nil, "on by default")
    }

    @Test("the facilitator's log: start, grants, extension, pause, questions, phases, round, end, in local time")
    func log() throws {
        let record = ReviewRecord(try ScriptedReview.played().input(at: 1100))
        let lines = record.log.map { "\($0.time) \($0.text)" }
        #expect(lines.contains("09:30:00 Session started with phase 1 “Host context”"))
        #expect(lines.contains("09:30:20 Floor to Ben"))
        #expect(lines.contains("09:35:00 Extended phase 1 “Host context” by 2 min"))
        #expect(lines.contains("09:36:40 Clock paused"))
        #expect(lines.contains("09:37:40 Clock resumed"))
        #expect(lines.contains("09:30:10 Question shown: “How do pupils choose books?”"))
        #expect(lines.contains("09:38:20 Question marked discussed: “How do pupils choose books?”"))
        #expect(lines.contains("09:43:20 Time up for phase 1 “Host context”"))
        #expect(lines.contains("09:43:20 Moved to phase 2 “Reviewer reflections”"))
        #expect(lines.contains("09:43:30 Round started: Asha, Raj, Ben, 1 min each"))
        #expect(lines.contains("09:43:50 Asha passed"))
        #expect(lines.contains("09:45:50 Round finished"))
        #expect(lines.contains("09:47:40 Session ended"))
        #expect(record.log.map(\.seq) == record.log.map(\.seq).sorted())
        #expect(record.log.first { $0.text == "Floor to Ben" }?.by == "Fran")
    }

    @Test("an unknown time zone falls back to UTC and says so")
    func unknownZone() throws {
        let record = ReviewRecord(try ScriptedReview.played(timeZone: "Mars/Olympus_Mons").input(at: 1100))
        #expect(record.displayTimeZone == "UTC")
        #expect(record.timeZoneNote?.contains("Mars/Olympus_Mons") == true)
        #expect(record.session.timeZone == "Mars/Olympus_Mons")
        let summer = ReviewRecord(try ScriptedReview.played(timeZone: "America/New_York").input(at: 1100))
        #expect(summer.timeZoneNote == nil)
        #expect(summer.log.first?.time == "04:30:00")
    }
}
