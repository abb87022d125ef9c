import Foundation

/// Finds executables that SwiftPM built next to the running test bundle, so tests can start
/// the real `reviewroomd` (or another product) as a child process.
public enum BuildProducts {
    /// The directory holding the build products (`.build/<triple>/debug`).
    public static var directory: URL {
        // The test runner is `<products>/ReviewRoomPackageTests.xctest` (a plain executable on Linux).
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = runner.deletingLastPathComponent()
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        return dir
    }

    /// The path of the executable product `name`; fails with a message naming the place looked in.
    public static func executable(named name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw BuildProductMissing(name: name, directory: directory.path)
        }
        return url
    }
}

/// A build product a test needs is not where SwiftPM puts it.
public struct BuildProductMissing: Error, CustomStringConvertible {
    /// The product looked for.
    public var name: String
    /// Where it was looked for.
    public var directory: String
    /// Explains what to build.
    public var description: String { "no executable '\(name)' in \(directory): run `swift build` first" }
}
