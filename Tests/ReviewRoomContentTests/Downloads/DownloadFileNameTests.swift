import ReviewRoomContent
import ReviewRoomCore
import Testing

/// The server names a download as the console does (`download-names.js`; the same cases are
/// `test_download_names_say_the_sessions_date_and_title_and_suit_every_file_system`).
@Suite("Download file names")
struct DownloadFileNameTests {
    private func info(_ title: String, startsAt: String = "2026-12-03T23:30:00Z", timeZone: String = "Europe/Paris") throws -> SessionInfo {
        SessionInfo(id: "s_x1", title: title, hostSchool: "Northfield", focus: "Reading",
                    startsAt: try #require(Timestamp(rfc3339: startsAt)), timeZone: timeZone)
    }

    @Test func theSessionsLocalDateAndTitleMakeTheName() throws {
        // 23:30 UTC is already the 4th in Paris: the date the school reads on its calendar.
        #expect(DownloadFileName.record(try info("Reading review"), format: .markdown) == "2026-12-04 Reading review - record.md")
        #expect(DownloadFileName.record(try info("Reading review"), format: .json) == "2026-12-04 Reading review - record.json")
        #expect(DownloadFileName.calendar(try info("Reading review")) == "2026-12-04 Reading review.ics")
        #expect(DownloadFileName.stem(try info("Late", timeZone: "UTC")) == "2026-12-03 Late")
    }

    /// A right-to-left override showed `2026-12-04 Minutes lmth.drocer - pdf` for an .html; a
    /// zero-width space made two names that look the same (an injection audit, session 51).
    @Test func invisibleCharactersLeaveTheName() throws {
        #expect(DownloadFileName.record(try info("Minutes \u{202E}fdp."), format: .html) == "2026-12-04 Minutes fdp - record.html")
        #expect(DownloadFileName.stem(try info("Re\u{200B}ading\u{2066} review\u{FEFF}\u{FFFF}")) == "2026-12-04 Reading review")
    }

    @Test func whatAFileSystemRefusesIsReplacedAndTheTitleCut() throws {
        #expect(DownloadFileName.stem(try info("Maths/Science: \"Y6\" <set 2>?")) == "2026-12-04 Maths-Science- -Y6- -set 2")
        #expect(DownloadFileName.stem(try info("..hidden\nline")) == "2026-12-04 hidden-line")
        #expect(DownloadFileName.stem(try info("///")) == "2026-12-04 s_x1")
        #expect(DownloadFileName.stem(try info(String(repeating: "é", count: 200))).count == "2026-12-04 ".count + 80)
        // Cut at 80 characters right after a dot, which Windows would drop from the name.
        #expect(DownloadFileName.stem(try info(String(repeating: "a", count: 79) + ". b")) == "2026-12-04 " + String(repeating: "a", count: 79))
        #expect(DownloadFileName.stem(try info("Tabs\t\tand   spaces  -- dashes")) == "2026-12-04 Tabs-and spaces - dashes")
        // Characters as a reader sees them, as in the console (test_client_modules.py): a flag at
        // the cut stays whole, and a mark on a refused "/" goes with it.
        #expect(DownloadFileName.stem(try info(String(repeating: "a", count: 79) + "\u{1F1EC}\u{1F1E7} x"))
            == "2026-12-04 " + String(repeating: "a", count: 79) + "\u{1F1EC}\u{1F1E7}")
        #expect(DownloadFileName.stem(try info("Maths /\u{0307} x")) == "2026-12-04 Maths - x")
    }
}
