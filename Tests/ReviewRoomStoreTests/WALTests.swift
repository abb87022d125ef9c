import Foundation
import Testing
@testable import ReviewRoomStore

@Suite("WAL size")
struct WALTests {
    /// With a small checkpoint threshold and size limit, writing far more than the limit keeps the
    /// WAL file bounded: passive checkpoints after commits let the WAL restart, and
    /// `journal_size_limit` truncates it.
    @Test func theWALStaysBoundedUnderSustainedAppends() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let configuration = StoreConfiguration(dataDirectory: dir.path, walSizeLimitBytes: 256 << 10, walAutocheckpointPages: 64)
        let store = try await Store.open(configuration)
        let (_, created) = try await StoreFixtures.session(in: store)
        let payload = String(repeating: "w", count: 2_000)
        var largestWAL = 0
        for seq in Int64(1)...4_000 {
            _ = try await store.append([StoreFixtures.event(seq, data: #"{"t":"\#(payload)"}"#)], to: created.session.id)
            let size = (try? FileManager.default.attributesOfItem(atPath: configuration.databasePath + "-wal")[.size] as? Int) ?? 0
            largestWAL = max(largestWAL, size)
        }
        let database = (try FileManager.default.attributesOfItem(atPath: configuration.databasePath)[.size] as? Int) ?? 0
        // Over 8 MB were written; the WAL never held more than the writer's backpressure limit
        // (8 × 64 pages of 4 KiB) plus a batch.
        #expect(database > 7_000_000)
        #expect(largestWAL < 3_000_000, "the WAL grew to \(largestWAL) bytes")
        #expect(try await store.lastSeq(of: created.session.id) == 4_000)
        await store.close()
    }
}
