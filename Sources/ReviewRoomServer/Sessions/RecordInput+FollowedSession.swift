import ReviewRoomContent
import ReviewRoomStore

extension RecordInput.FollowedSession {
    /// The followed session as the record names it, from its stored row.
    public init(_ stored: StoredSession) {
        self.init(id: stored.id.rawValue, title: stored.definition.title, startsAt: stored.definition.startsAt)
    }
}
