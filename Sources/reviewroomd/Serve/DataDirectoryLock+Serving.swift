import Foundation
import ReviewRoomCore

extension DataDirectoryLock {
    /// Since when a `serve` has held the lock in `dataDirectory` (when it wrote the file, at its
    /// start), or nil when none holds it now. The command-line tools ask so that `export` does
    /// not read a running daemon's open online intervals as left by a crash.
    ///
    /// Read from `/proc/locks`, not by trying the lock: a tool that held it for even a moment
    /// would make a `serve` starting at that moment refuse the directory as taken.
    static func servedSince(dataDirectory: String) -> Timestamp? {
        let path = (dataDirectory as NSString).appendingPathComponent(Self.name)
        var status = stat()
        guard stat(path, &status) == 0,
              let table = FileManager.default.contents(atPath: "/proc/locks").map({ String(decoding: $0, as: UTF8.self) }),
              holdsFlock(table, device: UInt64(status.st_dev), inode: UInt64(status.st_ino)) else { return nil }
        let written = status.st_mtim
        return Timestamp(millisecondsSince1970: Int64(written.tv_sec) * 1000 + Int64(written.tv_nsec) / 1_000_000)
    }

    /// Whether `/proc/locks` text `table` has a granted `flock` on the file `device`/`inode`
    /// (lines such as `1: FLOCK  ADVISORY  WRITE 22822 fe:00:16319575 0 EOF`: major and minor
    /// in hexadecimal, the inode in decimal; a waiter's line has `->` after its number).
    static func holdsFlock(_ table: String, device: UInt64, inode: UInt64) -> Bool {
        // glibc's major()/minor() split of a dev_t.
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~0xfff)
        let minor = (device & 0xff) | ((device >> 12) & ~0xff)
        return table.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "FLOCK" else { return false }
            let file = fields[5].split(separator: ":")
            return file.count == 3 && UInt64(file[0], radix: 16) == major && UInt64(file[1], radix: 16) == minor
                && UInt64(file[2]) == inode
        }
    }
}
