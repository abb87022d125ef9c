import ArgumentParser

/// `reviewroom-bench`: benchmarks of ReviewRoom's engines, run in a release build.
@main
struct BenchCommand: AsyncParsableCommand {
    /// The command's name, summary and subcommands.
    static let configuration = CommandConfiguration(
        commandName: "reviewroom-bench",
        abstract: "Benchmarks of ReviewRoom's engines (build with -c release).",
        subcommands: [TraceBench.self, StoreBench.self, LoadBench.self, SummaryBench.self]
    )
}
