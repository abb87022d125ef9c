import Foundation
import ReviewRoomCore
import ReviewRoomTesting
import Testing
@testable import ReviewRoomStore

/// Reads of one session find its `event_journal` rows by row id (`JournalDirectory`), not by
/// scanning the whole journal: every event read back once, in seq order, wherever it lies —
/// only in `events`, only in the journal, or in both in the middle of a fold.
@Suite("Journal reads by row id")
struct JournalReadTests {
    /// A store on `dir` with one session holding events 1 through `count`.
    private static func session(in dir: TemporaryDirectory, foldRows: Int, events count: Int64) async throws -> (Store, StoreConfiguration, SessionID) {
        let (store, configuration) = try await StoreFixtures.opened(dir, foldRows: foldRows)
        let id = try await StoreFixtures.session(in: store).1.session.id
        for seq in Int64(1)...count { _ = try await store.append([event(seq)], to: id) }
        return (store, configuration, id)
    }

    /// Every fifth event a clock change, the others note edits with an op id.
    private static func event(_ seq: Int64) -> EventRecord {
        seq % 5 == 0
            ? StoreFixtures.event(seq, name: "clock.changed", data: #"{"clock":\#(seq)}"#)
            : StoreFixtures.event(seq, name: "note.op", data: #"{"n":\#(seq)}"#, author: "p_a", opId: "op-\(seq)")
    }

    /// Where `session`'s events lie now: only in `events`, in both tables, only in the journal.
    private static func placement(_ reader: SQLiteConnection, _ session: SessionID) throws -> (eventsOnly: Int64, both: Int64, journalOnly: Int64) {
        let count = { (sql: String) in try reader.integer(sql) { try $0.bind(1, session.rawValue) } ?? 0 }
        let both = try count("SELECT count(*) FROM events JOIN event_journal USING (session, seq) WHERE session = ?1")
        let events = try count("SELECT count(*) FROM events WHERE session = ?1")
        let journal = try count("SELECT count(*) FROM event_journal WHERE session = ?1")
        return (events - both, both, journal - both)
    }

    /// Checks every read of `session` against its first `last` events.
    private static func expectReadsWhole(_ store: Store, _ session: SessionID, through last: Int64) async throws {
        let all = try await store.events(of: session, after: 0)
        #expect(all.map(\.seq) == Array(1...last), "each event once, in seq order")
        #expect(all.map(\.data) == (1...last).map { event($0).data })
        let from = max(0, last - 3)
        #expect(try await store.events(of: session, after: from, limit: 2).map(\.seq) == Array(from + 1...min(last, from + 2)))
        // Backwards, as a note's older history is read back: each event once, newest first.
        #expect(try await store.events(of: session, before: last + 1, limit: 1_000).map(\.seq) == Array((1...last).reversed()))
        #expect(try await store.events(of: session, before: last, limit: 2).map(\.seq) == Array((max(1, last - 2)...last - 1).reversed()))
        #expect(try await store.events(of: session, before: 1, limit: 2).isEmpty)
        // A repeated edit's first rev, looked up by its op id wherever its row lies.
        for seq in [Int64(1), (1...last).last { $0 % 5 != 0 }!] {
            let found = try await store.event(carrying: OperationKey(author: "p_a", opId: "op-\(seq)"), in: session)
            #expect(found?.seq == seq && found?.data == event(seq).data)
        }
        #expect(try await store.event(carrying: OperationKey(author: "p_a", opId: "op-\(last + 100)"), in: session) == nil)
        #expect(try await store.event(carrying: OperationKey(author: "p_b", opId: "op-1"), in: session) == nil)
        #expect(try await store.lastSeq(of: session) == last)
        let loaded = try #require(try await store.load(session))
        #expect(loaded.lastSeq == last)
        let after = loaded.snapshot?.seq ?? 0
        #expect(loaded.events.map(\.seq) == Array(stride(from: after + 1, through: last, by: 1)))
        if let snapshot = loaded.snapshot {
            let keys = Set(loaded.operationsBeforeSnapshot.map(\.opId))
            #expect(keys == Set((1...snapshot.seq).filter { $0 % 5 != 0 }.map { "op-\($0)" }))
        }
        let lastClock = (1...last).last { $0 % 5 == 0 }
        #expect(try await store.lastClockChange(of: session) == lastClock.map { #"{"clock":\#($0)}"# })
    }

    @Test func everyReadFindsEachEventOnceWhileTheJournalFolds() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, configuration) = try await StoreFixtures.opened(dir, foldRows: 8)
        let sessions = try await StoreFixtures.sessions(4, in: store)
        let reader = try SQLiteConnection(path: configuration.databasePath)
        defer { reader.close() }
        var seen = (eventsOnly: false, both: false, journalOnly: false)
        var last: Int64 = 0
        while last < 40 {
            // Rounds of one or two events per session: row ids interleave the sessions.
            let count: Int64 = last % 3 == 0 ? 2 : 1
            for session in sessions {
                _ = try await store.append((last + 1...last + count).map(Self.event), to: session)
            }
            last += count
            if last == 20 {
                let stored = StoredSessionSnapshot(seq: 17, notes: [])
                for session in sessions { try await store.saveSnapshot(stored, for: session) }
            }
            for session in sessions {
                let placed = try Self.placement(reader, session)
                seen.eventsOnly = seen.eventsOnly || placed.eventsOnly > 0
                seen.both = seen.both || placed.both > 0
                seen.journalOnly = seen.journalOnly || placed.journalOnly > 0
                try await Self.expectReadsWhole(store, session, through: last)
            }
        }
        #expect(seen.eventsOnly && seen.both && seen.journalOnly, "reads were checked with events in each place")

        // The files as a `kill -9` would leave them, in the middle of a fold: a store opened on
        // them lists the journal's rows when its writer starts, and reads each event once.
        let crashed = try StoreFixtures.copyOfFiles(configuration)
        defer { crashed.remove() }
        await store.close()
        let (recovered, _) = try await StoreFixtures.opened(crashed, foldRows: 8)
        #expect(recovered.writer.journalDirectory.rows(of: sessions[0]).below != .max, "the writer read the journal back")
        for session in sessions { try await Self.expectReadsWhole(recovered, session, through: last) }
        await recovered.close()
    }

