import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file descriptor on its own thread until end of file, appending each line (without
/// its newline) to a log, then finishes the log.
public enum LineReader {
    /// Starts reading `fd` (which the reader closes at the end) into `log`.
    public static func start(fd: Int32, into log: AwaitableLog<String>) {
        let thread = Thread {
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                pending += buffer[0..<count]
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    log.append(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeSubrange(...newline)
                }
            }
            if !pending.isEmpty { log.append(String(decoding: pending, as: UTF8.self)) }
            close(fd)
            log.finish()
        }
        thread.start()
    }
}
