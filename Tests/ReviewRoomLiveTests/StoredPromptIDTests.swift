import Foundation
import ReviewRoomCore
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// Client-given prompt ids must be URL-safe (PROTOCOL.md: "All ids are opaque, URL-safe
/// strings"), but a deck stored before that check may hold others: sending such an id back
/// (as the console does when it rewords a question) still works; a new one is refused.
@Suite("Live daemon: prompt ids stored before the URL-safe check")
struct StoredPromptIDTests {
    @Test func anIdTheDeckAlreadyHasMaySendBackANewOneMustBeURLSafe() async throws {
        let data = try TemporaryDirectory.make(prefix: "stored-prompt-id")
        defer { try? FileManager.default.removeItem(at: data) }
        let store = try await Store.open(StoreConfiguration(dataDirectory: data.path))
        let facilitator = try await store.addFacilitator(name: "Fay")
        let encoder = JSONEncoder()
        let startsAt = try #require(Timestamp(rfc3339: "2030-01-01T09:00:00Z"))
        let definition = SessionDefinition(
            title: "Old deck", hostSchool: "Hill School", focus: "Reading", startsAt: startsAt,
            timeZone: "Europe/London", lobbyOpensMinutesBefore: 15, autoStart: false,
            agendaJSON: String(decoding: try encoder.encode(SessionFixture.agenda()), as: UTF8.self),
            promptsJSON: String(decoding: try encoder.encode([Prompt(id: "old id", text: "What works?", theme: nil)]), as: UTF8.self),
            notesJSON: String(decoding: try encoder.encode([NoteHeading(id: "evidence", title: "Evidence")]), as: UTF8.self))
        let created = try await store.createSession(owner: facilitator.facilitator.id, definition: definition,
                                                    participants: [NewParticipant(name: "Asha", role: "reviewer")])
        await store.close()

        let daemon = try await DaemonProcess.start(dataDirectory: data)
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL() + "/api/v1/sessions/\(created.session.id)"
        func patch(_ body: String) async throws -> CurlClient.Response {
            let file = data.appendingPathComponent("patch.json")
            try Data(body.utf8).write(to: file)
            return try await CurlClient.request("PATCH", url, bodyFile: file, extraArguments: [
                "-H", "Authorization: Bearer \(facilitator.token)"])
        }
        let refused = try await patch(#"{"prompts": [{"id": "new id", "text": "What works well?"}]}"#)
        #expect(refused.status == 400)
        #expect(refused.text.contains("prompts[0].id: 'new id'"), "\(refused.text)")
        let reworded = try await patch(#"{"prompts": [{"id": "old id", "text": "What works well?"}]}"#)
        #expect(reworded.status == 200, "\(reworded.text)")
        #expect(reworded.text.contains(#""id":"old id","text":"What works well?""#), "\(reworded.text)")
    }
}
