import Foundation
import ReviewRoomTesting

/// Request bodies and checks the API tests share.
enum APIFixtures {
    /// A session with its own agenda and prompts (needs no built-in content).
    static let sessionBody = """
        {"title": "Reading for pleasure", "hostSchool": "Northfield Primary",
         "focus": "How do we rebuild reading stamina?", "startsAt": "2030-12-01T09:30:00Z", "timeZone": "Europe/London",
         "agenda": [{"title": "Welcome", "kind": "briefing", "durationSec": 300, "turnMode": "open", "onTimeUp": "overtime"},
                    {"title": "Questions", "kind": "enquiry", "durationSec": 900, "turnMode": "queue", "onTimeUp": "advance", "prompts": ["q1"]}],
         "prompts": [{"text": "What do pupils read at home?", "theme": "reading"}, {"text": "Who chooses the books?"}],
         "participants": [{"name": "Asha", "role": "reviewer"}, {"name": "Ben", "role": "host"}, {"name": "Room", "role": "display"}],
         "lobbyOpensMinutesBefore": 10, "autoStart": false, "someFutureKey": {"ignored": true}}
        """

    /// Whether the content module's built-in templates, decks, record and calendar are merged
    /// (until then its bodies stop the process, so tests that need them are skipped).
    static let contentMerged: Bool = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let contract = root.appendingPathComponent("Sources/ReviewRoomContent/ContentAPI.swift")
        guard let text = try? String(contentsOf: contract, encoding: .utf8) else { return true }
        return !text.contains("fatalError(\"content: not implemented yet\")")
    }()

    /// Whether live sessions (the session registry) are wired into `serve`.
    static let liveMerged: Bool = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let daemon = root.appendingPathComponent("Sources/reviewroomd/Serve/Daemon.swift")
        guard let text = try? String(contentsOf: daemon, encoding: .utf8) else { return false }
        return text.contains("SessionRegistry(")
    }()
}

extension CurlClient.Response {
    /// The body as a JSON object, if it is one.
    var jsonObject: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] }
    /// The body as a JSON array, if it is one.
    var jsonArray: [Any]? { try? JSONSerialization.jsonObject(with: Data(body)) as? [Any] }
    /// The problem+json `detail`, if any.
    var detail: String { jsonObject?["detail"] as? String ?? "" }
}
