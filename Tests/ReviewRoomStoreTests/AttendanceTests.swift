import Foundation
import ReviewRoomCore
import ReviewRoomTesting
import Testing
@testable import ReviewRoomStore

/// Who was online when (schema v4, still-here marks v5): written through the writer, read back per session,
/// closed after a kill, erased with the session, copied by a backup.
@Suite("Attendance")
struct AttendanceTests {
    static func at(_ seconds: Int64) -> Timestamp { Timestamp(millisecondsSince1970: 1_796_117_400_000 + seconds * 1000) }
    /// When the tests' next run loads a session again and closes what a kill left open.
    static let reloadedAt = at(3_600)

    /// A store in `dir` with one fixture session: its id and its two participants (Asha, Ben).
    static func openSession(in dir: TemporaryDirectory) async throws -> (Store, SessionID, ParticipantID, ParticipantID) {
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        return (store, created.session.id, created.invites[0].participant.id, created.invites[1].participant.id)
    }

    @Test func intervalsOpenCloseAndComeBackPerSession() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let (_, other) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        let asha = created.invites[0].participant.id, ben = created.invites[1].participant.id
        try await store.recordJoined(asha, in: id, at: Self.at(0))
        // A second open while one is open (a close never recorded) adds nothing.
        try await store.recordJoined(asha, in: id, at: Self.at(5))
        try await store.recordLeft(asha, in: id, at: Self.at(60))
        try await store.recordJoined(asha, in: id, at: Self.at(100))
        try await store.recordJoined(ben, in: id, at: Self.at(10))
        // A close for someone offline changes nothing.
        try await store.recordLeft(ben, in: other.session.id, at: Self.at(20))
        await store.close()

