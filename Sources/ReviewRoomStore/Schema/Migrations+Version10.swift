extension Migrations {
    /// v10: an index of the attendance intervals still open. A join looks for the person's open
    /// interval and a leave closes it; with only `attendance_by_session`, both read every
    /// interval the person ever had, so a client reconnecting in a loop made each of its joins
    /// and leaves slower than the last (29 % of the daemon's CPU within ten seconds of a
    /// reconnect loop, on the one writer every session's edits wait for). The partial index holds
    /// one row per person online, whatever their history.
    static let version10 = Migration(version: 10, summary: "open attendance intervals", sql: """
        CREATE INDEX attendance_open ON attendance(session, participant) WHERE left_at IS NULL;
        """)
}
