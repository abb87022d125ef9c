import Foundation
import Testing
@testable import ReviewRoomCore

/// Loads the notes engine's test fixtures from the test bundle (never from /work/shared).
enum NotesFixtures {
    /// The URL of `Fixtures/<name>` in the test bundle.
    static func url(_ name: String) throws -> URL {
        let dot = name.firstIndex(of: ".") ?? name.endIndex
        let base = String(name[..<dot])
        let ext = dot < name.endIndex ? String(name[name.index(after: dot)...]) : ""
        return try #require(Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures"),
                            "fixture \(name) is missing from the test bundle")
    }

    /// The shared OT vectors.
    static func vectors() throws -> OTVectors {
        try JSONDecoder().decode(OTVectors.self, from: Data(contentsOf: url("ot-vectors.json")))
    }

    /// Decompresses a `.json.gz` fixture with a `gzip -dc` child process and decodes it.
    /// (gzip is always present on Debian; the core stays free of zlib.)
    static func trace(_ name: String) throws -> EditTrace {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", try url(name).path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip -dc \(name) failed")
        return try JSONDecoder().decode(EditTrace.self, from: data)
    }
}
