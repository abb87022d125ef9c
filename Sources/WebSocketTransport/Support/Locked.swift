#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a `pthread_mutex_t`.
///
/// Used instead of `Synchronization.Mutex` because the latter shows as false-positive
/// races under ThreadSanitizer on Linux (see LWS-NOTES). Critical sections are short
/// and never call out to code that could take another `Locked`.
final class Locked<Value>: @unchecked Sendable {
    // @unchecked Sendable is sound: `value` is only reached through `withLock`, which
    // holds `mutex` for the whole access, so no two threads ever touch it at once; the
    // mutex itself is heap-allocated once and never moves.
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// Wraps `value`.
    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
