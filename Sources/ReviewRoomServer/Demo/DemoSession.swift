import Foundation
import Logging
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
///
/// "Once" holds across a crash at any point: every id and token is drawn first
/// (``SessionPlan``) and written to `demo.json`, then the facilitator and the session are
/// stored in one transaction. A start that finds a file whose facilitator was never stored (the
/// daemon died between the two) makes that same demo from it; there is no point at which the
/// session is stored and the file not yet written, which used to make a second demo next time.
public enum DemoSession {
    /// The file the links are kept in, inside the data directory.
    public static let fileName = "demo.json"

    /// The demo's links: read from `demo.json` when its session still exists and has not ended,
    /// made from it when the file was written but the daemon died before storing its session,
    /// else made anew (someone trying ReviewRoom out who ended the demo gets a fresh one next
    /// time, not links to a finished review).
    /// A `demo.json` that is there but cannot be read is logged as a warning to `logger`: the
    /// demo it named, if stored, stays, and a new one is made beside it.
    public static func prepare(api: FacilitatorAPI, dataDirectory: String, logger: Logger? = nil) async throws -> DemoLinks {
        let file = URL(fileURLWithPath: dataDirectory).appendingPathComponent(fileName)
        let saved = readSaved(file, logger: logger)
        if let saved {
            if let stored = try await api.store.session(SessionID(saved.sessionID)),
               try await api.store.authenticateFacilitator(token: saved.facilitatorToken) != nil,
               !(try await api.state(of: stored).isEnded) {
                return saved
            }
            if let plan = saved.plan, try await !api.store.facilitatorExists(FacilitatorID(plan.facilitatorID)) {
                _ = try await api.create(newOwner: facilitatorName, plan: plan, from: try request(api))
                return saved
            }
        }
        let request = try request(api)
        let people = [(facilitatorName, Role.facilitator)] + (request.participants ?? []).map { ($0.name, $0.role) }
        let plan = try SessionPlan.random(participants: people.count)
        let links = DemoLinks(
            sessionID: plan.sessionID, facilitatorToken: plan.facilitatorToken,
            links: zip(people, plan.invitees).map { person, invitee in
                DemoLinks.Link(name: person.0, role: person.1.rawValue, token: invitee.token)
            },
            plan: plan)
        try write(links, to: file)
        _ = try await api.create(newOwner: facilitatorName, plan: plan, from: request)
        return links
    }

    /// The links `file` holds; nil when there is none, and when it cannot be read or decoded,
    /// which is logged: a hand-edited or truncated file used to make a new demo without a word.
    private static func readSaved(_ file: URL, logger: Logger?) -> DemoLinks? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            return try JSONDecoder().decode(DemoLinks.self, from: try Data(contentsOf: file))
        } catch {
            logger?.warning("""
                \(file.path) cannot be read (\(error)): making a new demo session and writing its links there; \
                the demo it named, if it was stored, stays in the database with its own facilitator
                """)
            return nil
        }
    }

    /// The demo facilitator's name (also their participant's).
    static let facilitatorName = "Demo Facilitator"

    /// The demo session, starting now.
    private static func request(_ api: FacilitatorAPI) throws -> SessionRequest {
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
        return request
    }

    /// Writes `links` to `file` whole (a crash leaves the old file or the new one), mode 0600,
    /// and flushes it and its directory to disk: the store's commit that follows may be synced
    /// (`durability = power`), and a power cut must not keep the session but lose the file.
    private static func write(_ links: DemoLinks, to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(links).write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        for path in [file.path, file.deletingLastPathComponent().path] {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
            defer { close(descriptor) }
            guard fsync(descriptor) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        }
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
