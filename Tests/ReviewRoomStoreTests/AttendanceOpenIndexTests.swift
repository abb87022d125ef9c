import ReviewRoomCore
import Testing
@testable import ReviewRoomStore

/// v10's index of open attendance intervals: a join and a leave find the person's open interval
/// through it, not through every interval they ever had (a reconnect loop made each one slower).
struct AttendanceOpenIndexTests {
    /// A v9 store whose participant already has 200 closed intervals and one open one migrates,
    /// keeps them all, and its join and leave go on as before.
    @Test func aVersion9StoreGainsTheIndexAndKeepsItsIntervals() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        let closed = (0 ..< 200).map { "('s_1', 'p_a', \($0 * 10), \($0 * 10 + 5), 0)" }.joined(separator: ", ")
        try StoreFixtures.olderStore(at: path, version: 9, eventSQL: """
            INSERT INTO attendance(session, participant, joined_at, left_at, recovered) VALUES \(closed);
            INSERT INTO attendance(session, participant, joined_at) VALUES ('s_1', 'p_a', 5000)
            """, laterTable: nil)
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let id = SessionID("s_1"), person = ParticipantID("p_a")
        // Already open: the join adds nothing; the leave closes that one interval.
        try await store.recordJoined(person, in: id, at: Timestamp(millisecondsSince1970: 6000))
        try await store.recordLeft(person, in: id, at: Timestamp(millisecondsSince1970: 7000))
        try await store.recordJoined(person, in: id, at: Timestamp(millisecondsSince1970: 8000))
        let intervals = try await store.attendance(of: id)
        #expect(intervals.count == 202)
        #expect(intervals.filter { $0.leftAt == nil }.map(\.joinedAt) == [Timestamp(millisecondsSince1970: 8000)])
        #expect(intervals.first { $0.joinedAt == Timestamp(millisecondsSince1970: 5000) }?.leftAt == Timestamp(millisecondsSince1970: 7000))
        await store.close()

        let connection = try SQLiteConnection(path: path)
        defer { connection.close() }
        #expect(try SchemaMigrator.version(of: connection) == Migrations.latestVersion)
        for sql in [Store.openIntervalSQL, Store.closeIntervalSQL] {
            let plan = try connection.rows("EXPLAIN QUERY PLAN " + sql) { $0.text(3) }.joined(separator: " ")
            #expect(plan.contains("attendance_open"), "\(sql)\n→ \(plan)")
        }
    }
}
