import Glibc

/// Raises this process's open-file limit to its hard limit (children inherit it): 10,000
/// client sockets need more than the usual 1,024. `make bench` raises the hard limit too.
enum FileDescriptorLimit {
    /// Raises the soft limit and returns it.
    static func raise() -> UInt64 {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        return UInt64(limit.rlim_cur)
    }
}
