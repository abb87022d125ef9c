import LockedValue
import ReviewRoomStore

/// Which loaded sessions hold connections carrying a facilitator's powers, by facilitator:
/// consoles (joined with a `hello` that carried a facilitator token) and their own participant's
/// invite-link connections (``SessionMember/facilitator``). What the daemon's periodic sweep
/// checks against the store, so a facilitator revoked by another process (`reviewroomd
/// facilitator revoke`) loses them. Shared by the registry and its session actors; only joins, leaves and stops
/// touch it, never a command.
final class ConsoleIndex: Sendable {
    private let connections = Locked<[FacilitatorID: [SessionID: Int]]>([:])

    /// Counts a console of `facilitator` joined to `session`.
    func joined(_ facilitator: FacilitatorID, in session: SessionID) {
        connections.withLock { $0[facilitator, default: [:]][session, default: 0] += 1 }
    }

    /// Forgets `count` consoles of `facilitator` in `session` (closed, or their session stopped).
    func left(_ facilitator: FacilitatorID, in session: SessionID, count: Int = 1) {
        connections.withLock { index in
            guard let open = index[facilitator]?[session] else { return }
            index[facilitator]?[session] = open > count ? open - count : nil
            if index[facilitator]?.isEmpty == true { index[facilitator] = nil }
        }
    }

    /// Every facilitator with a console open somewhere.
    var facilitators: Set<FacilitatorID> {
        connections.withLock { Set($0.keys) }
    }

    /// The sessions where `facilitator` has a console open.
    func sessions(of facilitator: FacilitatorID) -> [SessionID] {
        connections.withLock { Array(($0[facilitator] ?? [:]).keys) }
    }
}
