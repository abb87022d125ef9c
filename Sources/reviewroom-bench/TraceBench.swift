import ArgumentParser
import Foundation
import ReviewRoomCore
import ReviewRoomTesting

/// `reviewroom-bench trace FILE.json.gz [--repeat N]`: replays a sequential editing trace
/// through the notes engine (``NoteBuffer/receive(_:baseRev:author:opId:at:)`` with ot.js
/// ops) and through a flat UTF-16 array with memmove, and prints one JSON line.
struct TraceBench: AsyncParsableCommand {
    /// The subcommand's name and summary.
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Replay a sequential editing trace through the note engine and a flat-array baseline."
    )

    /// The trace file.
    @Argument(help: "A sequential editing trace (.json.gz or .json), e.g. automerge-paper.json.gz.")
    var file: String

    /// How many times to replay; the best time is reported.
    @Option(name: .customLong("repeat"), help: "Replays per engine; the fastest is reported.")
    var repetitions = 5

    /// Loads, converts, replays and prints the result line.
    func run() async throws {
        guard repetitions > 0 else { throw ValidationError("--repeat must be at least 1, not \(repetitions)") }
        let trace = try EditTrace.load(path: file)
        let edits = TraceEdits(trace)
        var best = Duration.seconds(1_000_000), baseline = best
        var endMatches = true
        for _ in 0 ..< repetitions {
            let (engineTime, engineText) = try edits.replayThroughNoteBuffer()
            let (flatTime, flatText) = edits.replayThroughFlatArray()
            best = min(best, engineTime)
            baseline = min(baseline, flatTime)
            endMatches = endMatches && engineText == trace.endContent && flatText == trace.endContent
        }
        let ms = best.milliseconds, baselineMs = baseline.milliseconds
        let name = (file as NSString).lastPathComponent
        let nsPerOp = ms * 1_000_000 / Double(max(edits.count, 1))
        print(#"{"trace":"\#(name)","ops":\#(edits.count),"ms":\#(ms.rounded3),"nsPerOp":\#(nsPerOp.rounded3),"baselineMs":\#(baselineMs.rounded3),"endMatches":\#(endMatches)}"#)
        if !endMatches { throw ExitCode(1) }
    }
}

extension Duration {
    /// The duration in (fractional) milliseconds.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}

extension Double {
    /// Rounded to three decimals, for the JSON line.
    var rounded3: Double { (self * 1000).rounded() / 1000 }
}
