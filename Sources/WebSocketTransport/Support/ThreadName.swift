import Glibc

/// Names the calling thread as `top -H`, `ps -L` and `perf` show it.
///
/// Foundation's `Thread.name` did not reach the kernel here, and `pthread_setname_np` does not
/// import into Swift; writing `/proc/thread-self/comm` is the same thing (Linux keeps 15 bytes).
enum ThreadName {
    /// Sets the calling thread's name (cut to 15 bytes); failures are ignored (it is cosmetic).
    static func set(_ name: String) {
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}
