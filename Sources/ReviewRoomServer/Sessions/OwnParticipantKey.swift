import ReviewRoomCore
import ReviewRoomStore

/// A facilitator's own participant in one session: what ``SessionRegistry`` adds at most once at
/// a time when the owner's consoles join a session that has none.
struct OwnParticipantKey: Hashable, Sendable {
    /// The session.
    let session: SessionID
    /// Its owner.
    let owner: FacilitatorID
}
