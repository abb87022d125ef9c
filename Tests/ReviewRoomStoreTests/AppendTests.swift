import Foundation
import ReviewRoomCore
import Testing
@testable import ReviewRoomStore

@Suite("Event log and group commit")
struct AppendTests {
    @Test func appendedEventsComeBackByteEqualInOrder() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        // Unusual but valid JSON text: spacing, escapes, non-ASCII, a NUL escape.
        let events = [
            StoreFixtures.event(1, data: #"{ "a" : [1, 2.50, "x\"y"] }"#),
            StoreFixtures.event(2, name: "note.op", data: #"{"note":"evidence","op":["Ünïcødé 📚","\u0000"]}"#, author: "p_1", opId: "o-1"),
            StoreFixtures.event(3, data: "{}"),
        ]
        #expect(try await store.append(Array(events[0...1]), to: id) == 2)
        #expect(try await store.append([events[2]], to: id) == 3)
        #expect(try await store.events(of: id, after: 0) == events)
        #expect(try await store.events(of: id, after: 2) == [events[2]])
        #expect(try await store.events(of: id, after: 0, limit: 1) == [events[0]])
        #expect(try await store.lastSeq(of: id) == 3)
        await store.close()
        let reopened = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        #expect(try await reopened.load(id)?.events == events)
        await reopened.close()
    }

    @Test func theLatestClockChangeIsReadWithoutTheRestOfTheLog() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let (_, other) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        #expect(try await store.lastClockChange(of: id) == nil)
        _ = try await store.append([
            StoreFixtures.event(1, name: "clock.changed", data: #"{"clock":{"status":"live"}}"#),
            StoreFixtures.event(2, name: "note.op", data: #"{"note":"evidence"}"#, author: "p_1", opId: "o-1"),
            StoreFixtures.event(3, name: "clock.changed", data: #"{"clock":{"status":"paused"}}"#),
            StoreFixtures.event(4, name: "floor.changed", data: #"{"floor":{}}"#),
        ], to: id)
        _ = try await store.append([StoreFixtures.event(1, name: "clock.changed", data: #"{"clock":{"status":"ended"}}"#)],
                                   to: other.session.id)
        #expect(try await store.lastClockChange(of: id) == #"{"clock":{"status":"paused"}}"#)
        #expect(try await store.lastClockChange(of: other.session.id) == #"{"clock":{"status":"ended"}}"#)
        await store.close()
        // The query is answered from the partial index, not by scanning the session's log.
        let connection = try SQLiteConnection(path: dir.file(StoreConfiguration.databaseFileName))
        let plan = try connection.rows("""
            EXPLAIN QUERY PLAN SELECT data FROM events WHERE session = 'x' AND name = 'clock.changed' ORDER BY seq DESC LIMIT 1
            """) { $0.text(3) }.joined(separator: " ")
        #expect(plan.contains("events_clock_changes"))
    }

    @Test func gapsAndDuplicateSeqsAreRefusedAndStoreNothing() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        _ = try await store.append([StoreFixtures.event(1)], to: id)
        let gap = await #expect(throws: StoreError.self) { try await store.append([StoreFixtures.event(3)], to: id) }
        #expect(gap?.code == .sequenceGap)
        #expect(gap?.message.contains("next seq must be 2") == true)
        let duplicate = await #expect(throws: StoreError.self) { try await store.append([StoreFixtures.event(1)], to: id) }
        #expect(duplicate?.code == .sequenceGap)
        #expect(duplicate?.message.contains("already stored") == true)
        let inner = await #expect(throws: StoreError.self) {
            try await store.append([StoreFixtures.event(2), StoreFixtures.event(4)], to: id)
        }
        #expect(inner?.code == .sequenceGap)
        let empty = await #expect(throws: StoreError.self) { try await store.append([], to: id) }
        #expect(empty?.code == .invalidInput)
        let orphanOp = await #expect(throws: StoreError.self) { try await store.append([StoreFixtures.event(2, opId: "x")], to: id) }
        #expect(orphanOp?.code == .invalidInput)
        let unknown = await #expect(throws: StoreError.self) { try await store.append([StoreFixtures.event(1)], to: SessionID("s_nope")) }
        #expect(unknown?.code == .unknownSession)
        #expect(try await store.events(of: id, after: 0).map(\.seq) == [1])
        #expect(try await store.append([StoreFixtures.event(2)], to: id) == 2)
        await store.close()
    }

    @Test func aResubmittedOperationIsNeverStoredTwice() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        _ = try await store.append([StoreFixtures.event(1, author: "p_a", opId: "op-7")], to: id)
        let error = await #expect(throws: StoreError.self) {
            try await store.append([StoreFixtures.event(2, author: "p_a", opId: "op-7")], to: id)
        }
        #expect(error?.code == .duplicateOperation)
        #expect(error?.message.contains("op-7") == true)
        // Within a multi-event append, the whole append is refused, not half of it.
        let batch = await #expect(throws: StoreError.self) {
            try await store.append([StoreFixtures.event(2, author: "p_a", opId: "op-8"), StoreFixtures.event(3, author: "p_a", opId: "op-7")], to: id)
        }
        #expect(batch?.code == .duplicateOperation)
        #expect(try await store.events(of: id, after: 0).map(\.seq) == [1])
        // The same opId from another author, or in another session, is a different operation.
        #expect(try await store.append([StoreFixtures.event(2, author: "p_b", opId: "op-7")], to: id) == 2)
        let other = try await store.createSession(owner: created.session.owner, definition: StoreFixtures.definition("Other"), participants: [])
        #expect(try await store.append([StoreFixtures.event(1, author: "p_a", opId: "op-7")], to: other.session.id) == 1)
        await store.close()
    }

    /// Text is bound by its byte count: a NUL inside an opId (JSON allows `\u0000`) must not
    /// cut it short, or two opIds that differ only after it would collide in the unique index
    /// and the append would fail (which stops a live session).
    @Test func textWithANulInsideIsStoredWhole() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        let events = [
            StoreFixtures.event(1, name: "note.op", author: "p_a", opId: "x\u{0}a"),
            StoreFixtures.event(2, name: "note.op", author: "p_a", opId: "x\u{0}b"),
            StoreFixtures.event(3, name: "note.op", author: "p_a\u{0}z", opId: ""),
        ]
        #expect(try await store.append([events[0]], to: id) == 1)
        #expect(try await store.append([events[1]], to: id) == 2)
        #expect(try await store.append([events[2]], to: id) == 3)
        #expect(try await store.events(of: id, after: 0) == events)
        try await store.saveSnapshot(StoredSessionSnapshot(seq: 3, notes: []), for: id)
        #expect(Set(try #require(try await store.load(id)).operationsBeforeSnapshot) == [
            OperationKey(author: "p_a", opId: "x\u{0}a"), OperationKey(author: "p_a", opId: "x\u{0}b"),
            OperationKey(author: "p_a\u{0}z", opId: ""),
        ])
        await store.close()
    }

    @Test func concurrentAppendsFromManySessionsStayGaplessAndInOrder() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let facilitator = try await store.addFacilitator(name: "Fran")
        var ids: [SessionID] = []
        for index in 0..<20 {
            ids.append(try await store.createSession(owner: facilitator.facilitator.id, definition: StoreFixtures.definition("S\(index)"), participants: []).session.id)
        }
        let perSession: Int64 = 150
        let acks = try await withThrowingTaskGroup(of: (SessionID, [Int64]).self) { group in
            for id in ids {
                group.addTask {
                    // Pipelined: every append is queued before any is awaited; acks must come back in order.
                    let recorder = AckRecorder()
                    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                        for seq in 1...perSession {
                            store.append([StoreFixtures.event(seq, data: #"{"s":"\#(id)","n":\#(seq)}"#)], to: id) { result in
                                if recorder.record(result) == Int(perSession) { done.resume() }
                            }
                        }
                    }
                    return (id, recorder.values)
                }
            }
            var all: [SessionID: [Int64]] = [:]
            for try await (id, values) in group { all[id] = values }
            return all
        }
        for id in ids {
            #expect(acks[id] == Array(1...perSession))
            let stored = try await store.events(of: id, after: 0)
            #expect(stored.map(\.seq) == Array(1...perSession))
            #expect(stored.allSatisfy { $0.data.contains("\"s\":\"\(id)\"") })
        }
        await store.close()
    }

    @Test func loadReturnsTheLatestSnapshotAndOnlyLaterEvents() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        for seq in Int64(1)...10 {
            let op: (String, String)? = [2: ("p_a", "o2"), 6: ("p_b", "o6"), 9: ("p_a", "o9")][seq]
            _ = try await store.append([StoreFixtures.event(seq, author: op?.0, opId: op?.1)], to: id)
        }
        let older = StoredSessionSnapshot(seq: 4, notes: [StoredNoteSnapshot(note: "evidence", rev: 2, text: "old")], stateJSON: #"{"v":4}"#)
        try await store.saveSnapshot(older, for: id)
        let newer = StoredSessionSnapshot(seq: 7, notes: [StoredNoteSnapshot(note: "evidence", rev: 5, text: "Books at home"),
                                                    StoredNoteSnapshot(note: "questions", rev: 1, text: "Why?")], stateJSON: #"{"v":7}"#)
        try await store.saveSnapshot(newer, for: id)
        let loaded = try #require(try await store.load(id))
        #expect(loaded.snapshot == newer)
        #expect(loaded.events.map(\.seq) == [8, 9, 10])
        #expect(loaded.lastSeq == 10)
        // Every (author, opId) up to the snapshot's seq, none after it.
        #expect(loaded.operationsBeforeSnapshot == [OperationKey(author: "p_a", opId: "o2"), OperationKey(author: "p_b", opId: "o6")])
        #expect(loaded.session == created.session)
        #expect(loaded.participants == created.invites.map(\.participant))
        let beyond = await #expect(throws: StoreError.self) { try await store.saveSnapshot(StoredSessionSnapshot(seq: 11, notes: []), for: id) }
        #expect(beyond?.code == .invalidInput)
        let stale = await #expect(throws: StoreError.self) { try await store.saveSnapshot(StoredSessionSnapshot(seq: 5, notes: []), for: id) }
        #expect(stale?.code == .invalidInput)
        #expect(try await store.load(id)?.snapshot == newer)
        // One at the same seq replaces the saved one (a daemon that could not restore it).
        let rewritten = StoredSessionSnapshot(seq: 7, notes: [StoredNoteSnapshot(note: "evidence", rev: 5, text: "Books")], stateJSON: #"{"v":"7b"}"#)
        try await store.saveSnapshot(rewritten, for: id)
        #expect(try await store.load(id)?.snapshot == rewritten)
        try await store.saveSnapshot(newer, for: id)
        #expect(try await store.load(SessionID("s_missing")) == nil)
        await store.close()
    }

    @Test func appendsAfterCloseFailWithClosed() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        try await store.probe()
        await store.close()
        await store.close()
        let probe = await #expect(throws: StoreError.self) { try await store.probe() }
        #expect(probe?.code == .closed)
        let error = await #expect(throws: StoreError.self) { try await store.append([StoreFixtures.event(1)], to: created.session.id) }
        #expect(error?.code == .closed)
        let read = await #expect(throws: StoreError.self) { try await store.events(of: created.session.id, after: 0) }
        #expect(read?.code == .closed)
    }
}
