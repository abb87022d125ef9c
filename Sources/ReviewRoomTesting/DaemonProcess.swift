import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real `reviewroomd` child process for end-to-end tests.
///
/// ``start(arguments:environment:launcher:dataDirectory:waitForListening:)`` runs
/// `reviewroomd serve --listen 127.0.0.1:0 --data-dir <temp>` (plus extra arguments), reads
/// stdout until the `Listening on` line and exposes the real port; stderr is captured in
/// ``stderr`` for log assertions.
public final class DaemonProcess: Sendable {
    /// The child's pid.
    public let pid: Int32
    /// Lines the daemon wrote to stdout.
    public let stdout: AwaitableLog<String>
    /// Lines the daemon wrote to stderr (its log).
    public let stderr: AwaitableLog<String>
    /// The exit status, once it exited (a single entry).
    public let exit: AwaitableLog<Int32>
    /// The data directory it was given.
    public let dataDirectory: URL
    /// Everything needed to start it again the same way, for messages.
    public let commandLine: [String]

    private init(pid: Int32, stdout: AwaitableLog<String>, stderr: AwaitableLog<String>, exit: AwaitableLog<Int32>,
                 dataDirectory: URL, commandLine: [String]) {
        self.pid = pid; self.stdout = stdout; self.stderr = stderr; self.exit = exit
        self.dataDirectory = dataDirectory; self.commandLine = commandLine
    }

    /// Starts `reviewroomd serve --listen 127.0.0.1:0 --data-dir DIR` + `arguments`.
    ///
    /// - Parameters:
    ///   - arguments: extra arguments after the defaults; a `--listen` or `--data-dir` among them
    ///     replaces the default (an option given twice is a usage error); without a
    ///     `--config` among them an empty configuration file is passed.
    ///   - environment: variables added to (or, with `nil` values, removed from) the test's own;
    ///     `NOTIFY_SOCKET`, `LISTEN_*`, `WATCHDOG_*`, `JOURNAL_STREAM` and `REVIEWROOM_*` are
    ///     removed unless given here.
    ///   - launcher: a command to run the daemon under, e.g. `["systemd-socket-activate", "-l", "…"]`.
    ///   - dataDirectory: a directory to use; a fresh temporary one by default.
    ///   - defaultListen: whether to pass `--listen 127.0.0.1:0`.
    ///   - executable: another `reviewroomd` binary (e.g. an installed copy); the built one by default.
    ///
    /// Async because the spawn runs on a thread of its own (see ``ChildProcess/spawnOffPool(command:environment:)``).
    public static func start(
        arguments: [String] = [], environment: [String: String?] = [:], launcher: [String] = [],
        dataDirectory: URL? = nil, defaultListen: Bool = true, executable: URL? = nil
    ) async throws -> DaemonProcess {
        let executable = try executable ?? BuildProducts.executable(named: "reviewroomd")
        // An option given twice is a usage error: `arguments` replace the defaults they name.
        let givenDataDirectory = value(of: "--data-dir", in: arguments).map { URL(fileURLWithPath: $0) }
        let data = try givenDataDirectory ?? dataDirectory ?? TemporaryDirectory.make(prefix: "reviewroomd-data")
        var serveArguments = ["serve"]
        if defaultListen, value(of: "--listen", in: arguments) == nil { serveArguments += ["--listen", "127.0.0.1:0"] }
        if !arguments.contains("--config") {
            // An empty file, so a machine's /etc/reviewroom/reviewroom.conf never leaks into a test.
            let config = try TemporaryDirectory.make(prefix: "reviewroomd-conf").appendingPathComponent("reviewroom.conf")
            try Data().write(to: config)
            serveArguments += ["--config", config.path]
        }
        if givenDataDirectory == nil { serveArguments += ["--data-dir", data.path] }
        serveArguments += arguments
        let command = launcher.isEmpty ? [executable.path] + serveArguments : launcher + [executable.path] + serveArguments
        let child = try await ChildProcess.spawnOffPool(command: command, environment: Self.environment(adding: environment))
        let daemon = DaemonProcess(pid: child.pid, stdout: child.stdout, stderr: child.stderr, exit: child.exit,
                                   dataDirectory: data, commandLine: command)
        return daemon
    }

    /// The value `arguments` give `option` (`--name value` or `--name=value`), if they give it.
    private static func value(of option: String, in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == option, index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix(option + "=") { return String(argument.dropFirst(option.count + 1)) }
        }
        return nil
    }

    /// Waits for the `Listening on URL` line and returns the URL (`http://127.0.0.1:PORT`).
    public func listeningURL(timeout: Duration = .seconds(30)) async throws -> String {
        try await announcedURL("Listening on ", timeout: timeout)
    }

    /// The port from the `Listening on` line.
    public func port(timeout: Duration = .seconds(30)) async throws -> Int {
        try Self.port(of: try await listeningURL(timeout: timeout), line: "Listening")
    }

    /// Waits for the `Metrics on URL` line that a daemon with `metrics_listen` prints right after
    /// its `Listening on` line, and returns the URL (`http://127.0.0.1:PORT`).
    public func metricsURL(timeout: Duration = .seconds(30)) async throws -> String {
        try await announcedURL("Metrics on ", timeout: timeout)
    }

    /// The port from the `Metrics on` line.
    public func metricsPort(timeout: Duration = .seconds(30)) async throws -> Int {
        try Self.port(of: try await metricsURL(timeout: timeout), line: "Metrics")
    }

    /// The URL after `prefix` on the first stdout line that starts with it.
    private func announcedURL(_ prefix: String, timeout: Duration) async throws -> String {
        let line = try await stdout.first(where: { $0.hasPrefix(prefix) }, timeout: timeout)
        return String(line.dropFirst(prefix.count))
    }

    private static func port(of url: String, line: String) throws -> Int {
        guard let colon = url.lastIndex(of: ":"), let port = Int(url[url.index(after: colon)...]) else {
            throw DaemonProcessError(message: "the \(line) line has no port: \(url)")
        }
        return port
    }

    /// Sends a signal (`SIGTERM`, `SIGHUP`, …).
    public func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    /// The exit status once the process exits; throws after `timeout`.
    public func waitForExit(timeout: Duration = .seconds(15)) async throws -> Int32 {
        try await exit.first(where: { _ in true }, timeout: timeout)
    }

    /// Kills the process if it still runs (test clean-up).
    public func terminate() {
        if exit.entries.isEmpty { kill(pid, SIGKILL) }
    }

    deinit {
        if exit.entries.isEmpty { kill(pid, SIGKILL) }
    }

    private static func environment(adding extra: [String: String?]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("REVIEWROOM_") || key.hasPrefix("LISTEN_")
            || key.hasPrefix("WATCHDOG_") || key == "NOTIFY_SOCKET" || key == "JOURNAL_STREAM" {
            environment[key] = nil
        }
        for (key, value) in extra { environment[key] = value }
        return environment
    }
}

/// A daemon process did not behave as a test expected.
public struct DaemonProcessError: Error, CustomStringConvertible {
    /// What happened.
    public var message: String
    /// Creates an error.
    public init(message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
