import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small tmpfs mounted for a test (needs root and CAP_SYS_ADMIN); nil when mounting is not
/// allowed. How tests get a real `ENOSPC` or a read-only file system without a mock.
public struct TmpfsMount: Sendable {
    /// The mount point.
    public let path: String

    /// Mounts a tmpfs of `sizeKiB` at a fresh directory `mnt` inside `parent`, read-only if asked.
    public static func mount(in parent: String, sizeKiB: Int, readOnly: Bool = false) -> TmpfsMount? {
        guard geteuid() == 0 else { return nil }
        let point = parent.hasSuffix("/") ? parent + "mnt" : parent + "/mnt"
        guard mkdir(point, 0o755) == 0 else { return nil }
        let options = "size=\(sizeKiB)k,mode=0755"
        let flags: UInt = readOnly ? UInt(MS_RDONLY) : 0
        guard Glibc.mount("tmpfs", point, "tmpfs", flags, options) == 0 else { return nil }
        return TmpfsMount(path: point)
    }

    /// Fills `kiB` of the mount with a file and returns its path: delete it to free the space
    /// (what an operator does on a full disk).
    public func ballast(kiB: Int) throws -> String {
        let file = path + "/ballast"
        try Data(count: kiB * 1_024).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Fills the mount to the last byte with a file (writing until `ENOSPC`) and returns its
    /// path: delete it to free the space.
    public func fillUp() throws -> String {
        let file = path + "/ballast"
        guard FileManager.default.createFile(atPath: file, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        defer { try? handle.close() }
        var chunk = 64 * 1_024
        while chunk > 0 {
            do {
                try handle.write(contentsOf: Data(count: chunk))
            } catch {
                chunk /= 2
            }
        }
        return file
    }

    /// Unmounts it.
    public func unmount() { umount2(path, Int32(MNT_DETACH)) }
}
