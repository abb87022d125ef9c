import Foundation
import ReviewRoomCore
import ReviewRoomStore

/// Fills a store until an append is refused: how tests get a real `SQLITE_FULL` (a store opened
/// with `maxPageCount`) or `ENOSPC` (a tiny tmpfs), without a mock.
public enum StoreFilling {
    /// Opens a store in `directory` that may not grow past `maxPageCount` pages (nil: only the
    /// disk limits it) and creates one session in it (owned by a facilitator "Fran"), ready for
    /// ``appendUntilRefused(_:session:limit:)``; `commitRetryMilliseconds` as in `StoreConfiguration`.
    public static func openSmallStore(in directory: URL, maxPageCount: Int64? = 60, commitRetryMilliseconds: Int? = 5_000) async throws
        -> (store: Store, session: SessionID) {
        let store = try await Store.open(StoreConfiguration(dataDirectory: directory.path, maxPageCount: maxPageCount,
                                                            commitRetryMilliseconds: commitRetryMilliseconds))
        let owner = try await store.addFacilitator(name: "Fran").facilitator.id
        let definition = SessionDefinition(
            title: "Reading", hostSchool: "Northfield", focus: "stamina",
            startsAt: Timestamp(millisecondsSince1970: 1_796_117_400_000), timeZone: "Europe/London",
            agendaJSON: #"[{"title":"Welcome","durationSec":300}]"#, promptsJSON: "[]", notesJSON: "[]")
        let created = try await store.createSession(owner: owner, definition: definition, participants: [])
        return (store, created.session.id)
    }

    /// Appends 8 KB `note.op` events to `session` until one is refused or `limit` are stored;
    /// returns the refusal (nil if none came) and the last durable seq.
    public static func appendUntilRefused(_ store: Store, session: SessionID, limit: Int64 = 10_000) async throws
        -> (refusal: StoreError?, seq: Int64) {
        let data = #"{"t":""# + String(repeating: "x", count: 8_000) + #""}"#
        var seq: Int64 = 0
        while seq < limit {
            let event = EventRecord(seq: seq + 1, at: Timestamp(millisecondsSince1970: 1_796_117_400_000), name: "note.op", data: data)
            do {
                seq = try await store.append([event], to: session)
            } catch let error as StoreError {
                return (error, seq)
            }
        }
        return (nil, seq)
    }
}
