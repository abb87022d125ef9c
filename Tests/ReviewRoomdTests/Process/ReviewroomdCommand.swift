import Foundation
import ReviewRoomTesting

/// Runs the built `reviewroomd` with `arguments` to its end, in this environment without any
/// `REVIEWROOM_*` variable (plus `environment`), so a developer's settings never leak in.
func reviewroomd(_ arguments: [String], environment: [String: String] = [:]) async throws -> ChildResult {
    let executable = try BuildProducts.executable(named: "reviewroomd")
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REVIEWROOM_") }
    env.merge(environment) { _, new in new }
    return try await ChildProcess.run([executable.path] + arguments, environment: env)
}

/// The status of `GET /api/v1/sessions` with `token` on a daemon at `port`: 200 for a working
/// facilitator token, 401 for a revoked or unknown one.
func sessionsStatus(port: Int, token: String) throws -> Int {
    let client = try RawHTTPClient(port: port)
    defer { client.close() }
    return try client.request("GET", "/api/v1/sessions", headers: [("Authorization", "Bearer \(token)")]).status
}
