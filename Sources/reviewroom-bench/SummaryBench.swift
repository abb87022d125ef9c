import ArgumentParser
import Foundation
import ReviewRoomBenchKit

/// `reviewroom-bench summary FILE`: the closing table of `make bench`, every figure of one run
/// held against its goal, ReviewRoom's saturation figure next to the limit's and the peer's.
struct SummaryBench: ParsableCommand {
    /// The subcommand's name and summary.
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Hold one run's JSON lines (.build/bench-results.jsonl) against the issues' goals."
    )

    /// The JSON lines file.
    @Argument(help: "The JSON lines one make bench run wrote, e.g. .build/bench-results.jsonl.")
    var file: String

    /// Prints the table; exits 0 whether or not the goals were met (the table says).
    func run() throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ValidationError("cannot read \(file): run make bench first, or name the JSON lines file it wrote")
        }
        let rows = BenchGoals.rows(fromJSONLines: text.split(separator: "\n").map(String.init))
        let nameWidth = max(4, rows.map(\.name.count).max() ?? 0)
        let goalWidth = max(4, rows.map(\.goal.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        print("\(pad("goal", nameWidth))  \(pad("target", goalWidth))  met  measured")
        for row in rows {
            print("\(pad(row.name, nameWidth))  \(pad(row.goal, goalWidth))  \(pad(row.verdict, 3))  \(row.measured)")
        }
    }
}
