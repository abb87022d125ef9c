import Foundation
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// `facilitator add|list|revoke` and `backup` run as their own processes on the data directory
/// of a daemon that is serving (PROTOCOL §1), and the daemon sees what they changed.
@Suite("facilitator and backup commands beside a running daemon")
struct AdministrationCommandTests {
    @Test func addListRevokeAndBackupWhileTheDaemonServes() async throws {
        let data = try TemporaryDirectory.make(prefix: "admin-data")
        let daemon = try await DaemonProcess.start(dataDirectory: data)
        defer { daemon.terminate() }
        let port = try await daemon.port()

        let added = try await reviewroomd(["facilitator", "add", "Kim", "--email", "kim@example.org", "--json", "--data-dir", data.path])
        #expect(added.status == 0, "\(added.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])
        let id = try #require(object["id"] as? String), token = try #require(object["token"] as? String)
        #expect(object["name"] as? String == "Kim")
        #expect(try sessionsStatus(port: port, token: token) == 200)

        let listed = try await reviewroomd(["facilitator", "list", "--data-dir", data.path])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(id) && listed.stdout.contains("Kim"))
        #expect(!listed.stdout.contains(token), "a token is shown once, never listed")

        let revoked = try await reviewroomd(["facilitator", "revoke", id, "--data-dir", data.path])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(try sessionsStatus(port: port, token: token) == 401)
        let unknown = try await reviewroomd(["facilitator", "revoke", "f_nobody", "--data-dir", data.path])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("f_nobody"))

        let destination = try TemporaryDirectory.make(prefix: "admin-backup").appendingPathComponent("copy.sqlite3")
        let backup = try await reviewroomd(["backup", destination.path, "--data-dir", data.path])
        #expect(backup.status == 0, "\(backup.stderr)")
        // Owner-only, like the data directory (0700): the copy holds every session's notes.
        let mode = try FileManager.default.attributesOfItem(atPath: destination.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "backup mode \(String(mode ?? 0, radix: 8))")
        // The copy is a ReviewRoom store holding Kim, revoked.
        let copyDirectory = try TemporaryDirectory.make(prefix: "admin-restore")
        try FileManager.default.copyItem(at: destination, to: copyDirectory.appendingPathComponent("reviewroom.sqlite3"))
        let store = try await Store.open(StoreConfiguration(dataDirectory: copyDirectory.path))
        let kim = try await store.facilitators().first { $0.name == "Kim" }
        #expect(kim?.revokedAt != nil)
        await store.close()
        let again = try await reviewroomd(["backup", destination.path, "--data-dir", data.path])
        #expect(again.status != 0, "a backup never overwrites")
    }

    /// A new database where the admin expected the service's is how a wrong --data-dir shows:
    /// `facilitator add` says so on stderr the first time, and only then.
    @Test func addSaysWhenItCreatedANewDatabase() async throws {
        let data = try TemporaryDirectory.make(prefix: "admin-new").appendingPathComponent("data")
        let first = try await reviewroomd(["facilitator", "add", "Kim", "--json", "--data-dir", data.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("created a new database in \(data.path)"), "\(first.stderr)")
        #expect(!first.stdout.contains("created"), "stdout stays the JSON object alone")
        let second = try await reviewroomd(["facilitator", "add", "Lee", "--json", "--data-dir", data.path])
        #expect(second.status == 0)
        #expect(!second.stderr.contains("created a new database"), "\(second.stderr)")
    }
}