        let reopened = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let intervals = try await reopened.attendance(of: id)
        #expect(Set(intervals) == [
            AttendanceInterval(participant: asha, joinedAt: Self.at(0), leftAt: Self.at(60)),
            AttendanceInterval(participant: asha, joinedAt: Self.at(100)),
            AttendanceInterval(participant: ben, joinedAt: Self.at(10)),
        ])
        #expect(try await reopened.attendance(of: other.session.id) == [])
        await reopened.close()
    }

    @Test func anUnknownSessionIsRefusedAndNothingIsWritten() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let error = await #expect(throws: StoreError.self) {
            try await store.recordJoined(ParticipantID("p_x"), in: SessionID("s_ghost"), at: Self.at(0))
        }
        #expect(error?.code == .unknownSession)
        #expect(error?.message.contains("s_ghost") == true)
        let rows = try await store.read { try $0.integer("SELECT count(*) FROM attendance") }
        #expect(rows == 0)
        await store.close()
    }

    /// The session's last stored event is found wherever it lies: in the journal (half of it
    /// copied into `events`) or, after a clean close folded everything, in `events` alone.
    @Test func openIntervalsCloseAtTheLastEventInTheJournalOrInEvents() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let configuration = StoreConfiguration(dataDirectory: dir.path, journalFoldRows: 4)
        var store = try await Store.open(configuration)
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id, asha = created.invites[0].participant.id
        let start = Timestamp(millisecondsSince1970: 1_796_117_400_000)
        try await store.recordJoined(asha, in: id, at: start)
        for seq in Int64(1)...10 { _ = try await store.append([StoreFixtures.event(seq)], to: id) }
        #expect(try await store.closeInterruptedAttendance(in: id, at: Self.reloadedAt) == 1)
        #expect(try await store.attendance(of: id).map(\.leftAt) == [StoreFixtures.event(10).at])
        await store.close()

        store = try await Store.open(configuration)
        #expect(try await store.read { try $0.integer("SELECT count(*) FROM event_journal") } == 0, "closing folded everything")
        try await store.recordJoined(asha, in: id, at: start)
        #expect(try await store.closeInterruptedAttendance(in: id, at: Self.reloadedAt) == 1)
        #expect(try await store.attendance(of: id).map(\.leftAt) == [StoreFixtures.event(10).at, StoreFixtures.event(10).at])
        await store.close()
    }

    /// A daemon killed with people online leaves intervals open: on the next load they end at
    /// the session's last stored event (never before they began), marked recovered.
    @Test func openIntervalsCloseAtTheLastStoredEvent() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, id, asha, ben) = try await Self.openSession(in: dir)
        try await store.recordJoined(asha, in: id, at: Timestamp(millisecondsSince1970: 1_796_117_400_000))
        try await store.recordJoined(ben, in: id, at: Timestamp(millisecondsSince1970: 1_796_117_400_009))
        _ = try await store.append((1...5).map { StoreFixtures.event($0) }, to: id)
        #expect(try await store.closeInterruptedAttendance(in: id, at: Self.reloadedAt) == 2)
        #expect(try await store.closeInterruptedAttendance(in: id, at: Self.reloadedAt) == 0, "nothing is left open")
        let last = StoreFixtures.event(5).at
        #expect(Set(try await store.attendance(of: id)) == [
            AttendanceInterval(participant: asha, joinedAt: Timestamp(millisecondsSince1970: 1_796_117_400_000), leftAt: last, recovered: true,
                               recoveredAt: Self.reloadedAt),
            AttendanceInterval(participant: ben, joinedAt: Timestamp(millisecondsSince1970: 1_796_117_400_009),
                               leftAt: Timestamp(millisecondsSince1970: 1_796_117_400_009), recovered: true, recoveredAt: Self.reloadedAt),
        ])
        await store.close()
    }

    @Test func deletingASessionErasesItsAttendance() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let (_, kept) = try await StoreFixtures.session(in: store)
        try await store.recordJoined(created.invites[0].participant.id, in: created.session.id, at: Self.at(0))
        try await store.recordJoined(kept.invites[0].participant.id, in: kept.session.id, at: Self.at(0))
        try await store.deleteSession(created.session.id)
        let rows = try await store.read { try $0.rows("SELECT session FROM attendance") { $0.text(0) } }
        #expect(rows == [kept.session.id.rawValue])
        // A leave arriving after the delete (the live session closing) writes nothing.
        try await store.recordLeft(created.invites[0].participant.id, in: created.session.id, at: Self.at(9))
        #expect(try await store.attendance(of: created.session.id) == [])
        await store.close()
    }

    @Test func aBackupCopiesAttendance() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        try await store.recordJoined(created.invites[0].participant.id, in: id, at: Self.at(0))
        try await store.recordLeft(created.invites[0].participant.id, in: id, at: Self.at(30))
        let backupDir = dir.file("backup")
        try FileManager.default.createDirectory(atPath: backupDir, withIntermediateDirectories: false)
        try await store.backup(to: backupDir + "/" + StoreConfiguration.databaseFileName)
        let copy = try await Store.open(StoreConfiguration(dataDirectory: backupDir, openMode: .existingOnly))
        #expect(try await copy.attendance(of: id) == (try await store.attendance(of: id)))
        #expect(try await copy.attendance(of: id).count == 1)
        await copy.close()
        await store.close()
    }

    /// v3 → v4 adds `attendance`: a v3 store with a session opens, keeps it, and takes intervals.
    @Test func aVersion3StoreWithASessionGainsAttendance() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        try StoreFixtures.olderStore(at: path, version: 3,
                                     eventSQL: "INSERT INTO events(session, seq, at, name, data) VALUES ('s_1', 1, 0, 'floor.changed', '{}')",
                                     laterTable: "attendance")
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let id = SessionID("s_1")
        #expect(try await store.load(id)?.lastSeq == 1)
        try await store.recordJoined(ParticipantID("p_a"), in: id, at: Self.at(0))
        #expect(try await store.attendance(of: id).map(\.participant) == [ParticipantID("p_a")])
        await store.close()
        let connection = try SQLiteConnection(path: path)
        #expect(try SchemaMigrator.version(of: connection) == Migrations.latestVersion)
    }

    /// Still-here marks (schema v5): a killed daemon's open intervals end at the later of the
    /// last stored event and the last mark, so a quiet stretch before the kill is kept.
    @Test func openIntervalsCloseAtTheLaterOfTheLastEventAndTheLastMark() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, id, asha, ben) = try await Self.openSession(in: dir)
        let hana = ParticipantID("p_hana")
        let lastEvent = StoreFixtures.event(3).at
        try await store.recordJoined(asha, in: id, at: lastEvent.adding(seconds: -100))
        try await store.recordJoined(ben, in: id, at: lastEvent.adding(seconds: -50))
        try await store.recordJoined(hana, in: id, at: lastEvent.adding(seconds: -40))
        try await store.recordLeft(hana, in: id, at: lastEvent.adding(seconds: -30))
        _ = try await store.append((1...3).map { StoreFixtures.event($0) }, to: id)
        // Nobody types for three minutes; the live session marks its open intervals each minute.
        #expect(try await store.recordStillOnline(in: id, at: lastEvent.adding(seconds: 60)) == 2)
        #expect(try await store.recordStillOnline(in: id, at: lastEvent.adding(seconds: 180)) == 2)
        // A mark never moves back (a late, reordered one).
        try await store.recordStillOnline(in: id, at: lastEvent.adding(seconds: 120))
        try await store.recordLeft(ben, in: id, at: lastEvent.adding(seconds: 200))
        #expect(try await store.recordStillOnline(in: SessionID("s_ghost"), at: lastEvent.adding(seconds: 190)) == 0, "an unknown session marks nothing")

        #expect(try await store.closeInterruptedAttendance(in: id, at: Self.reloadedAt) == 1)
        let intervals = try await store.attendance(of: id)
        let ashas = intervals.filter { $0.participant == asha }
        #expect(ashas.map(\.leftAt) == [lastEvent.adding(seconds: 180)], "\(intervals)")
        #expect(ashas.map(\.recovered) == [true])
        // Closed intervals keep their own ends: Ben left after the last mark, Hana before any.
        #expect(intervals.first { $0.participant == ben }?.leftAt == lastEvent.adding(seconds: 200))
        #expect(intervals.first { $0.participant == ben }?.recovered == false)
        #expect(intervals.first { $0.participant == hana }?.leftAt == lastEvent.adding(seconds: -30))
        #expect(intervals.first { $0.participant == hana }?.seenAt == nil)
        await store.close()
    }

    /// A mark older than the last event does not pull the end back before that event.
    @Test func aMarkBeforeTheLastEventLeavesTheEndAtTheEvent() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, id, asha, _) = try await Self.openSession(in: dir)
        let lastEvent = StoreFixtures.event(2).at
        try await store.recordJoined(asha, in: id, at: lastEvent.adding(seconds: -120))
        try await store.recordStillOnline(in: id, at: lastEvent.adding(seconds: -60))
        _ = try await store.append((1...2).map { StoreFixtures.event($0) }, to: id)
        #expect(try await store.closeInterruptedAttendance(in: id, at: Self.reloadedAt) == 1)
        #expect(try await store.attendance(of: id).map(\.leftAt) == [lastEvent])
        await store.close()
    }

    /// v4 → v5 adds `attendance.seen_at`: an interval a v4 daemon left open keeps closing at the
    /// last event, and new intervals take marks.
    @Test func aVersion4StoreGainsStillHereMarks() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        try StoreFixtures.olderStore(at: path, version: 4, eventSQL: """
            INSERT INTO events(session, seq, at, name, data) VALUES ('s_1', 1, 5000, 'floor.changed', '{}');
            INSERT INTO attendance(session, participant, joined_at) VALUES ('s_1', 'p_old', 1000)
            """, laterTable: nil)
        do {
            let old = try SQLiteConnection(path: path)
            defer { old.close() }
            #expect(!(try old.rows("PRAGMA table_info(attendance)") { $0.text(1) }.contains("seen_at")))
        }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let id = SessionID("s_1")
        #expect(try await store.load(id)?.lastSeq == 1)
        #expect(try await store.attendance(of: id).map(\.seenAt) == [nil])
        #expect(try await store.closeInterruptedAttendance(in: id, at: Self.reloadedAt) == 1)
        #expect(try await store.attendance(of: id).map(\.leftAt) == [Timestamp(millisecondsSince1970: 5000)])
        try await store.recordJoined(ParticipantID("p_a"), in: id, at: Timestamp(millisecondsSince1970: 6000))
        #expect(try await store.recordStillOnline(in: id, at: Timestamp(millisecondsSince1970: 66_000)) == 1)
        #expect(try await store.attendance(of: id).compactMap(\.seenAt) == [Timestamp(millisecondsSince1970: 66_000)])
        await store.close()
        let connection = try SQLiteConnection(path: path)
        defer { connection.close() }
        #expect(try SchemaMigrator.version(of: connection) == Migrations.latestVersion)
    }

    /// v8 → v9 adds `attendance.recovered_at`: an interval a v8 daemon recovered keeps no
    /// recovery time (it is unknown), and one closed after the upgrade gets when it was closed.
    @Test func aVersion8StoreGainsRecoveryTimes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        try StoreFixtures.olderStore(at: path, version: 8, eventSQL: """
            INSERT INTO events(session, seq, at, name, data) VALUES ('s_1', 1, 5000, 'floor.changed', '{}');
            INSERT INTO attendance(session, participant, joined_at, left_at, recovered) VALUES ('s_1', 'p_old', 1000, 5000, 1);
            INSERT INTO attendance(session, participant, joined_at) VALUES ('s_1', 'p_open', 2000)
            """, laterTable: nil)
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let id = SessionID("s_1")
        #expect(try await store.closeInterruptedAttendance(in: id, at: Timestamp(millisecondsSince1970: 9000)) == 1)
        let intervals = try await store.attendance(of: id)
        #expect(intervals.first { $0.participant == ParticipantID("p_old") }?.recoveredAt == nil, "\(intervals)")
        #expect(intervals.first { $0.participant == ParticipantID("p_open") }?.recoveredAt == Timestamp(millisecondsSince1970: 9000))
        #expect(intervals.first { $0.participant == ParticipantID("p_open") }?.leftAt == Timestamp(millisecondsSince1970: 5000))
        await store.close()
        let connection = try SQLiteConnection(path: path)
        defer { connection.close() }
        #expect(try SchemaMigrator.version(of: connection) == Migrations.latestVersion)
    }
}
