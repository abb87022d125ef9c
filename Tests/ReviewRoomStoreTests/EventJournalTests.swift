import Foundation
import ReviewRoomCore
import ReviewRoomTesting
import Testing
@testable import ReviewRoomStore

/// Appends land in `event_journal` and the writer folds them into `events` (schemas v7 and v8):
/// copied a slice at a time, each slice cleared once copied; every read goes through both
/// tables, so where an event lies never shows.
@Suite("Event journal")
struct EventJournalTests {
    private static func count(_ connection: SQLiteConnection, _ table: String, session: SessionID) throws -> Int64 {
        try connection.integer("SELECT count(*) FROM \(table) WHERE session = ?1") { try $0.bind(1, session.rawValue) } ?? 0
    }

    private static func edit(_ seq: Int64, by author: String = "p_a") -> EventRecord {
        StoreFixtures.event(seq, name: "note.op", data: #"{"n":\#(seq)}"#, author: author, opId: "op-\(seq)")
    }

    @Test func foldsKeepEverySessionsLogWholeAndInOrder() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, configuration) = try await StoreFixtures.opened(dir, foldRows: 8)
        let sessions = try await StoreFixtures.sessions(5, in: store)
        // Interleaved, some appends of two events, all queued at once so batches mix sessions.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for session in sessions {
                group.addTask {
                    var seq: Int64 = 0
                    while seq < 40 {
                        let events = seq % 3 == 0 && seq < 39 ? [Self.edit(seq + 1), Self.edit(seq + 2)] : [Self.edit(seq + 1)]
                        seq = try await store.append(events, to: session)
                    }
                }
            }
            try await group.waitForAll()
        }
        let reader = try SQLiteConnection(path: configuration.databasePath)
        for session in sessions {
            let events = try await store.events(of: session, after: 0)
            #expect(events.map(\.seq) == Array(1...40))
            #expect(events.map(\.data) == (1...40).map { #"{"n":\#($0)}"# })
            #expect(events.map(\.opId) == (1...40).map { "op-\($0)" })
            #expect(try await store.events(of: session, after: 17, limit: 5).map(\.seq) == [18, 19, 20, 21, 22])
            #expect(try await store.lastSeq(of: session) == 40)
            // Each session's rows not yet copied into `events` all come after its `events` rows.
            let copied = try reader.integer("SELECT max(seq) FROM events WHERE session = ?1") { try $0.bind(1, session.rawValue) } ?? 0
            let uncopied = try reader.integer("""
                SELECT min(seq) FROM event_journal AS j
                WHERE session = ?1 AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.session = j.session AND e.seq = j.seq)
                """) { try $0.bind(1, session.rawValue) } ?? 41
            #expect(copied < uncopied)
        }
        let inEvents = try reader.integer("SELECT count(*) FROM events") ?? 0
        let inJournal = try reader.integer("SELECT count(*) FROM event_journal") ?? 0
        #expect(inEvents > 0, "200 appends past a fold threshold of 8 were folded")
        // At most 10 rows a commit (five appenders, at most two events each), one row copied a
        // commit (an eighth of the threshold): the first slice, at most 17 rows, was copied in
        // full and cleared before the last of at least 19 more commits.
        #expect(inJournal < 200, "the first slice was cleared from the journal")
        #expect(try reader.integer("SELECT count(*) FROM event_log") == 200)
        #expect(try reader.integer("SELECT count(*) FROM event_journal JOIN events USING (session, seq, at, name, data, author, op_id)")
            == inEvents + inJournal - 200, "a row in both tables is the same event")
        reader.close()
        await store.close()
        // A store that closes folds the whole journal: the file at rest has every event in `events`.
        let closed = try SQLiteConnection(path: configuration.databasePath)
        #expect(try closed.integer("SELECT count(*) FROM event_journal") == 0)
        #expect(try closed.integer("SELECT count(*) FROM events") == 200)
    }

    @Test func aDuplicateIsRefusedWhereverTheFirstCopyLiesAndAfterACrash() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, configuration) = try await StoreFixtures.opened(dir, foldRows: 4)
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        for seq in Int64(1)...12 { _ = try await store.append([Self.edit(seq)], to: id) }
        // A threshold of 4: each commit copies one row, or clears one once its slice is copied.
        // Appends 4–7 copy rows 1–4, 7–10 clear them, and 11–12 copy rows 5–6 of the next slice.
        let reader = try SQLiteConnection(path: configuration.databasePath)
        let lies = { (from: String) in
            try reader.rows("SELECT op_id FROM \(from) ORDER BY seq") { _ in } map: { $0.text(0) }
        }
        let inEventsOnly = try lies("events AS e WHERE NOT EXISTS (SELECT 1 FROM event_journal AS j WHERE j.session = e.session AND j.seq = e.seq)")
        let inBoth = try lies("events JOIN event_journal USING (session, seq, op_id)")
        let inJournalOnly = try lies("event_journal AS j WHERE NOT EXISTS (SELECT 1 FROM events AS e WHERE e.session = j.session AND e.seq = j.seq)")
        #expect(inEventsOnly == (1...4).map { "op-\($0)" })
        #expect(inBoth == (5...6).map { "op-\($0)" })
        #expect(inJournalOnly == (7...12).map { "op-\($0)" })
        #expect(try await store.events(of: id, after: 0).map(\.opId) == (1...12).map { "op-\($0)" }, "a row in both tables is read once")
        let inJournal = try #require(inJournalOnly.last)
        for opId in [try #require(inEventsOnly.first), try #require(inBoth.first), inJournal] {
            let error = await #expect(throws: StoreError.self) {
                try await store.append([StoreFixtures.event(13, name: "note.op", author: "p_a", opId: opId)], to: id)
            }
            #expect(error?.code == .duplicateOperation)
        }
        // Twice in one append is a duplicate too, and refuses the whole append.
        let twice = await #expect(throws: StoreError.self) {
            try await store.append([StoreFixtures.event(13, author: "p_a", opId: "op-new"), StoreFixtures.event(14, author: "p_a", opId: "op-new")], to: id)
        }
        #expect(twice?.code == .duplicateOperation)
        #expect(try await store.lastSeq(of: id) == 12)

        // The files as a crash would leave them (the store still open, a slice half copied): a
        // store opened on them knows the journal's operations and what is copied from the tables.
        let journaled = try Self.count(reader, "event_journal", session: id)
        reader.close()
        let crashed = try StoreFixtures.copyOfFiles(configuration)
        defer { crashed.remove() }
        await store.close()
        let (recovered, recoveredConfiguration) = try await StoreFixtures.opened(crashed, foldRows: 4)
        let left = try SQLiteConnection(path: recoveredConfiguration.databasePath)
        #expect(try Self.count(left, "event_journal", session: id) == journaled, "the copy kept the journal as it was")
        left.close()
        let again = await #expect(throws: StoreError.self) {
            try await recovered.append([StoreFixtures.event(13, name: "note.op", author: "p_a", opId: inJournal)], to: id)
        }
        #expect(again?.code == .duplicateOperation)
        #expect(try await recovered.append([Self.edit(13)], to: id) == 13)
        #expect(try await recovered.events(of: id, after: 0).map(\.seq) == Array(1...13))
        for seq in Int64(14)...20 { _ = try await recovered.append([Self.edit(seq)], to: id) }
        await recovered.close()
        let closed = try SQLiteConnection(path: recoveredConfiguration.databasePath)
        #expect(try Self.count(closed, "event_journal", session: id) == 0)
        #expect(try closed.rows("SELECT seq FROM events WHERE session = ?1 ORDER BY seq") { try $0.bind(1, id.rawValue) } map: { $0.int64(0) }
            == Array(1...20), "the half-copied slice was finished, not copied twice")
        closed.close()
    }

    /// A slice is cleared a chunk at a time once it is all copied — an eighth of the threshold
    /// a commit — so no single commit deletes a whole slice's rows.
    @Test func aCopiedSliceIsClearedAFewChunksAtATime() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // A threshold of 64: each one-event commit copies 2 rows (twice what it appended) or,
        // once the slice is copied, clears 8 (an eighth of the threshold).
        let (store, configuration) = try await StoreFixtures.opened(dir, foldRows: 64)
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        let reader = try SQLiteConnection(path: configuration.databasePath)
        let journal = { try reader.rows("SELECT seq FROM event_journal ORDER BY id") { _ in } map: { $0.int64(0) } }
        let copied = { try reader.integer("SELECT count(*) FROM events") ?? 0 }
        // Append 64 makes the slice (rows 1–64) due; appends 64…95 copy it, two rows each.
        for seq in Int64(1)...94 { _ = try await store.append([Self.edit(seq)], to: id) }
        #expect(try journal() == Array(1...94), "nothing is cleared while the slice is being copied")
        #expect(try copied() == 62)
        _ = try await store.append([Self.edit(95)], to: id)
        #expect(try copied() == 64)
        #expect(try journal() == Array(9...95), "the commit that copied the last row cleared the first chunk")
        _ = try await store.append([Self.edit(96)], to: id)
        #expect(try journal() == Array(17...96))
        for seq in Int64(97)...102 { _ = try await store.append([Self.edit(seq)], to: id) }
        #expect(try journal() == Array(65...102), "the slice is cleared, and only it")
        #expect(try copied() == 64)
        reader.close()
        #expect(try await store.events(of: id, after: 0).map(\.seq) == Array(1...102))
        await store.close()
    }

    /// Facilitators erase old sessions while others run: an erasure must not stall the folding.
    /// It used to make the writer forget the journal; read back, a slice then started only once
    /// a whole threshold of rows was uncopied again, so rows already copied into `events` were
    /// never cleared and the journal grew for good (68,000 rows, 60,000 of them copied, after a
    /// soak of 3,400 sessions, half of them erased).
    @Test func erasingSessionsWhileOthersAppendKeepsTheJournalCleared() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, configuration) = try await StoreFixtures.opened(dir, foldRows: 64)
        let (facilitator, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        for seq in Int64(1)...600 {
            _ = try await store.append([Self.edit(seq)], to: id)
            if seq % 10 == 0 {
                let erased = try await store.createSession(owner: facilitator.facilitator.id, definition: StoreFixtures.definition("Erased"), participants: [])
                _ = try await store.append([Self.edit(1)], to: erased.session.id)
                try await store.deleteSession(erased.session.id)
            }
        }
        let reader = try SQLiteConnection(path: configuration.databasePath)
        let journaled = try Self.count(reader, "event_journal", session: id)
        reader.close()
        // A slice starts at 64 uncopied rows, is copied two rows a commit while 32 more arrive,
        // and is cleared eight rows a commit: the journal never holds much over 100 rows.
        #expect(journaled <= 3 * 64, "the journal holds \(journaled) of 600 rows")
        #expect(try await store.events(of: id, after: 0).map(\.seq) == Array(1...600))
        await store.close()
    }

    /// The session erased while a slice is being copied held the journal's newest row, the
    /// slice's last: a row appended afterwards must not take its id, inside the slice's range,
    /// or clearing the slice would find one row more than it copied (the fold then fails, is
    /// logged and starts again).
    @Test func aRowAppendedAfterAnErasureNeverFallsInsideTheSliceBeingCopied() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let configuration = StoreConfiguration(dataDirectory: dir.path, journalFoldRows: 8)
        let (store, log) = try await StoreFixtures.opened(configuration)
        let (facilitator, created) = try await StoreFixtures.session(in: store)
        let kept = created.session.id
        let erased = try await store.createSession(owner: facilitator.facilitator.id, definition: StoreFixtures.definition("Erased"), participants: [])
        // Seven rows of the kept session, then the erased session's row makes eight: the slice
        // (rows 1–8) starts in that commit, which copies one row of the kept session.
        for seq in Int64(1)...7 { _ = try await store.append([Self.edit(seq)], to: kept) }
        _ = try await store.append([Self.edit(1)], to: erased.session.id)
        try await store.deleteSession(erased.session.id)
        for seq in Int64(8)...40 { _ = try await store.append([Self.edit(seq)], to: kept) }
        #expect(!log.entries.contains { $0.contains("folding the event journal") }, "\(log.entries)")
        #expect(try await store.events(of: kept, after: 0).map(\.seq) == Array(1...40))
        let reader = try SQLiteConnection(path: configuration.databasePath)
        #expect(try Self.count(reader, "events", session: kept) > 0)
        reader.close()
        await store.close()
    }

    /// A store opened after a crash finds rows copied into `events` but not yet cleared from the
    /// journal: it clears them soon, not only once a whole threshold of new rows is due.
    @Test func rowsCopiedBeforeACrashAreClearedSoonAfterRestart() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, configuration) = try await StoreFixtures.opened(dir, foldRows: 64)
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        // As in `aCopiedSliceIsClearedAFewChunksAtATime`: after append 94, rows 1–62 are copied
        // and none is cleared.
        for seq in Int64(1)...94 { _ = try await store.append([Self.edit(seq)], to: id) }
        let crashed = try StoreFixtures.copyOfFiles(configuration)
        defer { crashed.remove() }
        await store.close()
        let (recovered, recoveredConfiguration) = try await StoreFixtures.opened(crashed, foldRows: 64)
        // 32 rows left to copy, two a commit (16 commits), then 94 rows to clear, eight a
        // commit (12 commits); before, nothing was copied or cleared until 64 rows were uncopied.
        for seq in Int64(95)...124 { _ = try await recovered.append([Self.edit(seq)], to: id) }
        let reader = try SQLiteConnection(path: recoveredConfiguration.databasePath)
        let journal = try reader.rows("SELECT seq FROM event_journal ORDER BY id") { _ in } map: { $0.int64(0) }
        reader.close()
        #expect(journal == Array(95...124), "rows 1–94 were copied and cleared")
        #expect(try await recovered.events(of: id, after: 0).map(\.seq) == Array(1...124))
        await recovered.close()
    }

    @Test func theLatestClockChangeOperationKeysAndAnErasureSeeBothTables() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, configuration) = try await StoreFixtures.opened(dir, foldRows: 4)
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        _ = try await store.append([StoreFixtures.event(1, name: "clock.changed", data: #"{"c":1}"#)], to: id)
        for seq in Int64(2)...9 { _ = try await store.append([Self.edit(seq)], to: id) }
        #expect(try await store.lastClockChange(of: id) == #"{"c":1}"#, "the first change was folded into events")
        _ = try await store.append([StoreFixtures.event(10, name: "clock.changed", data: #"{"c":10}"#)], to: id)
        #expect(try await store.lastClockChange(of: id) == #"{"c":10}"#, "the latest change is still in the journal")
        let keys = try await store.read { try Store.operationKeys($0, session: id, through: 9, journal: store.writer.journalDirectory) }
        #expect(Set(keys.map(\.opId)) == Set((2...9).map { "op-\($0)" }))

        let kept = try await store.createSession(owner: created.session.owner, definition: StoreFixtures.definition("Kept"), participants: [])
        for seq in Int64(1)...3 { _ = try await store.append([Self.edit(seq)], to: kept.session.id) }
        // A job that leaves the journal alone, then one that erases a session's journal rows:
        // the writer's knowledge of the journal stays right across both.
        try await store.recordUnchanged(UnchangedOperation(author: "p_a", opId: "n1", note: "evidence", rev: 3), in: kept.session.id)
        #expect(try await store.append([Self.edit(4)], to: kept.session.id) == 4)
        try await store.deleteSession(id)
        let reader = try SQLiteConnection(path: configuration.databasePath)
        #expect(try Self.count(reader, "event_journal", session: id) == 0)
        #expect(try Self.count(reader, "events", session: id) == 0)
        reader.close()
        let duplicate = await #expect(throws: StoreError.self) { try await store.append([StoreFixtures.event(5, author: "p_a", opId: "op-4")], to: kept.session.id) }
        #expect(duplicate?.code == .duplicateOperation)
        #expect(try await store.append([Self.edit(5)], to: kept.session.id) == 5)
        #expect(try await store.events(of: kept.session.id, after: 0).map(\.seq) == [1, 2, 3, 4, 5])
        await store.close()
    }

    /// A CLI command opens its own store beside the daemon's: it never folds the daemon's
    /// journal, and when another writer did change the log, the daemon's writer notices
    /// (`PRAGMA data_version`) and reads its knowledge back instead of trusting it.
    @Test func anotherStoreOnTheSameFileNeitherFoldsTheJournalNorLeavesTheWriterStale() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let configuration = StoreConfiguration(dataDirectory: dir.path, journalFoldRows: 8)
        let (store, log) = try await StoreFixtures.opened(configuration)
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        for seq in Int64(1)...20 { _ = try await store.append([Self.edit(seq)], to: id) }
        let reader = try SQLiteConnection(path: configuration.databasePath)
        let journaled = try Self.count(reader, "event_journal", session: id)
        #expect(journaled > 0)

        let command = try await Store.open(StoreConfiguration(dataDirectory: dir.path, openMode: .existingOnly))
        _ = try await command.addFacilitator(name: "Added by a command")
        await command.close()
        #expect(try Self.count(reader, "event_journal", session: id) == journaled, "a store that appended nothing folds nothing")

        let other = try await Store.open(StoreConfiguration(dataDirectory: dir.path, openMode: .existingOnly))
        for seq in Int64(21)...25 { _ = try await other.append([Self.edit(seq)], to: id) }
        await other.close()
        #expect(try Self.count(reader, "event_journal", session: id) == 0, "the other writer folded what it could see")
        reader.close()

        // The daemon's writer goes on from what is stored now, not from what it knew.
        #expect(try await store.append([Self.edit(26)], to: id) == 26)
        let duplicate = await #expect(throws: StoreError.self) { try await store.append([StoreFixtures.event(27, author: "p_a", opId: "op-23")], to: id) }
        #expect(duplicate?.code == .duplicateOperation)
        for seq in Int64(27)...60 { _ = try await store.append([Self.edit(seq)], to: id) }
        #expect(try await store.events(of: id, after: 0).map(\.seq) == Array(1...60))
        await store.close()
        #expect(!log.entries.contains { $0.contains("folding the event journal") }, "\(log.entries)")
    }

    @Test func theFullestSessionsAreFoldedFirstAndTheLastOneInPart() {
        let a = SessionID("s_a"), b = SessionID("s_b"), c = SessionID("s_c")
        let rows = [(a, 3), (b, 10), (c, 6)]
        let picked = EventJournal.rowsToFold(rows, wanted: 12)
        #expect(picked.map(\.session) == [b, c])
        #expect(picked.map(\.rows) == [10, 2])
        #expect(EventJournal.rowsToFold(rows, wanted: 4).map(\.rows) == [4])
        #expect(EventJournal.rowsToFold(rows, wanted: .max).map(\.rows) == [10, 6, 3])
        #expect(EventJournal.rowsToFold([], wanted: 5).isEmpty)
        // Counts past the histogram's last bucket are still taken largest first.
        let big = (0..<300).map { (SessionID("s_\($0)"), $0 * 3) }
        let top = EventJournal.rowsToFold(big, wanted: 2_000)
        #expect(top.map(\.rows) == [897, 894, 209])
        #expect(top.map(\.session) == [SessionID("s_299"), SessionID("s_298"), SessionID("s_297")])
        let many = (0..<1_000).map { (SessionID("s_\($0)"), 1 + $0 % 8) }
        let slice = EventJournal.rowsToFold(many, wanted: 20)
        #expect(slice.map(\.rows) == [8, 8, 4])
        #expect(EventJournal.rowsToFold(many, wanted: .max).reduce(0) { $0 + $1.rows } == many.reduce(0) { $0 + $1.1 })
    }

    @Test func aCommitFoldsTwiceWhatItAppendedUpToAnEighthOfTheThreshold() {
        let journal = EventJournal(foldRows: 800)
        #expect(journal.rowsToFold(afterAppending: 0) == 1)
        #expect(journal.rowsToFold(afterAppending: 7) == 14)
        #expect(journal.rowsToFold(afterAppending: 5_000) == 100)
    }

    @Test func commitsCopyWhatTheyOweOnceAThirtySecondOfTheThresholdIsOwed() {
        var journal = EventJournal(foldRows: 800)
        #expect(journal.foldChunk == 25)
        #expect(journal.rowsToFoldNow(afterAppending: 7) == 0, "14 rows owed")
        #expect(journal.rowsToFoldNow(afterAppending: 0) == 0, "15 rows owed")
        #expect(journal.rowsToFoldNow(afterAppending: 5) == 25, "25 rows owed: all copied now")
        #expect(journal.rowsToFoldNow(afterAppending: 7) == 0, "the debt starts again from nothing")
        #expect(journal.rowsToFoldNow(afterAppending: 5_000) == 114, "a large commit owes at most an eighth of the threshold")
        var tiny = EventJournal(foldRows: 4)
        #expect(tiny.foldChunk == 1)
        #expect(tiny.rowsToFoldNow(afterAppending: 3) == 1, "a small threshold copies in every commit")
    }

    @Test func aFailingFoldIsLoggedOnceRetriedASecondApartAndItsRecoveryNoticed() {
        let log = AwaitableLog<String>(name: "fold log")
        var folds = JournalFoldLog(logger: CapturingLogHandler.logger(log))
        struct DiskFull: Error {}
        #expect(folds.mayTry(now: 0))
        folds.record(.failure(DiskFull()), now: 1_000)
        folds.record(.failure(DiskFull()), now: 2_000)
        #expect(!folds.mayTry(now: 2_000 + 999_999_999))
        #expect(folds.mayTry(now: 2_000 + 1_000_000_000))
        folds.record(.success(()), now: 1_000_002_000)
        #expect(folds.mayTry(now: 1_000_002_001))
        let warnings = log.entries.filter { $0.hasPrefix("warning") }
        #expect(warnings.count == 1, "\(log.entries)")
        #expect(warnings.first?.contains("DiskFull") == true)
        #expect(log.entries.filter { $0.hasPrefix("notice") && $0.contains("succeed again") && $0.contains("failedAttempts=2") }.count == 1, "\(log.entries)")
    }

    /// v7 → v8: a journal row of a v7 store (moved, never copied, by v7's folds) reads as before
    /// through the new view, guards its operation, and is copied into `events` when the store closes.
    @Test func aVersion7StoresJournalIsReadGuardedAndFolded() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        try StoreFixtures.olderStore(at: path, version: 7, eventSQL: """
            INSERT INTO events(session, seq, at, name, data, author, op_id) VALUES ('s_1', 1, 0, 'note.op', '{}', 'p_a', 'o1');
            INSERT INTO event_journal(session, seq, at, name, data, author, op_id) VALUES ('s_1', 2, 0, 'note.op', '{}', 'p_a', 'o2')
            """, laterTable: nil)
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let id = SessionID("s_1")
        #expect(try await store.events(of: id, after: 0).map(\.opId) == ["o1", "o2"])
        let duplicate = await #expect(throws: StoreError.self) {
            try await store.append([StoreFixtures.event(3, author: "p_a", opId: "o2")], to: id)
        }
        #expect(duplicate?.code == .duplicateOperation)
        #expect(try await store.append([StoreFixtures.event(3, author: "p_a", opId: "o3")], to: id) == 3)
        await store.close()
        let closed = try SQLiteConnection(path: path)
        #expect(try closed.rows("SELECT op_id FROM events ORDER BY seq") { _ in } map: { $0.text(0) } == ["o1", "o2", "o3"])
        #expect(try closed.integer("SELECT count(*) FROM event_journal") == 0)
        closed.close()
    }

    /// v6 → v7: a store with events in the old table opens, reads and guards them as before.
    @Test func aVersion6StoreKeepsItsLogAndGuardsItsOperations() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        try StoreFixtures.olderStore(at: path, version: 6,
                                     eventSQL: "INSERT INTO events(session, seq, at, name, data, author, op_id) VALUES ('s_1', 1, 0, 'note.op', '{}', 'p_a', 'o1')",
                                     laterTable: "event_journal")
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let id = SessionID("s_1")
        #expect(try await store.load(id)?.events.map(\.opId) == ["o1"])
        let duplicate = await #expect(throws: StoreError.self) {
            try await store.append([StoreFixtures.event(2, author: "p_a", opId: "o1")], to: id)
        }
        #expect(duplicate?.code == .duplicateOperation)
        #expect(try await store.append([StoreFixtures.event(2, author: "p_a", opId: "o2")], to: id) == 2)
        #expect(try await store.events(of: id, after: 0).map(\.opId) == ["o1", "o2"])
        await store.close()
    }
}
