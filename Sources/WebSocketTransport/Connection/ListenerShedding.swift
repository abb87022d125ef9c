import Foundation

/// Counts the connections a listener out of descriptors accepted and closed at once, and says
/// when to log them: the first at once, then at most one line a second with the count since.
/// Pure apart from ``openReserve()``; its owner passes the clock.
struct ListenerShedding: Sendable {
    /// The least time between two lines.
    static let intervalNanoseconds: UInt64 = 1_000_000_000
    private var unlogged = 0
    private var lastLogged: UInt64?

    /// Records one connection closed.
    mutating func shed() {
        unlogged += 1
    }

    /// How many connections were shed since the last line, when a line is due at `now` (none
    /// logged within the interval); nil when there is nothing to log or it is too soon.
    mutating func due(now: UInt64) -> Int? {
        guard unlogged > 0 else { return nil }
        if let lastLogged, now &- lastLogged < Self.intervalNanoseconds { return nil }
        defer { unlogged = 0; lastLogged = now }
        return unlogged
    }

    /// How many descriptors the listener holds in reserve. Giving one up leaves its number free
    /// until `accept` takes it, and another thread opening a file just then takes it instead
    /// (a socket-activated start met a backlog while libdispatch was still opening its signal
    /// descriptors: the one reserve went, and nothing more was shed); with two, one such loss
    /// still leaves one to shed with, and the lost one is opened again when a descriptor frees.
    static let reserveCount = 2

    /// A descriptor to hold in reserve (`/dev/null`, close-on-exec), or -1 when none is left.
    static func openReserve() -> Int32 {
        open("/dev/null", O_RDONLY | O_CLOEXEC)
    }
}
