import ReviewRoomCore
import ReviewRoomStore

extension SessionRegistry {
    /// Takes `participantID`'s next turn to join (``JoinPacing``): nil to join now, or the
    /// instant to wait for. Every held `hello` counts in `reviewroom_hellos_held_total`; the first
    /// one since the participant last joined at once is logged (by participant id: a `hello`
    /// carries a token), so a looping client writes one line, not one a reconnect.
    func joinTurn(for participantID: String, in session: SessionID) -> Timestamp? {
        switch joinPacing.turn(for: participantID, at: clock.now().millisecondsSince1970) {
        case .now:
            return nil
        case .held(let until, let first):
            metrics?.hellosHeld.increment()
            if first {
                logger.warning("a participant joins more often than reconnects_per_minute; their hellos wait for their turn", metadata: [
                    "session": "\(session)", "participant": "\(participantID)", "limit": "\(joinPacing.perMinute)"])
            }
            return Timestamp(millisecondsSince1970: until)
        }
    }
}
