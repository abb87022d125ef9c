import Foundation
import Testing
import ReviewRoomTesting
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

    /// Loads a `.json.gz` trace fixture with the shared ``EditTrace/load(path:)``.
    static func trace(_ name: String) throws -> EditTrace {
        try EditTrace.load(path: url(name).path)
    }
}
