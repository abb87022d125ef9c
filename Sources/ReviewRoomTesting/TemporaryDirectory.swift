import Foundation

/// Fresh temporary directories for tests.
public enum TemporaryDirectory {
    /// Creates `/tmp/<prefix>-<random>` and returns it.
    public static func make(prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
