import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real child process whose stdout arrives as lines on an `AsyncStream`, read by a dedicated
/// thread so no cooperative-pool thread blocks on the pipe.
final class ChildProcess: Sendable {
    /// Complete stdout lines, in order; finishes at end of file.
    let lines: AsyncStream<String>
    private let process: Process
    private let exited: AsyncStream<Int32>

    init(executable: URL, arguments: [String]) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let (exited, exitContinuation) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exitContinuation.yield($0.terminationStatus); exitContinuation.finish() }
        try process.run()
        let (lines, continuation) = AsyncStream<String>.makeStream()
        let handle = output.fileHandleForReading
        let reader = Thread {
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    continuation.yield(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending.removeSubrange(pending.startIndex...newline)
                }
            }
            // A partial last line (cut by SIGKILL) is dropped on purpose: it was never a complete report.
            continuation.finish()
        }
        reader.start()
        self.process = process
        self.lines = lines
        self.exited = exited
    }

    /// Sends SIGKILL and waits until the child is gone.
    func killAndWait() async {
        kill(process.processIdentifier, SIGKILL)
        for await _ in exited {}
    }
}
