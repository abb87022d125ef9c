extension Migrations {
    /// v12: the session a session follows (`follows_session`): a post-review workshop names the
    /// review it follows, so its host staff can read that review's record. No foreign key: the
    /// review may be deleted before its workshop, which then follows nothing it can read.
    static let version12 = Migration(version: 12, summary: "the session a session follows", sql: """
        ALTER TABLE sessions ADD COLUMN follows_session TEXT;
        """)
}
