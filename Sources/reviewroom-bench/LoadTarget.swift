import Foundation
import ReviewRoomBenchKit
import ReviewRoomTesting

/// The server under load, started as a child process: `reviewroomd` (with a facilitator
/// made through its CLI in a fresh data directory) or the Hummingbird peer.
struct LoadTarget: Sendable {
    /// Which server.
    enum Kind: String, Sendable {
        /// ReviewRoom's own daemon.
        case reviewroom
        /// The Hummingbird relay in `Benchmarks/HummingbirdPeer`.
        case peer
    }

    /// Which server it is.
    var kind: Kind
    /// The child.
    var process: ChildProcess
    /// Its port on 127.0.0.1.
    var port: Int
    /// A facilitator API token (the peer accepts any).
    var facilitatorToken: String
    /// The data directory (reviewroomd only).
    var dataDirectory: URL?
    /// Whether ``stop()`` removes ``dataDirectory`` (true when ``start`` made it).
    var removesDataDirectory = false

    /// Environment for the daemon: per-connection rate limits raised so that the saturation
    /// scenario measures throughput, not the limiter (documented in BENCHMARKS.md).
    static let daemonEnvironment = ["REVIEWROOM_MESSAGES_PER_SECOND": "5000", "REVIEWROOM_MESSAGE_BURST": "10000",
                                    "REVIEWROOM_LOG_LEVEL": "warning"]

    /// Starts the target and waits for its `Listening on` line.
    static func start(_ kind: Kind, peerExecutable: String?, dataDirectory given: URL? = nil) async throws -> LoadTarget {
        switch kind {
        case .reviewroom:
            let daemon = try BuildProducts.executable(named: "reviewroomd").path
            let data = try given ?? TemporaryDirectory.make(prefix: "reviewroom-bench")
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REVIEWROOM_") }
            environment.merge(daemonEnvironment) { $1 }
            let added = try await ChildProcess.run([daemon, "facilitator", "add", "Bench", "--json", "--data-dir", data.path],
                                                   environment: environment)
            guard added.status == 0, let json = added.stdout.split(separator: "\n").last,
                  let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
                  let token = object["token"] as? String else {
                throw BenchError("reviewroomd facilitator add failed (status \(added.status)): \(added.stderr.prefix(300))")
            }
            let child = try ChildProcess.spawn(
                command: [daemon, "serve", "--listen", "127.0.0.1:0", "--data-dir", data.path], environment: environment)
            let port = try await listeningPort(child)
            return LoadTarget(kind: kind, process: child, port: port, facilitatorToken: token, dataDirectory: data,
                              removesDataDirectory: given == nil)
        case .peer:
            guard let peerExecutable, FileManager.default.isExecutableFile(atPath: peerExecutable) else {
                throw BenchError("--peer-executable '\(peerExecutable ?? "")' is not an executable: build Benchmarks/HummingbirdPeer with `make bench`")
            }
            let absolute = URL(fileURLWithPath: peerExecutable).standardizedFileURL.path
            let child = try ChildProcess.spawn(command: [absolute], environment: ProcessInfo.processInfo.environment)
            let port = try await listeningPort(child)
            return LoadTarget(kind: kind, process: child, port: port, facilitatorToken: "peer", dataDirectory: nil)
        }
    }

    /// The port from the child's `Listening on http://127.0.0.1:PORT` line.
    static func listeningPort(_ child: ChildProcess) async throws -> Int {
        let line = try await child.stdout.first(where: { $0.hasPrefix("Listening on ") }, timeout: .seconds(60))
        guard let colon = line.lastIndex(of: ":"), let port = Int(line[line.index(after: colon)...]) else {
            throw BenchError("the Listening line has no port: \(line)")
        }
        return port
    }

    /// CPU ticks and RSS of the child now.
    func usage() throws -> ProcessUsage {
        let stat = try String(contentsOfFile: "/proc/\(process.pid)/stat", encoding: .utf8)
        let status = try String(contentsOfFile: "/proc/\(process.pid)/status", encoding: .utf8)
        return try ProcessUsage.parse(stat: stat, status: status)
    }

    /// Stops the child (SIGTERM, then SIGKILL after 10 s), waits for it, and removes the data
    /// directory it made (tens of MB per scenario were left in the temp dir).
    func stop() async {
        kill(process.pid, SIGTERM)
        if (try? await process.exit.first(where: { _ in true }, timeout: .seconds(10))) == nil {
            kill(process.pid, SIGKILL)
            _ = try? await process.exit.first(where: { _ in true }, timeout: .seconds(5))
        }
        if removesDataDirectory, let dataDirectory { try? FileManager.default.removeItem(at: dataDirectory) }
    }
}
