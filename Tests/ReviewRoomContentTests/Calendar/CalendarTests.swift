import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Calendar export")
struct CalendarTests {
    static let info = SessionInfo(
        id: "s-42", title: "Reading, writing; and \\ \"maths\" – a rapid review with a very long title that must fold",
        hostSchool: "Northfield Primary", focus: "How do we rebuild reading stamina?\nLine two, with commas",
        startsAt: Timestamp(millisecondsSince1970: 1_796_117_400_250), timeZone: "Europe/London")
    static let agenda = BuiltInContent.template("rapid-remote-90")?.phases ?? []
    static let stamp = Timestamp(millisecondsSince1970: 1_795_000_000_000)

    static func ics(sequence: Int = 3, consoleURL: String? = "https://review.example.org/console#tok_SECRET") -> String {
        CalendarExport.ics(info: info, agenda: agenda, sequence: sequence, stamp: stamp, consoleURL: consoleURL)
    }

    /// The content lines with folding undone.
    static func unfolded(_ ics: String) -> [String] {
        ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test("CRLF line ends, no bare LF, and no physical line over 75 octets")
    func linesAndFolding() {
        let text = Self.ics()
        #expect(text.hasSuffix("\r\n"))
        let physical = text.components(separatedBy: "\r\n").dropLast()
        #expect(!physical.contains { $0.contains("\n") || $0.contains("\r") })
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        #expect(physical.contains { $0.hasPrefix(" ") }, "the long title and description were folded")
    }

    @Test("folding never splits a multi-byte character")
    func foldingUTF8() {
        var info = Self.info
        info.title = String(repeating: "é€😀", count: 40)
        let text = CalendarExport.ics(info: info, agenda: Self.agenda, sequence: 0, stamp: Self.stamp, consoleURL: nil)
        let physical = text.components(separatedBy: "\r\n")
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        #expect(Self.unfolded(text).contains("SUMMARY:" + info.title))
    }

    /// RFC 5545 §3.6.1: a DTEND is later than DTSTART. An agenda of one 1 ms phase wrote both
    /// the same second (a time audit, session 51): without DTEND the event ends where it starts.
    @Test("an agenda under a second long has no DTEND")
    func aSubSecondAgendaHasNoEnd() throws {
        var phase = try #require(Self.agenda.first)
        phase.durationSec = 0.001
        let lines = Self.unfolded(CalendarExport.ics(info: Self.info, agenda: [phase], sequence: 0, stamp: Self.stamp, consoleURL: nil))
        #expect(lines.contains("DTSTART:20261201T093000Z"))
        #expect(!lines.contains { $0.hasPrefix("DTEND") }, "\(lines)")
        phase.durationSec = 1
        let second = Self.unfolded(CalendarExport.ics(info: Self.info, agenda: [phase], sequence: 0, stamp: Self.stamp, consoleURL: nil))
        #expect(second.contains("DTEND:20261201T093001Z"), "\(second)")
    }

    @Test("calendar and event properties: method, UID, stamps, sequence, UTC start and end")
    func properties() {
        let lines = Self.unfolded(Self.ics())
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        #expect(lines.contains("METHOD:PUBLISH"))
        #expect(lines.contains("VERSION:2.0"))
        #expect(lines.contains("UID:session-s-42@reviewroom.app"))
        #expect(lines.contains("DTSTAMP:20261118T110640Z"))
        #expect(lines.contains("SEQUENCE:3"))
        #expect(lines.contains("DTSTART:20261201T093000Z"))
        #expect(lines.contains("DTEND:20261201T110000Z"), "90 minutes later")
        #expect(lines.contains("URL:https://review.example.org/console"))
    }

    @Test("TEXT values escape backslash, semicolon, comma and line breaks")
    func escaping() throws {
        let lines = Self.unfolded(Self.ics())
        let summary = try #require(lines.first { $0.hasPrefix("SUMMARY:") })
        #expect(summary == "SUMMARY:Reading\\, writing\\; and \\\\ \"maths\" – a rapid review with a very long title that must fold")
        let description = try #require(lines.first { $0.hasPrefix("DESCRIPTION:") })
        #expect(description.contains("Enquiry focus: How do we rebuild reading stamina?\\nLine two\\, with commas"))
        #expect(description.contains("Host school: Northfield Primary"))
        #expect(description.contains("\\n1. Welcome and ground rules (5 min)"))
        #expect(description.contains("\\n9. Close and check-out (3 min)"))
    }

    @Test("no invite token reaches the calendar, even in a console URL's fragment")
    func noTokens() {
        let text = Self.ics()
        #expect(!text.contains("tok_SECRET"))
        #expect(!text.contains("#"))
        #expect(!Self.ics(consoleURL: nil).contains("URL:"))
        #expect(!Self.ics(consoleURL: "#only-a-fragment").contains("URL:"))
    }

    @Test("the UID stays the same across reschedules while SEQUENCE rises")
    func reschedule() {
        var later = Self.info
        later.startsAt = later.startsAt.adding(seconds: 86_400)
        let first = Self.unfolded(Self.ics(sequence: 0))
        let second = Self.unfolded(CalendarExport.ics(info: later, agenda: Self.agenda, sequence: 1, stamp: Self.stamp,
                                                      consoleURL: nil))
        #expect(first.filter { $0.hasPrefix("UID:") } == second.filter { $0.hasPrefix("UID:") })
        #expect(second.contains("SEQUENCE:1") && first.contains("SEQUENCE:0"))
        #expect(second.contains("DTSTART:20261202T093000Z"))
        #expect(Self.unfolded(Self.ics(sequence: -5)).contains("SEQUENCE:0"))
    }

    @Test("control characters are dropped from TEXT values")
    func controlCharacters() {
        var info = Self.info
        info.title = "Bell\u{07}and\u{00}null\ttab"
        let lines = Self.unfolded(CalendarExport.ics(info: info, agenda: [], sequence: 0, stamp: Self.stamp, consoleURL: nil))
        #expect(lines.contains("SUMMARY:Bellandnull\ttab"))
        #expect(!lines.contains { $0.hasPrefix("DTEND") }, "an empty agenda lasts no time: no DTEND, which must be later than DTSTART")
    }

    @Test("dates before 1970 and in leap years convert correctly")
    func dates() {
        let cases: [(Int64, String)] = [
            (0, "19700101T000000Z"), (-1, "19691231T235959Z"), (951_782_400_000, "20000229T000000Z"),
            (4_107_542_399_000, "21000228T235959Z"),
        ]
        for (ms, expected) in cases {
            var info = Self.info
            info.startsAt = Timestamp(millisecondsSince1970: ms)
            let lines = Self.unfolded(CalendarExport.ics(info: info, agenda: [], sequence: 0, stamp: Self.stamp, consoleURL: nil))
            #expect(lines.contains("DTSTART:" + expected))
        }
    }
}
