import Foundation
import ReviewRoomTesting
import Testing

/// `reviewroomd restore BACKUP` on a real daemon's data directory: after a `kill -9` (its
/// `-wal` left behind) the daemon comes back on the backup alone, and never while one serves.
@Suite("restore command")
struct RestoreCommandTests {
    private func added(_ name: String, _ data: URL) async throws -> String {
        let result = try await reviewroomd(["facilitator", "add", name, "--json", "--data-dir", data.path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(object["token"] as? String)
    }

    @Test func afterAKillTheDaemonComesBackOnTheBackupAlone() async throws {
        let data = try TemporaryDirectory.make(prefix: "restore-data")
        let backup = try TemporaryDirectory.make(prefix: "restore-backup").appendingPathComponent("b.sqlite3")
        let first = try await DaemonProcess.start(dataDirectory: data)
        _ = try await first.port()
        let kim = try await added("Kim", data)
        #expect(try await reviewroomd(["backup", backup.path, "--data-dir", data.path]).status == 0)
        let lee = try await added("Lee", data)

        // While it serves, restore refuses and changes nothing.
        let refused = try await reviewroomd(["restore", backup.path, "--data-dir", data.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is using \(data.path): stop it first"), "\(refused.stderr)")
        #expect(try await reviewroomd(["facilitator", "list", "--data-dir", data.path]).stdout.contains("Lee"))

        first.signal(SIGKILL)
        _ = try await first.waitForExit()
        let database = data.appendingPathComponent("reviewroom.sqlite3").path
        #expect(FileManager.default.fileExists(atPath: database + "-wal"), "a kill leaves the WAL, Lee in it")

        let restored = try await reviewroomd(["restore", backup.path, "--data-dir", data.path])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stdout.contains("Restored \(backup.path) as \(database): 0 sessions, 1 facilitator."), "\(restored.stdout)")
        #expect(restored.stdout.contains("kept as \(database).before-restore-"), "\(restored.stdout)")
        #expect(!FileManager.default.fileExists(atPath: database + "-wal"))

        let second = try await DaemonProcess.start(dataDirectory: data)
        defer { second.terminate() }
        let port = try await second.port()
        #expect(try sessionsStatus(port: port, token: kim) == 200)
        #expect(try sessionsStatus(port: port, token: lee) == 401, "Lee came after the backup")
    }

    @Test func aDataDirectoryThatDoesNotExistIsSaidOnceWithWhatToDo() async throws {
        let parent = try TemporaryDirectory.make(prefix: "restore-missing")
        let missing = parent.appendingPathComponent("not-made").path
        let backup = parent.appendingPathComponent("b.sqlite3").path
        let refused = try await reviewroomd(["restore", backup, "--data-dir", missing])
        #expect(refused.status == 1)
        #expect(refused.stderr == "error: data directory \(missing) does not exist: create it (mode 0700, owned by the daemon's user), or start the daemon once and stop it, then restore")
        #expect(!FileManager.default.fileExists(atPath: missing), "a refused restore creates nothing")
    }
}
