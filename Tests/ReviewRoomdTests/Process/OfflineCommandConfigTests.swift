import Foundation
import ReviewRoomTesting
import Testing

/// The offline store commands read `reviewroom.conf` for `data_dir` only: on a TLS install
/// the file names `/run/credentials/...` copies that exist only while the service runs, and a
/// `web_root` or host name that does not resolve here is `serve`'s business, not theirs.
@Suite("offline commands check only data_dir")
struct OfflineCommandConfigTests {
    private func configFile(dataDirectory: URL, extra: String) throws -> URL {
        let url = try TemporaryDirectory.make(prefix: "offline-conf").appendingPathComponent("reviewroom.conf")
        try Data("data_dir = \"\(dataDirectory.path)\"\n\(extra)".utf8).write(to: url)
        return url
    }

    @Test func facilitatorListAndBackupWorkWithTLSFilesThatExistOnlyInTheService() async throws {
        let data = try TemporaryDirectory.make(prefix: "offline-data")
        let config = try configFile(dataDirectory: data, extra: """
            tls_cert = "/run/credentials/reviewroomd.service/tls.crt"
            tls_key = "/run/credentials/reviewroomd.service/tls.key"
            web_root = "/nonexistent/reviewroom-web"
            listen = "no-such-host.invalid:8080"
            """)

        let added = try await reviewroomd(["facilitator", "add", "Ann", "--json", "--config", config.path])
        #expect(added.status == 0, "\(added.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any]
        #expect(object?["name"] as? String == "Ann")
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("reviewroom.sqlite3").path))

        let listed = try await reviewroomd(["facilitator", "list", "--config", config.path])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("Ann"))

        let destination = try TemporaryDirectory.make(prefix: "offline-backup").appendingPathComponent("b.sqlite3")
        let backup = try await reviewroomd(["backup", destination.path, "--config", config.path])
        #expect(backup.status == 0, "\(backup.stderr)")

        // serve and check-config still check everything.
        let checked = try await reviewroomd(["check-config", "--config", config.path])
        #expect(checked.status == 78)
        #expect(checked.stderr.contains("tls_cert") && checked.stderr.contains("web_root"))
    }

    @Test func aMisspelledKeyOrABadDataDirStillRefuses() async throws {
        let data = try TemporaryDirectory.make(prefix: "offline-typo")
        let config = try configFile(dataDirectory: data, extra: "data_dri = \"/elsewhere\"\n")
        let added = try await reviewroomd(["facilitator", "add", "Ann", "--config", config.path])
        #expect(added.status == 78)
        #expect(added.stderr.contains("data_dri"))
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("reviewroom.sqlite3").path))

        let badValue = try TemporaryDirectory.make(prefix: "offline-bad").appendingPathComponent("reviewroom.conf")
        try Data("data_dir = 42\n".utf8).write(to: badValue)
        let listed = try await reviewroomd(["facilitator", "list", "--config", badValue.path])
        #expect(listed.status == 78)
        #expect(listed.stderr.contains("data_dir"))
    }
}
