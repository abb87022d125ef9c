extension SessionRetention {
    /// Each session's last use once the sessions that follow it are counted: a review is in use
    /// for as long as a post-review workshop that follows it (`followsSession`), or a session
    /// following that one, is. Its record is what the workshop works from, so it is never erased
    /// before them; both go when the last of them has been unused for ``days``.
    ///
    /// `sessions` gives each session's own last use and the session it follows, if any. A
    /// followed session that is not in `sessions` (deleted) is ignored; a chain that comes back to
    /// itself, which the store never makes, is followed once round.
    public static func countingFollowers<ID: Hashable>(
        _ sessions: [(id: ID, lastUse: Timestamp, follows: ID?)]
    ) -> [(id: ID, lastUse: Timestamp)] {
        var lastUse = Dictionary(sessions.map { ($0.id, $0.lastUse) }, uniquingKeysWith: max)
        let follows = Dictionary(sessions.compactMap { session in session.follows.map { (session.id, $0) } },
                                 uniquingKeysWith: { first, _ in first })
        for session in sessions {
            var seen: Set<ID> = [session.id]
            var followed = follows[session.id]
            while let id = followed, seen.insert(id).inserted, let use = lastUse[id] {
                lastUse[id] = max(use, session.lastUse)
                followed = follows[id]
            }
        }
        return sessions.map { (id: $0.id, lastUse: lastUse[$0.id] ?? $0.lastUse) }
    }
}
