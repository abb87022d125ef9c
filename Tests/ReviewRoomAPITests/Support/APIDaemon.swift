import Foundation
import ReviewRoomTesting

/// A real `reviewroomd` with facilitators made by its own CLI, and a curl-based JSON client.
final class APIDaemon: Sendable {
    let daemon: DaemonProcess
    let url: String
    /// Facilitator tokens by name, made with `reviewroomd facilitator add NAME --json`.
    let tokens: [String: String]
    /// Facilitator ids by name.
    let ids: [String: String]

    private init(daemon: DaemonProcess, url: String, tokens: [String: String], ids: [String: String]) {
        self.daemon = daemon; self.url = url; self.tokens = tokens; self.ids = ids
    }

    /// Adds the facilitators to a fresh data directory, then starts the daemon on it.
    static func start(facilitators: [String] = ["Ann", "Bob"], arguments: [String] = [],
                      environment: [String: String?] = [:]) async throws -> APIDaemon {
        let data = try TemporaryDirectory.make(prefix: "api-data")
        var tokens: [String: String] = [:]
        var ids: [String: String] = [:]
        for name in facilitators {
            let added = try await facilitatorAdd(name, dataDirectory: data)
            tokens[name] = added.token; ids[name] = added.id
        }
        let daemon = try await DaemonProcess.start(arguments: arguments, environment: environment, dataDirectory: data)
        let url = try await daemon.listeningURL()
        return APIDaemon(daemon: daemon, url: url, tokens: tokens, ids: ids)
    }

    /// `reviewroomd facilitator add NAME --data-dir DIR --json`.
    static func facilitatorAdd(_ name: String, dataDirectory: URL) async throws -> (id: String, token: String) {
        let executable = try BuildProducts.executable(named: "reviewroomd")
        let result = try await ChildProcess.run([executable.path, "facilitator", "add", name, "--data-dir", dataDirectory.path, "--json"])
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let id = object["id"] as? String, let token = object["token"] as? String else {
            throw DaemonProcessError(message: "facilitator add \(name) failed: \(result.stderr)")
        }
        return (id, token)
    }

    func stop() { daemon.terminate() }

    /// The token of facilitator `name`.
    func token(_ name: String = "Ann") -> String { tokens[name] ?? "" }

    /// `method path` with `Authorization: Bearer token` (none when nil), a raw body and extra headers.
    func request(_ method: String, _ path: String, token: String?, body: String? = nil,
                 headers: [String] = []) async throws -> CurlClient.Response {
        var extra: [String] = []
        if let token { extra += ["-H", "Authorization: Bearer \(token)"] }
        for header in headers { extra += ["-H", header] }
        var bodyFile: URL?
        if let body {
            let file = try TemporaryDirectory.make(prefix: "api-body").appendingPathComponent("body.json")
            try Data(body.utf8).write(to: file)
            bodyFile = file
        }
        return try await CurlClient.request(method, url + path, bodyFile: bodyFile, extraArguments: extra)
    }

    /// Same, as facilitator `as` (default Ann).
    func call(_ method: String, _ path: String, as name: String = "Ann", body: String? = nil,
              headers: [String] = []) async throws -> CurlClient.Response {
        try await request(method, path, token: token(name), body: body, headers: headers)
    }

    /// Schedules a session from `body` as `name` and returns the reply object.
    func createSession(_ body: String = APIFixtures.sessionBody, as name: String = "Ann") async throws -> [String: Any] {
        let response = try await call("POST", "/api/v1/sessions", as: name, body: body)
        guard response.status == 201, let object = response.jsonObject else {
            throw DaemonProcessError(message: "POST /api/v1/sessions: \(response.status) \(response.text)")
        }
        return object
    }
}
