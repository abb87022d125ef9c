import Foundation
import LockedValue

/// Fresh temporary directories for tests.
///
/// Every directory made here is removed when the test process exits (daemons a test started
/// are gone by then), so running `swift test` does not leave data directories behind in the
/// temp dir; set `REVIEWROOM_KEEP_TEST_DIRS=1` to keep them for a post-mortem.
public enum TemporaryDirectory {
    /// Creates `/tmp/<prefix>-<random>` and returns it.
    public static func make(prefix: String) throws -> URL {
        try make(prefix: prefix, in: FileManager.default.temporaryDirectory)
    }

    /// A new empty directory inside `base` (for a test whose files another user must reach:
    /// `make test` points `TMPDIR` at a 0700 scratch directory only root can enter).
    public static func make(prefix: String, in base: URL) throws -> URL {
        let url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        TemporaryDirectoryRegistry.shared.add(url)
        return url
    }
}

/// The directories ``TemporaryDirectory`` made, removed at process exit.
final class TemporaryDirectoryRegistry: Sendable {
    static let shared = TemporaryDirectoryRegistry()

    private let made = Locked<[URL]>([])

    private init() {
        guard ProcessInfo.processInfo.environment["REVIEWROOM_KEEP_TEST_DIRS"] != "1" else { return }
        atexit { TemporaryDirectoryRegistry.shared.removeAll() }
    }

    func add(_ url: URL) {
        made.withLock { $0.append(url) }
    }

    private func removeAll() {
        let urls = made.withLock { urls in
            defer { urls.removeAll() }
            return urls
        }
        for url in urls { try? FileManager.default.removeItem(at: url) }
    }
}
