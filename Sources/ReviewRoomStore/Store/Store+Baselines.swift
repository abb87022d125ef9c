import ReviewRoomCore

extension Store {
    /// Session `id`'s definition as it was created, before any PATCH: the review record
    /// compares the first edit with it. Nil when there is no such session, or when it was
    /// created before schema v6 and edited before the upgrade (its earlier values were not
    /// kept).
    public func definitionAsCreated(of id: SessionID) async throws -> SessionDefinition? {
        try await read { connection in
            try connection.rows("SELECT \(Self.baselineColumns) FROM session_baselines WHERE session = ?1") {
                try $0.bind(1, id.rawValue)
            } map: { Self.decodeDefinition($0, from: 1) }.first
        }
    }

    /// The columns of `session_baselines` in ``decodeDefinition(_:from:)``'s order, after `session`.
    static let baselineColumns = """
        session, title, host_school, focus, starts_at, time_zone, lobby_opens_minutes_before, auto_start,
        agenda, prompts, notes
        """

    /// Writes `definition` as session `id`'s definition as created (in the creating transaction).
    static func insertBaseline(_ definition: SessionDefinition, of id: SessionID, _ connection: SQLiteConnection) throws {
        try connection.run("INSERT INTO session_baselines(\(baselineColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)") {
            try $0.bind(1, id.rawValue)
            try bind(definition, to: $0, from: 2)
        }
    }
}
