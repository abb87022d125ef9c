import CLibWebSockets

/// The `retry_and_idle_policy` that switches lws 4.1.6's own "validity" timers off for the
/// server's connections (a hang-up of 0 makes it keep none); alive as long as the context,
/// which keeps the pointer.
///
/// lws keeps those timers in one sorted list that it walks on every insert — each opening,
/// each ping and each pong — so with 10,000 connections every ping cost ≈ 0.3 ms of the one
/// service thread, and since people join at about the same time, their pings came in bursts of
/// seconds. ``IdlePolicy`` does the same job from a sweep over the connections instead.
final class ValidityTimersOff {
    /// The struct handed to `lws_context_creation_info.retry_and_idle_policy`.
    let pointer: UnsafeMutablePointer<lws_retry_bo_t>

    /// Allocates the all-zero policy.
    init() {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: lws_retry_bo_t())
    }

    deinit {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
