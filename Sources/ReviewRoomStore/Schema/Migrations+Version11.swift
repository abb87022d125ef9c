extension Migrations {
    /// v11: which facilitator a participant is the own participant of (`acts_for`), so the
    /// console of a session's owner joins as their participant, found by id. Before, it was found
    /// by name: after the owner revoked their own participant and invited a co-facilitator with
    /// the same name, the owner's console joined as that co-facilitator.
    ///
    /// Existing rows get the owner where the daemon before v11 would have found them: the first
    /// participant (the owner is always invited first) when it is a facilitator with the owner's
    /// name, and the first facilitator with the owner's name still invited (the one a console
    /// made after the owner's first participant was revoked). A namesake co-facilitator invited
    /// later cannot be told apart from the second kind; it is marked only when it is that first one.
    static let version11 = Migration(version: 11, summary: "own participants of facilitators", sql: """
        ALTER TABLE participants ADD COLUMN acts_for TEXT;
        UPDATE participants
        SET acts_for = (SELECT owner FROM sessions WHERE sessions.id = participants.session)
        WHERE role = 'facilitator'
          AND name = (SELECT f.name FROM sessions s JOIN facilitators f ON f.id = s.owner WHERE s.id = participants.session)
          AND (invitation_order = 0
               OR (revoked_at IS NULL AND invitation_order = (
                   SELECT min(q.invitation_order) FROM participants q
                   WHERE q.session = participants.session AND q.role = 'facilitator'
                     AND q.name = participants.name AND q.revoked_at IS NULL)));
        """)
}
