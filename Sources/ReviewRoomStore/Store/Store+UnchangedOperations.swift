import ReviewRoomCore

extension Store {
    /// Records an edit that changed nothing, in the writer's order with the session's appends,
    /// and calls `completion` on the writer thread once it is durable (keep it short: hop to
    /// your actor). A key already recorded keeps its first `rev`.
    /// - `completion` gets `.unknownSession` when the session is not stored.
    public func recordUnchanged(_ operation: UnchangedOperation, in session: SessionID,
                                completion: @escaping @Sendable (Result<Void, StoreError>) -> Void) {
        writer.enqueue(.transaction(TransactionJob(
            run: { connection in
                guard try Self.sessionRow(connection, session) != nil else {
                    throw StoreError(.unknownSession, "cannot record an unchanged edit in session \(session): no such session is stored")
                }
                try connection.run("""
                    INSERT OR IGNORE INTO unchanged_operations(session, author, op_id, note, rev) VALUES (?1, ?2, ?3, ?4, ?5)
                    """) {
                    try $0.bind(1, session.rawValue)
                    try $0.bind(2, operation.author)
                    try $0.bind(3, operation.opId)
                    try $0.bind(4, operation.note)
                    try $0.bind(5, Int64(operation.rev))
                }
                return { completion(.success(())) }
            },
            fail: { completion(.failure($0)) }
        )))
    }

    /// The suspending form of ``recordUnchanged(_:in:completion:)``.
    public func recordUnchanged(_ operation: UnchangedOperation, in session: SessionID) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            recordUnchanged(operation, in: session) { continuation.resume(with: $0.mapError { $0 as any Error }) }
        }
    }

    static func unchangedOperations(_ connection: SQLiteConnection, session: SessionID) throws -> [UnchangedOperation] {
        try connection.rows("SELECT author, op_id, note, rev FROM unchanged_operations WHERE session = ?1") {
            try $0.bind(1, session.rawValue)
        } map: {
            UnchangedOperation(author: $0.text(0), opId: $0.text(1), note: $0.text(2), rev: Int($0.int64(3)))
        }
    }
}
