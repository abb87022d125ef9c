import Glibc

/// `clock_gettime(CLOCK_MONOTONIC)` in nanoseconds: the one clock the load benchmark
/// compares send and arrival times on (same machine, never adjusted).
public enum MonotonicClock {
    /// Now, in nanoseconds since an arbitrary fixed point.
    public static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
