import Foundation
import ReviewRoomTesting
import Testing

/// The daemon and the admin commands run as a user other than the data directory's owner, as
/// under systemd's `DynamicUser=` (the service's uid; `/var/lib/private` is 0700 root) and for
/// an admin without sudo. Simulated with `setpriv`, so these tests need root.
@Suite("running as the service user or without sudo", .enabled(if: geteuid() == 0, "setpriv needs root"))
struct ServiceUserTests {
    static let serviceUID = 61_000
    static let adminUID = 61_001
    /// Made in /tmp itself: the service's and the admin's uids must be able to reach the files,
    /// and `make test`'s TMPDIR is a 0700 directory of root's.
    static let sharedTemporary = URL(fileURLWithPath: "/tmp", isDirectory: true)

    /// `--config` with an empty file the service user can read (DaemonProcess's own is in TMPDIR).
    private func readableConfig() throws -> [String] {
        let directory = try TemporaryDirectory.make(prefix: "service-conf", in: Self.sharedTemporary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        let file = directory.appendingPathComponent("reviewroom.conf")
        try Data().write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        return ["--config", file.path]
    }

    private func asUser(_ uid: Int) -> [String] {
        ["setpriv", "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"]
    }

    /// `root/private` is 0700 root (DynamicUser's state directory parent); returns the data
    /// directory inside it, holding a database made by root.
    private func privateDataDirectory() async throws -> URL {
        let root = try TemporaryDirectory.make(prefix: "service-user", in: Self.sharedTemporary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
        let privateDirectory = root.appendingPathComponent("private")
        try FileManager.default.createDirectory(at: privateDirectory, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        let data = privateDirectory.appendingPathComponent("reviewroom")
        let seeded = try await reviewroomd(["facilitator", "add", "Seed", "--data-dir", data.path])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        return data
    }

    @Test func anAdminWithoutSudoIsToldPermissionDeniedNotMissing() async throws {
        let data = try await privateDataDirectory()
        let executable = try BuildProducts.executable(named: "reviewroomd").path
        for command in [["facilitator", "list"], ["facilitator", "add", "Ann"]] {
            let result = try await ChildProcess.run(asUser(Self.adminUID) + [executable] + command + ["--data-dir", data.path])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("cannot access \(data.path): permission denied (run with sudo)"), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("does not exist") && !result.stderr.contains("File exists"), "\(result.stderr)")
        }
        // Nothing changed: still only the seed facilitator.
        let listed = try await reviewroomd(["facilitator", "list", "--data-dir", data.path])
        #expect(listed.stdout.contains("Seed") && !listed.stdout.contains("Ann"), "\(listed.stdout)")
    }

    /// A backup restored by root (`install` without `-o`, or `mv`) stays root's: the service
    /// then cannot open it, and says whose it is.
    @Test func aDatabaseOwnedByRootIsNamedWhenTheServiceCannotOpenIt() async throws {
        let data = try await privateDataDirectory()
        let database = data.appendingPathComponent("reviewroom.sqlite3").path
        for file in [database + "-wal", database + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
        // The directory is the service's (as systemd's StateDirectory= makes it), and the
        // service may pass through private/ (systemd gives it the path); the file is root's.
        #expect(chmod(data.deletingLastPathComponent().path, 0o711) == 0)
        #expect(chown(data.path, uid_t(Self.serviceUID), gid_t(Self.serviceUID)) == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let daemon = try await DaemonProcess.start(arguments: try readableConfig(), launcher: asUser(Self.serviceUID), dataDirectory: data)
        let status = try await daemon.waitForExit()
        #expect(status == 73)
        let log = try await daemon.stderr.first(where: { $0.contains("cannot open the store") }, timeout: .seconds(10))
        #expect(log.contains("reviewroom.sqlite3 is owned by uid 0 but the daemon runs as uid \(Self.serviceUID)"), "\(log)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before, "the database is untouched")

        // Given to the service user, as README's restore steps say, it opens.
        #expect(chown(database, uid_t(Self.serviceUID), gid_t(Self.serviceUID)) == 0)
        let fixed = try await DaemonProcess.start(arguments: try readableConfig(), launcher: asUser(Self.serviceUID), dataDirectory: data)
        defer { fixed.terminate() }
        _ = try await fixed.port()
    }

    /// A data_dir made by root elsewhere (`mkdir /srv/reviewroom`) passes check-config but is
    /// not the service's: the refusal names both uids.
    @Test func aDataDirectoryOwnedByRootNamesItsOwner() async throws {
        let root = try TemporaryDirectory.make(prefix: "service-dir", in: Self.sharedTemporary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
        let data = root.appendingPathComponent("reviewroom")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        let daemon = try await DaemonProcess.start(arguments: try readableConfig(), launcher: asUser(Self.serviceUID), dataDirectory: data)
        #expect(try await daemon.waitForExit() == 73)
        let log = try await daemon.stderr.first(where: { $0.contains("cannot open the store") }, timeout: .seconds(10))
        #expect(log.contains("not writable by this user (uid \(Self.serviceUID); it is owned by uid 0)"), "\(log)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.path).isEmpty)
    }
}
