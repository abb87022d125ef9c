#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a `pthread_mutex_t`: the lock every module of the daemon, its tests and
/// its bench use.
///
/// Used instead of `Synchronization.Mutex`, whose Linux implementation waits on a futex that
/// ThreadSanitizer does not see: under `--sanitize=thread` every `Mutex` reads as a data race
/// (README "Sanitizers"), which buried any real report. A pthread mutex is intercepted, so a
/// ThreadSanitizer run of the whole suite reports only real races. Critical sections are
/// short and never call out to code that could take another `Locked`.
public final class Locked<Value>: @unchecked Sendable {
    // @unchecked Sendable is sound: the value is only reached through `withLock`, which
    // holds `mutex` for the whole access, so no two threads ever touch it at once; the
    // mutex itself is heap-allocated once and never moves.
    // The value lives behind a pointer, not in a stored property, so ThreadSanitizer sees
    // plain memory accesses made under the mutex: with a stored property, its report of
    // Swift's access instrumentation named the log sink's zero-sized `Locked(())` at the
    // object's own address as a race, with no lock held.
    private let value: UnsafeMutablePointer<Value>
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// Wraps `value`.
    public init(_ value: Value) {
        self.value = .allocate(capacity: 1)
        self.value.initialize(to: value)
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
        value.deinitialize(count: 1)
        value.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value.pointee)
    }
}
