import Foundation
import LockedValue

#if canImport(Glibc)
import Glibc
#endif

/// A child process whose stdout and stderr lines and exit status tests can wait on.
///
/// Started with `posix_spawn` and reaped by a thread blocked in `waitpid`, not with Foundation's
/// `Process`: on Linux that notices an exit only when a socket it hands the child closes, and
/// a long-running sibling started at the same moment can inherit that socket, so exits went
/// unnoticed for as long as the sibling lived.
public struct ChildProcess: Sendable {
    /// Its pid.
    public let pid: Int32
    /// Stdout lines.
    public let stdout: AwaitableLog<String>
    /// Stderr lines.
    public let stderr: AwaitableLog<String>
    /// The exit status (one entry once it exited; a signal death is 128 + signal).
    public let exit: AwaitableLog<Int32>

    // Pipes are made and marked close-on-exec under this lock, and children are spawned under
    // it, so no child of ours inherits another child's pipe ends.
    private static let spawnLock = Locked(())

    /// Starts `command` (an absolute path or a name looked up in `PATH`) with exactly `environment`.
    public static func spawn(command: [String], environment: [String: String]) throws -> ChildProcess {
        guard let first = command.first else { throw DaemonProcessError(message: "empty command") }
        let executable = try resolve(first)
        let stdout = AwaitableLog<String>(name: "stdout of \(first)")
        let stderr = AwaitableLog<String>(name: "stderr of \(first)")
        let exit = AwaitableLog<Int32>(name: "exit of \(first)")

        let (pid, outRead, errRead) = try spawnLock.withLock { _ throws -> (pid_t, Int32, Int32) in
            let (outRead, outWrite) = try makePipe()
            let (errRead, errWrite) = try makePipe()
            defer { close(outWrite); close(errWrite) }
            do {
                let pid = try posixSpawn(executable: executable, arguments: command,
                                         environment: environment, stdout: outWrite, stderr: errWrite)
                return (pid, outRead, errRead)
            } catch {
                close(outRead); close(errRead)
                throw error
            }
        }
        LineReader.start(fd: outRead, into: stdout)
        LineReader.start(fd: errRead, into: stderr)
        Thread {
            exit.append(waitForExit(pid))
            exit.finish()
        }.start()
        return ChildProcess(pid: pid, stdout: stdout, stderr: stderr, exit: exit)
    }

    /// ``spawn(command:environment:)`` on a thread of its own, for async callers.
    ///
    /// A spawn blocks its thread until the child has exec'd, and spawns take turns (``spawnLock``):
    /// with the suite starting dozens of daemons at once on a loaded machine, both threads of the
    /// cooperative pool sat in spawns for 20 s, and every async job waited behind them — the
    /// in-process servers' HTTP responders too, whose requests lws then closed unanswered.
    public static func spawnOffPool(command: [String], environment: [String: String]) async throws -> ChildProcess {
        try await RawBlocking.run { try spawn(command: command, environment: environment) }
    }

    /// Runs `command` to completion and returns its status and output.
    public static func run(_ command: [String], environment: [String: String]? = nil,
                           timeout: Duration = .seconds(60)) async throws -> ChildResult {
        let child = try await spawnOffPool(command: command, environment: environment ?? ProcessInfo.processInfo.environment)
        let status = try await child.exit.first(where: { _ in true }, timeout: timeout)
        // Output ends when the pipes close, which follows the exit.
        _ = try? await child.stdout.first(where: { _ in false }, timeout: .seconds(10))
        _ = try? await child.stderr.first(where: { _ in false }, timeout: .seconds(10))
        return ChildResult(status: status, stdout: child.stdout.entries.joined(separator: "\n"),
                           stderr: child.stderr.entries.joined(separator: "\n"))
    }

    /// What a blocking run does with the child's stderr.
    public enum StandardError: Sendable {
        /// Sent to `/dev/null`.
        case discard
        /// Written into the same pipe as stdout, in the order the child writes.
        case mergedIntoStdout
    }

    /// Runs `command` (with this process's environment) to completion on the calling thread, for
    /// synchronous callers, and returns its exit status and everything it wrote to stdout.
    ///
    /// Tests must never use `Foundation.Process` for this: its `run()` over-reads the entries of
    /// `/proc/self/fd` on Linux and crashed the whole test process now and then, leaving every
    /// daemon the suite had started behind (swift-corelibs-foundation#5472, in Swift 6.3.1).
    public static func runBlocking(_ command: [String], stderr: StandardError = .discard) throws -> (status: Int32, output: Data) {
        let (pid, stdout) = try spawnReadingStdout(command, stderr: stderr)
        var output = Data()
        readToEnd(stdout) { output.append(contentsOf: $0) }
        close(stdout)
        return (waitForExit(pid), output)
    }

    /// Starts `command` (with this process's environment) and returns its pid and the read end
    /// of a pipe holding its stdout (the caller reads it, ``readToEnd(_:_:)``, and closes it),
    /// for callers that read the output as it comes; ``waitForExit(_:)`` reaps it.
    public static func spawnReadingStdout(_ command: [String], stderr: StandardError = .discard) throws -> (pid: Int32, stdout: Int32) {
        guard let first = command.first else { throw DaemonProcessError(message: "empty command") }
        let executable = try resolve(first)
        return try spawnLock.withLock { _ throws -> (Int32, Int32) in
            let (outRead, outWrite) = try makePipe()
            let errWrite = stderr == .discard ? open("/dev/null", O_WRONLY | O_CLOEXEC) : outWrite
            defer {
                close(outWrite)
                if errWrite != outWrite { close(errWrite) }
            }
            do {
                let pid = try posixSpawn(executable: executable, arguments: command, environment: ProcessInfo.processInfo.environment,
                                         stdout: outWrite, stderr: errWrite)
                return (pid, outRead)
            } catch {
                close(outRead)
                throw error
            }
        }
    }

    /// Reads `fd` until end of file on the calling thread, handing each chunk to `chunk`
    /// (an interrupted read is retried, never fatal).
    public static func readToEnd(_ fd: Int32, _ chunk: (ArraySlice<UInt8>) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 {
                chunk(buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                return
            }
        }
    }

    /// Waits on the calling thread until child `pid` exits; its status (a signal death is
    /// 128 + signal).
    public static func waitForExit(_ pid: Int32) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS / WTERMSIG by hand: the macros do not import.
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private static func posixSpawn(executable: String, arguments: [String], environment: [String: String],
                                   stdout: Int32, stderr: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        // Nothing else of the test process (sockets other tests hold open, say) reaches the child.
        if let closeFrom = closeFromAction { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The test runner may ignore or block signals; the child starts with the defaults.
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all); sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw DaemonProcessError(message: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module
    /// does not import (it needs `_GNU_SOURCE`); nil on an older C library.
    private static let closeFromAction: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    private static func resolve(_ name: String) throws -> String {
        if name.hasPrefix("/") { return name }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw DaemonProcessError(message: "\(name) is not installed (not found in PATH)")
    }

    private static func makePipe() throws -> (Int32, Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw DaemonProcessError(message: "pipe failed: errno \(errno)")
        }
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
