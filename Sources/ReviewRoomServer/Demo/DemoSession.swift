import Foundation
import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomStore

/// `serve --demo`: a demo facilitator and a session starting now (template `rapid-remote-90`,
/// deck `covid-recovery`, a host, three reviewers, an observer and a room display: one link for
/// every role), made once per data directory.
///
/// The links, the facilitator token included, are kept in `demo.json` (mode 0600, inside the
/// daemon's 0700 data directory) so that later runs print the same ones; a demo data directory is
/// for trying ReviewRoom out, not for real reviews. Delete the file to make a fresh demo.
public enum DemoSession {
    /// The file the links are kept in, inside the data directory.
    public static let fileName = "demo.json"

    /// The demo's links: read from `demo.json` when its session still exists and has not ended,
    /// else made anew (someone trying ReviewRoom out who ended the demo gets a fresh one next
    /// time, not links to a finished review).
    public static func prepare(api: FacilitatorAPI, dataDirectory: String) async throws -> DemoLinks {
        let file = URL(fileURLWithPath: dataDirectory).appendingPathComponent(fileName)
        if let data = try? Data(contentsOf: file), let saved = try? JSONDecoder().decode(DemoLinks.self, from: data),
           let stored = try await api.store.session(SessionID(saved.sessionID)),
           try await api.store.authenticateFacilitator(token: saved.facilitatorToken) != nil,
           !(try await api.state(of: stored).isEnded) {
            return saved
        }
        let issued = try await api.store.addFacilitator(name: "Demo Facilitator")
        var request = SessionRequest()
        request.title = "Reading for pleasure – rapid review (demo)"
        request.hostSchool = "Northfield Primary"
        request.focus = "How do we rebuild reading stamina after school closures?"
        request.startsAt = api.now()
        request.timeZone = "Europe/London"
        request.agenda = try template("rapid-remote-90")
        request.deck = try deck("covid-recovery")
        request.participants = [
            InviteRequest(name: "Ben", role: .host),
            InviteRequest(name: "Asha", role: .reviewer),
            InviteRequest(name: "Chidi", role: .reviewer),
            InviteRequest(name: "Dana", role: .reviewer),
            InviteRequest(name: "Olu", role: .observer),
            InviteRequest(name: "Hall screen", role: .display),
        ]
        let creation = try await api.create(owner: issued.facilitator, from: request)
        let links = DemoLinks(
            sessionID: creation.session.id.rawValue, facilitatorToken: issued.token,
            links: creation.invites.map { DemoLinks.Link(name: $0.participant.name, role: $0.participant.role, token: $0.token) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(links).write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return links
    }

    private static func template(_ id: String) throws -> [Phase] {
        guard let template = BuiltInContent.template(id)?.phases else {
            throw StoreError(.invalidInput, "the demo needs the built-in template '\(id)', which is missing")
        }
        return template
    }

    private static func deck(_ id: String) throws -> [Prompt] {
        guard let deck = BuiltInContent.deck(id)?.prompts else {
            throw StoreError(.invalidInput, "the demo needs the built-in deck '\(id)', which is missing")
        }
        return deck
    }
}
