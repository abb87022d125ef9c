import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process whose stdout and stderr lines and exit status tests can wait on.
public struct ChildProcess: Sendable {
    /// Its pid.
    public let pid: Int32
    /// Stdout lines.
    public let stdout: AwaitableLog<String>
    /// Stderr lines.
    public let stderr: AwaitableLog<String>
    /// The exit status (one entry once it exited; a signal death is 128 + signal).
    public let exit: AwaitableLog<Int32>

    /// Starts `command` (an absolute path or a name looked up in `PATH`) with exactly `environment`.
    public static func spawn(command: [String], environment: [String: String]) throws -> ChildProcess {
        guard let first = command.first else { throw DaemonProcessError(message: "empty command") }
        let process = Process()
        process.executableURL = try resolve(first)
        process.arguments = Array(command.dropFirst())
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let (outRead, outWrite) = try makePipe()
        let (errRead, errWrite) = try makePipe()
        process.standardOutput = FileHandle(fileDescriptor: outWrite, closeOnDealloc: false)
        process.standardError = FileHandle(fileDescriptor: errWrite, closeOnDealloc: false)
        let stdout = AwaitableLog<String>(name: "stdout of \(first)")
        let stderr = AwaitableLog<String>(name: "stderr of \(first)")
        let exit = AwaitableLog<Int32>(name: "exit of \(first)")
        process.terminationHandler = { finished in
            let status = finished.terminationReason == .uncaughtSignal
                ? 128 + finished.terminationStatus : finished.terminationStatus
            exit.append(status)
            exit.finish()
        }
        do {
            try process.run()
        } catch {
            close(outRead); close(outWrite); close(errRead); close(errWrite)
            throw error
        }
        // The child has its copies; ours must go or the readers never see end of file.
        close(outWrite); close(errWrite)
        LineReader.start(fd: outRead, into: stdout)
        LineReader.start(fd: errRead, into: stderr)
        return ChildProcess(pid: process.processIdentifier, stdout: stdout, stderr: stderr, exit: exit)
    }

    /// Runs `command` to completion and returns its status and output.
    public static func run(_ command: [String], environment: [String: String]? = nil,
                           timeout: Duration = .seconds(60)) async throws -> ChildResult {
        let child = try spawn(command: command, environment: environment ?? ProcessInfo.processInfo.environment)
        let status = try await child.exit.first(where: { _ in true }, timeout: timeout)
        // Output ends when the pipes close, which follows the exit.
        _ = try? await child.stdout.first(where: { _ in false }, timeout: .seconds(10))
        _ = try? await child.stderr.first(where: { _ in false }, timeout: .seconds(10))
        return ChildResult(status: status, stdout: child.stdout.entries.joined(separator: "\n"),
                           stderr: child.stderr.entries.joined(separator: "\n"))
    }

    private static func resolve(_ name: String) throws -> URL {
        if name.hasPrefix("/") { return URL(fileURLWithPath: name) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        throw DaemonProcessError(message: "\(name) is not installed (not found in PATH)")
    }

    private static func makePipe() throws -> (Int32, Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw DaemonProcessError(message: "pipe failed: errno \(errno)")
        }
        // Other children started meanwhile must not inherit them (their end of file would never come).
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return (fds[0], fds[1])
    }
}

/// What a finished child process left.
public struct ChildResult: Sendable {
    /// Exit status.
    public var status: Int32
    /// Stdout, lines joined with `\n`.
    public var stdout: String
    /// Stderr, lines joined with `\n`.
    public var stderr: String
}
