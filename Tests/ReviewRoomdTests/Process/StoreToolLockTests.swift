import Foundation
import ReviewRoomTesting
import Testing

/// `restore` and the command-line tools that open the database (`facilitator`, `backup`,
/// `export`) never overlap: whichever comes second refuses at once and changes nothing. The
/// other side is played by this test holding `reviewroomd-tools.lock` as a restore (alone) or a
/// running tool (shared) would.
@Suite("restore and the command-line tools")
struct StoreToolLockTests {
    /// An `flock` on the data directory's tools lock, held until ``release()``.
    final class HeldLock {
        private var descriptor: Int32

        init(in data: URL, exclusive: Bool) throws {
            descriptor = open(data.appendingPathComponent("reviewroomd-tools.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw CocoaError(.fileReadNoPermission) }
            guard flock(descriptor, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 else {
                close(descriptor)
                throw CocoaError(.fileLocking)
            }
        }

        func release() {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
        }

        deinit { release() }
    }

    private func facilitators(_ data: URL) async throws -> String {
        let listed = try await reviewroomd(["facilitator", "list", "--data-dir", data.path])
        #expect(listed.status == 0, "\(listed.stderr)")
        return listed.stdout
    }

    @Test func aToolStartedDuringARestoreRefusesAndWritesNothing() async throws {
        let data = try TemporaryDirectory.make(prefix: "tools-lock")
        #expect(try await reviewroomd(["facilitator", "add", "Kim", "--data-dir", data.path]).status == 0)
        let restore = try HeldLock(in: data, exclusive: true)

        let refusal = "error: a restore is putting a backup in place in \(data.path): run this again once it has finished"
        let added = try await reviewroomd(["facilitator", "add", "Lee", "--data-dir", data.path])
        #expect(added.status == 1)
        #expect(added.stderr == refusal)
        #expect(added.stdout.isEmpty, "no token is shown for a facilitator that was not added")
        let backup = data.appendingPathComponent("copy.sqlite3").path
        let copied = try await reviewroomd(["backup", backup, "--data-dir", data.path])
        #expect(copied.status == 1 && copied.stderr == refusal, "\(copied.stderr)")
        #expect(!FileManager.default.fileExists(atPath: backup))
        let exported = try await reviewroomd(["export", "s_none", "--data-dir", data.path])
        #expect(exported.status == 1 && exported.stderr == refusal, "\(exported.stderr)")

        restore.release()
        let list = try await facilitators(data)
        #expect(list.contains("Kim") && !list.contains("Lee"), "the refused add wrote nothing: \(list)")
        #expect(try await reviewroomd(["facilitator", "add", "Lee", "--data-dir", data.path]).status == 0)
        #expect(try await facilitators(data).contains("Lee"))
    }

    @Test func aRestoreStartedWhileAToolRunsRefusesAndChangesNothing() async throws {
        let data = try TemporaryDirectory.make(prefix: "tools-lock")
        let backup = try TemporaryDirectory.make(prefix: "tools-lock-backup").appendingPathComponent("b.sqlite3")
        #expect(try await reviewroomd(["facilitator", "add", "Kim", "--data-dir", data.path]).status == 0)
        #expect(try await reviewroomd(["backup", backup.path, "--data-dir", data.path]).status == 0)
        #expect(try await reviewroomd(["facilitator", "add", "Lee", "--data-dir", data.path]).status == 0)

        let tool = try HeldLock(in: data, exclusive: false)
        // Tools share the lock: another one runs beside the first.
        #expect(try await facilitators(data).contains("Lee"))
        let refused = try await reviewroomd(["restore", backup.path, "--data-dir", data.path])
        #expect(refused.status == 1)
        #expect(refused.stderr == "error: a reviewroomd facilitator, backup or export command is using the database in \(data.path): let it finish, then restore")
        let kept = try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.contains("before-restore") }
        #expect(kept.isEmpty, "nothing was moved aside: \(kept)")
        #expect(try await facilitators(data).contains("Lee"), "the database is the one the tool has open")

        tool.release()
        let restored = try await reviewroomd(["restore", backup.path, "--data-dir", data.path])
        #expect(restored.status == 0, "\(restored.stderr)")
        let list = try await facilitators(data)
        #expect(list.contains("Kim") && !list.contains("Lee"), "the backup is in place once the tool is done: \(list)")
    }
}
