import ReviewRoomCore

extension Store {
    /// Opens an interval for ?2 in session ?1 at ?3 unless one is open; the lookup is answered
    /// by the open intervals' index (`attendance_open`, v10), not by the person's whole history.
    static let openIntervalSQL = """
        INSERT INTO attendance(session, participant, joined_at, left_at, recovered)
        SELECT ?1, ?2, ?3, NULL, 0
        WHERE NOT EXISTS (SELECT 1 FROM attendance WHERE session = ?1 AND participant = ?2 AND left_at IS NULL)
        """

    /// Closes ?2's open interval in session ?1 at ?3 (never before it began), found the same way.
    static let closeIntervalSQL = """
        UPDATE attendance SET left_at = max(joined_at, ?3)
        WHERE session = ?1 AND participant = ?2 AND left_at IS NULL
        """

    /// Opens an online interval for `participant` at `at` (their first connection joined), in
    /// the writer's order with the session's other writes; `completion` runs on the writer
    /// thread once it is durable (keep it short). When they already have an open interval
    /// (a close was never recorded) it is kept and nothing is added.
    /// - `completion` gets `.unknownSession` when the session is not stored (deleted meanwhile).
    public func recordJoined(_ participant: ParticipantID, in session: SessionID, at: Timestamp,
                             completion: @escaping @Sendable (Result<Void, StoreError>) -> Void) {
        writer.enqueue(.transaction(TransactionJob(
            run: { connection in
                guard try Self.sessionRow(connection, session) != nil else {
                    throw StoreError(.unknownSession, "cannot record that \(participant) joined session \(session): no such session is stored")
                }
                try connection.run(Self.openIntervalSQL) {
                    try $0.bind(1, session.rawValue)
                    try $0.bind(2, participant.rawValue)
                    try $0.bind(3, at.millisecondsSince1970)
                }
                return { completion(.success(())) }
            },
            fail: { completion(.failure($0)) }
        )))
    }

    /// Closes `participant`'s open interval at `at` (their last connection closed). Nothing
    /// changes when they have none (the session was deleted, or the open was never stored).
    public func recordLeft(_ participant: ParticipantID, in session: SessionID, at: Timestamp,
                           completion: @escaping @Sendable (Result<Void, StoreError>) -> Void) {
        writer.enqueue(.transaction(TransactionJob(
            run: { connection in
                try connection.run(Self.closeIntervalSQL) {
                    try $0.bind(1, session.rawValue)
                    try $0.bind(2, participant.rawValue)
                    try $0.bind(3, at.millisecondsSince1970)
                }
                return { completion(.success(())) }
            },
            fail: { completion(.failure($0)) }
        )))
    }

    /// Closes every interval of `session` still open from a daemon that stopped without closing
    /// them (killed, crashed): each ends at the later of the session's last stored event and its
    /// last still-here mark (``recordStillOnline(in:at:completion:)``), never before it began,
    /// and is marked ``AttendanceInterval/recovered`` with `at` (now: when this run loaded the
    /// session again) as its ``AttendanceInterval/recoveredAt``. Call it when the session
    /// loads, before anyone joins it: writes run in order, so later joins are not touched.
    /// `completion` gets how many intervals were closed.
    public func closeInterruptedAttendance(in session: SessionID, at: Timestamp,
                                           completion: @escaping @Sendable (Result<Int, StoreError>) -> Void) {
        writer.enqueue(.transaction(TransactionJob(
            run: { [writer] connection in
                let journal = try JournalRows.read(connection, session: session, directory: writer.journalDirectory)
                let closed = try connection.run("""
                    UPDATE attendance
                    SET left_at = max(joined_at, coalesce(seen_at, joined_at),
                                      coalesce(\(Self.lastEventAtSQL), joined_at)),
                        recovered = 1, recovered_at = ?2
                    WHERE session = ?1 AND left_at IS NULL
                    """) {
                    try $0.bind(1, session.rawValue)
                    try $0.bind(2, at.millisecondsSince1970)
                    try journal.bind($0)
                }
                return { completion(.success(closed)) }
            },
            fail: { completion(.failure($0)) }
        )))
    }

    /// Marks every open interval of `session` as still open at `at` (the live session calls it
    /// about once a minute while someone is online): one small UPDATE, so a daemon killed after a
    /// quiet stretch loses at most the time since the last mark (see
    /// ``closeInterruptedAttendance(in:at:completion:)``). A mark never moves back; `completion`
    /// gets how many intervals were marked (0 for an unknown session or nobody online).
    public func recordStillOnline(in session: SessionID, at: Timestamp,
                                  completion: @escaping @Sendable (Result<Int, StoreError>) -> Void) {
        writer.enqueue(.transaction(TransactionJob(
            run: { connection in
                let marked = try connection.run("""
                    UPDATE attendance SET seen_at = max(coalesce(seen_at, joined_at), ?2)
                    WHERE session = ?1 AND left_at IS NULL
                    """) {
                    try $0.bind(1, session.rawValue)
                    try $0.bind(2, at.millisecondsSince1970)
                }
                return { completion(.success(marked)) }
            },
            fail: { completion(.failure($0)) }
        )))
    }

    /// The suspending form of ``recordStillOnline(in:at:completion:)``.
    @discardableResult
    public func recordStillOnline(in session: SessionID, at: Timestamp) async throws -> Int {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            recordStillOnline(in: session, at: at) { continuation.resume(with: $0.mapError { $0 as any Error }) }
        }
    }

    /// The suspending form of ``recordJoined(_:in:at:completion:)``.
    public func recordJoined(_ participant: ParticipantID, in session: SessionID, at: Timestamp) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            recordJoined(participant, in: session, at: at) { continuation.resume(with: $0.mapError { $0 as any Error }) }
        }
    }

    /// The suspending form of ``recordLeft(_:in:at:completion:)``.
    public func recordLeft(_ participant: ParticipantID, in session: SessionID, at: Timestamp) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            recordLeft(participant, in: session, at: at) { continuation.resume(with: $0.mapError { $0 as any Error }) }
        }
    }

    /// The suspending form of ``closeInterruptedAttendance(in:at:completion:)``.
    @discardableResult
    public func closeInterruptedAttendance(in session: SessionID, at: Timestamp) async throws -> Int {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            closeInterruptedAttendance(in: session, at: at) { continuation.resume(with: $0.mapError { $0 as any Error }) }
        }
    }

    /// Every online interval of `session`, by participant then start (empty for an unknown
    /// session). Read on the writer, in its order: it sees every attendance write asked for
    /// before it, including the fire-and-forget ones not yet committed when it was called.
    public func attendance(of session: SessionID) async throws -> [AttendanceInterval] {
        try await write { connection in
            try connection.rows("""
                SELECT participant, joined_at, left_at, recovered, seen_at, recovered_at FROM attendance WHERE session = ?1
                ORDER BY participant, joined_at, rowid
                """) {
                try $0.bind(1, session.rawValue)
            } map: {
                AttendanceInterval(participant: ParticipantID($0.text(0)),
                                   joinedAt: Timestamp(millisecondsSince1970: $0.int64(1)),
                                   leftAt: $0.isNull(2) ? nil : Timestamp(millisecondsSince1970: $0.int64(2)),
                                   recovered: $0.int64(3) != 0,
                                   seenAt: $0.isNull(4) ? nil : Timestamp(millisecondsSince1970: $0.int64(4)),
                                   recoveredAt: $0.isNull(5) ? nil : Timestamp(millisecondsSince1970: $0.int64(5)))
            }
        }
    }
}
