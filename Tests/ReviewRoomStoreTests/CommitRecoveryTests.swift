import Foundation
import ReviewRoomCore
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// An idle store notices on its own that its disk has room again: while commits fail, the
/// writer commits a tiny probe that must make the database grow, and a success clears
/// `commitFailure` (so `/readyz` turns 200 without waiting for a write an idle daemon never gets).
@Suite("Commit recovery")
struct CommitRecoveryTests {
    /// A store on a real, tiny tmpfs (ENOSPC from the kernel) filled until an append is refused,
    /// with a ballast file that the test deletes to free the disk, as an operator would.
    struct FullDisk {
        let mount: TmpfsMount
        let ballast: String
        let store: Store
        let session: SessionID
        let seq: Int64

        /// Nil when the test may not mount a tmpfs.
        static func make(in dir: TemporaryDirectory, commitRetryMilliseconds: Int?) async throws -> FullDisk? {
            guard let mount = TmpfsMount.mount(in: dir.path, sizeKiB: 1_024) else { return nil }
            let ballast = try mount.ballast(kiB: 640)
            let store = try await Store.open(StoreConfiguration(dataDirectory: mount.path, commitRetryMilliseconds: commitRetryMilliseconds))
            let (_, created) = try await StoreFixtures.session(in: store)
            let (refusal, seq) = try await StoreFilling.appendUntilRefused(store, session: created.session.id)
            #expect(refusal?.code == .diskFull)
            #expect(store.commitFailure?.code == .diskFull)
            return FullDisk(mount: mount, ballast: ballast, store: store, session: created.session.id, seq: seq)
        }

        func close() async {
            await store.close()
            mount.unmount()
        }
    }

    @Test func aProbeClearsTheFailureOnlyOnceTheDiskHasRoom() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        guard let full = try await FullDisk.make(in: dir, commitRetryMilliseconds: nil) else { return }
        // The probe really writes: on a disk still full it fails like the appends did.
        #expect(await full.store.retryFailedCommits()?.code == .diskFull)
        #expect(full.store.commitFailure?.code == .diskFull)

        try FileManager.default.removeItem(atPath: full.ballast)
        #expect(await full.store.retryFailedCommits() == nil)
        #expect(full.store.commitFailure == nil)
        // What was acknowledged is intact, the probe left nothing behind, and appends go on.
        #expect(try await full.store.append([StoreFixtures.event(full.seq + 1)], to: full.session) == full.seq + 1)
        #expect(try await full.store.events(of: full.session, after: 0).count == Int(full.seq + 1))
        await full.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func theWriterProbesOnItsOwnWhileCommitsFail() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        guard let full = try await FullDisk.make(in: dir, commitRetryMilliseconds: 20) else { return }
        try FileManager.default.removeItem(atPath: full.ballast)
        // No write from here on: only the writer's own probe can clear the failure.
        #expect(await full.store.waitUntilCommitsSucceed() == nil)
        #expect(full.store.commitFailure == nil)
        await full.close()
    }

    /// At its `max_page_count` the database cannot grow, so the probe fails however many free
    /// pages a rolled-back append left: the health does not flap between failing appends and
    /// succeeding probes. A store closed meanwhile answers its waiter with the failure.
    @Test func aProbeOnADatabaseAtItsPageCapFails() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path, maxPageCount: 60, commitRetryMilliseconds: nil))
        let (_, created) = try await StoreFixtures.session(in: store)
        #expect(await store.retryFailedCommits() == nil, "a healthy store has nothing to retry")
        let (refusal, _) = try await StoreFilling.appendUntilRefused(store, session: created.session.id)
        #expect(refusal?.code == .diskFull)
        #expect(await store.retryFailedCommits()?.code == .diskFull)
        #expect(await store.retryFailedCommits()?.code == .diskFull)
        async let waited = store.waitUntilCommitsSucceed()
        await store.close()
        #expect(await waited?.code == .diskFull)
    }
}
