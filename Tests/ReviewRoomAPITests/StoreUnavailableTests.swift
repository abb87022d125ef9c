import Foundation
import ReviewRoomCore
@testable import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// A store that cannot take writes (here a real `SQLITE_FULL`) is a 503 with `Retry-After` to
/// API clients, and its answer names no server path.
@Suite("API: a store that cannot take writes")
struct StoreUnavailableTests {
    @Test func aFullDiskIsA503WithoutServerPaths() async throws {
        let root = try TemporaryDirectory.make(prefix: "api-full")
        defer { try? FileManager.default.removeItem(at: root) }
        // The database may not grow past 60 pages: appends soon fail with SQLITE_FULL.
        let (store, session) = try await StoreFilling.openSmallStore(in: root)
        let (refusal, _) = try await StoreFilling.appendUntilRefused(store, session: session)
        await store.close()
        let full = try #require(refusal)
        #expect(full.code == .diskFull)
        #expect(full.message.contains(root.path), "the store's own message names the file, for the log")

        let answer = APIError(any: full)
        #expect(answer.status == 503)
        #expect(answer.headers["Retry-After"] == "\(APIError.storeRetryAfterSeconds)")
        #expect(answer.detail.contains("diskFull") && answer.detail.contains("nothing was changed"), "\(answer.detail)")
        #expect(!answer.detail.contains(root.path), "the answer must not name server paths: \(answer.detail)")

        let other = APIError(any: StoreError(.corrupt, "\(root.path)/reviewroom.sqlite3 is corrupt"))
        #expect(other.status == 500, "a corrupt file is not a passing condition")
        #expect(!other.detail.contains(root.path), "\(other.detail)")
        // An I/O error (a file system remounted read-only reads so when errno says nothing) and a
        // database moved underneath are passing for an API client: 503, and no path.
        for failure in [StoreError(.sqlite, "I/O error on \(root.path)/reviewroom.sqlite3", sqliteCode: 778),
                        StoreError(.databaseMoved, "the database file \(root.path)/reviewroom.sqlite3 was deleted")] {
            let answer = APIError(any: failure)
            #expect(answer.status == 503, "\(failure)")
            #expect(!answer.detail.contains(root.path) && answer.detail.contains(failure.code.rawValue), "\(answer.detail)")
        }
    }
}