    /// A read transaction that began before a slice was cleared still holds the cleared rows in
    /// the journal, where its snapshot may not have them in `events` yet: the directory no
    /// longer lists them, and the read finds them by the row-id range below its floor.
    @Test func aReadWhoseSnapshotPredatesAClearFindsTheClearedRows() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, configuration, id) = try await Self.session(in: dir, foldRows: 4, events: 12)
        let reader = try SQLiteConnection(path: configuration.databasePath)
        defer { reader.close() }
        let directory = store.writer.journalDirectory
        let journalOnly = { try reader.rows("""
            SELECT j.id FROM event_journal AS j WHERE session = ?1
            AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.session = j.session AND e.seq = j.seq) ORDER BY j.id
            """) { try $0.bind(1, id.rawValue) } map: { $0.int64(0) } }
        try reader.execute("BEGIN")
        let before = try Store.events(reader, session: id, after: 0, limit: nil, journal: directory)
        #expect(before.map(\.seq) == Array(1...12))
        let uncopied = try journalOnly()
        #expect(!uncopied.isEmpty, "the snapshot holds rows only in the journal")

        // Later appends copy those rows into `events` and clear them from the journal.
        var seq: Int64 = 12
        while Set(directory.rows(of: id).ids).intersection(uncopied).count > 0 {
            seq += 1
            _ = try await store.append([Self.event(seq)], to: id)
            #expect(seq < 200, "the rows were cleared")
            if seq >= 200 { break }
        }
        #expect(try #require(uncopied.last) < directory.rows(of: id).below)
        #expect(try journalOnly() == uncopied, "the old snapshot still has them in the journal only")
        let again = try Store.events(reader, session: id, after: 0, limit: nil, journal: directory)
        #expect(again.map(\.seq) == Array(1...12), "the same snapshot reads the same events, none missing")
        #expect(try Store.lastSeq(reader, id, journal: directory) == 12)
        try reader.execute("COMMIT")
        #expect(try await store.events(of: id, after: 0).map(\.seq) == Array(1...seq))
        await store.close()
    }

    /// Once the journal is empty, SQLite would number new rows from 1 again, below the floor,
    /// where reads would find them only by a range over all of them: new rows go on from past
    /// the floor, and the directory lists them.
    @Test func rowsAfterTheJournalEmptiedAreNumberedPastTheFloor() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, configuration, id) = try await Self.session(in: dir, foldRows: 4, events: 4)
        let reader = try SQLiteConnection(path: configuration.databasePath)
        defer { reader.close() }
        // Commits that append nothing go on folding until the journal is empty.
        var writes = 0
        while try reader.integer("SELECT count(*) FROM event_journal") != 0, writes < 50 {
            _ = try await store.addFacilitator(name: "F\(writes)")
            writes += 1
        }
        #expect(try reader.integer("SELECT count(*) FROM event_journal") == 0, "the journal emptied")
        let floor = store.writer.journalDirectory.rows(of: id).below
        #expect(floor > 1)
        for seq in Int64(5)...6 { _ = try await store.append([Self.event(seq)], to: id) }
        let ids = try reader.rows("SELECT id FROM event_journal ORDER BY id") { _ in } map: { $0.int64(0) }
        #expect(ids == [floor, floor + 1])
        #expect(store.writer.journalDirectory.rows(of: id).ids == ids)
        #expect(try await store.events(of: id, after: 0).map(\.seq) == Array(1...6))
        await store.close()
    }

    /// A row another connection put in the journal (a `sqlite3` shell) is not in the directory:
    /// the writer sees the other commit at its next transaction and reads the journal back.
    @Test func aJournalRowAnotherConnectionInsertedIsReadAfterTheWriterReadsTheJournalBack() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, configuration, id) = try await Self.session(in: dir, foldRows: 64, events: 5)
        let shell = try SQLiteConnection(path: configuration.databasePath)
        try shell.run("""
            INSERT INTO event_journal(session, seq, at, name, data, author, op_id) VALUES (?1, 6, 6, 'note.op', '{"n":6}', 'p_a', 'op-6')
            """) { try $0.bind(1, id.rawValue) }
        shell.close()
        // Any transaction of the writer notices the other commit.
        _ = try await store.addFacilitator(name: "After the shell")
        #expect(try await store.events(of: id, after: 0).map(\.seq) == Array(1...6))
        #expect(try await store.lastSeq(of: id) == 6)
        await store.close()
    }

    /// The journal part of each read is primary-key lookups and a row-id range, never a scan of
    /// the whole journal (`EXPLAIN QUERY PLAN`).
    @Test func readsLookTheJournalUpByRowID() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, configuration) = try await StoreFixtures.opened(dir, foldRows: 64)
        await store.close()
        let connection = try SQLiteConnection(path: configuration.databasePath)
        defer { connection.close() }
        for sql in [Store.eventsSQL, "SELECT \(Store.lastSeqSQL)", "SELECT \(Store.lastEventAtSQL)"] {
            let plan = try connection.rows("EXPLAIN QUERY PLAN " + sql) { _ in } map: { $0.text(3) }
            #expect(plan.contains { $0.contains("j USING INTEGER PRIMARY KEY (rowid=?)") }, "\(plan)")
            #expect(plan.contains { $0.contains("j USING INTEGER PRIMARY KEY (rowid<?)") }, "\(plan)")
            #expect(!plan.contains { $0 == "SCAN j" || $0.hasPrefix("SCAN event_journal") }, "\(plan)")
        }
    }
}
