import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

/// Writes sample exports for the Python checks in `Tests/content` (`make test` runs them):
/// into `$REVIEWROOM_CONTENT_SAMPLES` when set, otherwise into a temporary directory.
@Suite("Sample exports for the Python checks")
struct SampleExportTests {
    @Test("record.json, record.html, record.md, record-breaking-note.md, record-code-note.md, record.schema.json, csp.txt and session.ics are written and read back")
    func writeSamples() throws {
        let directory = ProcessInfo.processInfo.environment["REVIEWROOM_CONTENT_SAMPLES"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("reviewroom-samples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let input = try ScriptedReview.played().input(at: 1100)
        var draft = try ScriptedReview.played(ending: false).input(at: 1030)
        // The draft carries attendance (one interval cut short), so the schema check covers those fields.
        draft.attendance = try RecordAttendanceTests.input().attendance
        let files: [(String, [UInt8])] = [
            ("record.json", RecordRenderer.render(input, as: .json)),
            ("record-draft.json", RecordRenderer.render(draft, as: .json)),
            ("record.html", RecordRenderer.render(input, as: .html)),
            ("record.md", RecordRenderer.render(input, as: .markdown)),
            ("record-breaking-note.md", RecordRenderer.render(try RecordAuditFixTests.withBreakingNote(), as: .markdown)),
            ("record-code-note.md", RecordRenderer.render(try RecordMarkdownCodeSpanTests.withAttackingNote(), as: .markdown)),
            ("record.schema.json", Array(RecordSchema.json.utf8)),
            ("csp.txt", Array(RecordHTML.contentSecurityPolicy.utf8)),
            ("session.ics", Array(CalendarExport.ics(
                info: input.state.info, agenda: input.state.agenda, sequence: 2, stamp: ScriptedReview.at(-86_400),
                consoleURL: "https://review.example.org/console#secret").utf8)),
            ("template.ics", Array(CalendarExport.ics(
                info: CalendarTests.info, agenda: CalendarTests.agenda, sequence: 0, stamp: CalendarTests.stamp,
                consoleURL: nil).utf8)),
        ]
        for (name, bytes) in files {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            #expect(try Data(contentsOf: url) == Data(bytes), "\(name) round-trips")
        }
    }
}
