import Foundation
import Testing
import ReviewRoomTesting
@testable import ReviewRoomCore

/// The shared trace loader (``EditTrace/load(path:)``) and the concurrent schedule's input checks.
@Suite struct EditTraceLoadingTests {
    static let text = #"{"startContent":"héllo 😀 x","endContent":"héllo 😀 wörld","txns":[{"patches":[[8,1,"w"],[9,0,"örld"]]}]}"#

    /// Writes `text` to `<dir>/<name>` and returns its path.
    static func write(_ text: String, named name: String) throws -> String {
        let url = try TemporaryDirectory.make(prefix: "edit-trace").appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func plainAndGzippedTracesDecodeAlikeWithCodePointPositions() throws {
        let plain = try Self.write(Self.text, named: "t.json")
        try #require(try ChildProcess.runBlocking(["/bin/gzip", "-k", plain]).status == 0)
        for path in [plain, plain + ".gz"] {
            let trace = try EditTrace.load(path: path)
            #expect(trace.startContent == "héllo 😀 x")
            #expect(trace.endContent == "héllo 😀 wörld")
            let patches = try #require(trace.txns.first?.patches)
            #expect(patches.map(\.position) == [8, 9])
            #expect(patches.map(\.deleted) == [1, 0])
            #expect(patches.map(\.inserted) == ["w", "örld"])
            #expect(trace.txns.first?.agent == nil)
        }
    }

    @Test func jsonThatIsNotATraceIsRefusedNamingTheFile() throws {
        let path = try Self.write(#"{"txns":[]}"#, named: "bad.json")
        let error = try #require(throws: EditTraceError.self) { try EditTrace.load(path: path) }
        #expect(error.code == .notATrace)
        #expect(error.message.hasPrefix("\(path) is not an editing trace"))
    }

    @Test func aGzFileThatIsNotGzipIsRefused() throws {
        let path = try Self.write(Self.text, named: "plain.json.gz")
        let error = try #require(throws: EditTraceError.self) { try EditTrace.load(path: path) }
        #expect(error.code == .gzipFailed)
        #expect(error.message.hasPrefix("gzip -dc \(path) failed with status"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.text)
    }

    @Test func aMissingPlainFileIsUnreadable() throws {
        let path = try TemporaryDirectory.make(prefix: "edit-trace").appendingPathComponent("missing.json").path
        let error = try #require(throws: EditTraceError.self) { try EditTrace.load(path: path) }
        #expect(error.code == .unreadable)
        #expect(error.message.hasPrefix("\(path) could not be read"))
    }

    @Test func aConcurrentScheduleRefusesTransactionsWithoutAnAgentOrTwoParticipants() throws {
        let trace = try JSONDecoder().decode(EditTrace.self, from: Data(Self.text.utf8))
        let start = trace.startContent ?? ""
        let noAgent = try #require(throws: EditTraceError.self) {
            try ConcurrentTraceSchedule(trace: trace, startContent: start, participants: ["a", "b"],
                                        receiver: InMemoryTraceServer(startContent: start))
        }
        #expect(noAgent.code == .scheduleBroken)
        #expect(noAgent.message == "txn 0 has agent nil: a concurrent replay needs agent 0 or 1")
        let three = try #require(throws: EditTraceError.self) {
            try ConcurrentTraceSchedule(trace: trace, startContent: start, participants: ["a", "b", "c"],
                                        receiver: InMemoryTraceServer(startContent: start))
        }
        #expect(three.message == "the schedule needs 2 participants, not 3")
    }
}
