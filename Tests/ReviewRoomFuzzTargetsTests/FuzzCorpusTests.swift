import Foundation
import ReviewRoomFuzzTargets
import Testing

/// Replays the committed fuzz corpus (`Tests/fuzz-corpus/TARGET/`: hand-made seeds and the
/// inputs `make fuzz` found, merged) through the same entry points libFuzzer drives, without a
/// sanitizer build: an input that once crashed the daemon, or broke a property, fails here.
@Suite("Fuzz corpus replay")
struct FuzzCorpusTests {
    /// `Tests/fuzz-corpus`, found from this file's path (the corpus is not a bundle resource:
    /// `make fuzz` adds files to it in place).
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz-corpus")

    static func inputs(of target: FuzzTarget) throws -> [URL] {
        let directory = corpus.appendingPathComponent(target.rawValue)
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyCorpusInputPasses(target: FuzzTarget) throws {
        let inputs = try Self.inputs(of: target)
        // A missing or emptied corpus would make this test pass without checking anything.
        #expect(inputs.count >= 3, "Tests/fuzz-corpus/\(target.rawValue) has \(inputs.count) inputs")
        for input in inputs {
            target.run([UInt8](try Data(contentsOf: input)))
        }
    }

    @Test func everyCorpusDirectoryIsATarget() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { !$0.hasPrefix(".") }
        #expect(Set(names) == Set(FuzzTarget.allCases.map(\.rawValue)))
    }
}
