import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small tmpfs mounted for a test (needs root and CAP_SYS_ADMIN); nil when mounting is not allowed.
struct TmpfsMount {
    /// The mount point.
    let path: String

    /// Mounts a tmpfs of `sizeKiB` at a fresh directory inside `parent`, read-only if asked.
    static func mount(in parent: TemporaryDirectory, sizeKiB: Int, readOnly: Bool = false) -> TmpfsMount? {
        guard geteuid() == 0 else { return nil }
        let point = parent.file("mnt")
        guard mkdir(point, 0o755) == 0 else { return nil }
        let options = "size=\(sizeKiB)k,mode=0755"
        let flags: UInt = readOnly ? UInt(MS_RDONLY) : 0
        guard Glibc.mount("tmpfs", point, "tmpfs", flags, options) == 0 else { return nil }
        return TmpfsMount(path: point)
    }

    /// Unmounts it.
    func unmount() { umount2(path, Int32(MNT_DETACH)) }
}
