import Foundation
import ReviewRoomTesting
#if canImport(Glibc)
import Glibc
#endif

/// A real child process whose stdout arrives as lines on an `AsyncStream`, read by a dedicated
/// thread so no cooperative-pool thread blocks on the pipe. Started with `posix_spawn`
/// (``ReviewRoomTesting/ChildProcess/spawnReadingStdout(_:stderr:)``), never `Foundation.Process`,
/// whose `run()` crashed the test process now and then on Linux.
final class ProbeProcess: Sendable {
    /// Complete stdout lines, in order; finishes at end of file.
    let lines: AsyncStream<String>
    private let pid: Int32
    private let exited: AsyncStream<Int32>

    init(executable: URL, arguments: [String]) throws {
        let (pid, stdout) = try ChildProcess.spawnReadingStdout([executable.path] + arguments)
        let (exited, exitContinuation) = AsyncStream<Int32>.makeStream()
        Thread {
            exitContinuation.yield(ChildProcess.waitForExit(pid))
            exitContinuation.finish()
        }.start()
        let (lines, continuation) = AsyncStream<String>.makeStream()
        Thread {
            var pending: [UInt8] = []
            ChildProcess.readToEnd(stdout) { chunk in
                pending.append(contentsOf: chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    continuation.yield(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeSubrange(...newline)
                }
            }
            close(stdout)
            // A partial last line (cut by SIGKILL) is dropped on purpose: it was never a complete report.
            continuation.finish()
        }.start()
        self.pid = pid
        self.lines = lines
        self.exited = exited
    }

    /// Sends SIGKILL and waits until the child is gone.
    func killAndWait() async {
        kill(pid, SIGKILL)
        for await _ in exited {}
    }
}
