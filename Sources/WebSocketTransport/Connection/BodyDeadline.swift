/// How long an HTTP request may take to send its whole body: a pure decision the service
/// thread carries out on its sweep (``ServiceCore``'s idle sweep).
///
/// lws restarts its own timeout with every piece of body that arrives, so a client sending one
/// byte a second of a large `Content-Length` would hold its connection (and the request it
/// parks) for as long as it likes, unauthenticated. The deadline counts from the request's
/// headers instead, whatever arrives after them.
struct BodyDeadline: Sendable, Equatable {
    /// The time a whole body may take after the headers, ns.
    let nanoseconds: UInt64

    /// A deadline of `seconds` (at least 1).
    init(seconds: Int) {
        nanoseconds = UInt64(max(1, seconds)) * 1_000_000_000
    }

    /// True when a body whose headers arrived at `start` and that is not complete at `now` has
    /// run out of time.
    func hasExpired(start: UInt64, now: UInt64) -> Bool {
        now > start && now - start >= nanoseconds
    }
}
