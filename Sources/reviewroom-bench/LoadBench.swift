import ArgumentParser
import Foundation
import ReviewRoomBenchKit

/// `reviewroom-bench load`: the load and latency scenarios of issue 9 against a real
/// `reviewroomd` (or, with `--target peer`, the Hummingbird relay), one fresh server per scenario.
struct LoadBench: AsyncParsableCommand {
    /// The subcommand's name and summary.
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load scenarios a–e (a: 1,000×8 typing, b: 10,000 idle, c: 50 in one session, d: restart, e: saturation)."
    )

    /// Scenarios to run.
    @Option(help: "Comma-separated scenarios: a, b, c, d, e.")
    var scenario = "a,b,c,d,e"

    /// Scale factor or `tiny`.
    @Option(help: "Scale of sessions and clients: a number (1 = the issue's figures) or 'tiny' (smoke run). Default: $BENCH_SCALE or 1.")
    var scale: String?

    /// The server under load.
    @Option(help: "reviewroom (the daemon next to this executable) or peer (the Hummingbird relay).")
    var target = "reviewroom"

    /// The Hummingbird relay's executable.
    @Option(help: "Path of the HummingbirdPeer executable (for --target peer).")
    var peerExecutable: String?

    /// Scenario e's steps, when not all of them.
    @Option(help: "Scenario e's steps only: comma-separated edits/s per client and 'ack' (e.g. 3 or 2,ack), for profiling one step.")
    var steps: String?

    /// Scenario a's capacity steps, when not the default ones.
    @Option(name: .customLong("a-steps"), help: "Scenario a's capacity steps: comma-separated fractions of its sessions run before a itself (default 0.25,0.5,0.625,0.75), or 'none' for a alone.")
    var aSteps: String?

    /// Scenario b's idle window, when not the default 3 s.
    @Option(help: "Seconds scenario b holds its idle connections (default 3). Past 20 s the window includes the server's WebSocket pings, so its server CPU says what they cost.")
    var hold: Double?

    /// Refuses malformed options before anything starts.
    func validate() throws {
        if let hold, !(hold > 0 && hold <= 3600) {
            throw ValidationError("--hold must be a number of seconds in (0, 3600], not '\(hold)'")
        }
        _ = try SaturationSteps.rates(parsing: steps)
        _ = try CapacitySteps.fractions(parsing: aSteps)
        _ = try Self.scaleFactor(scale ?? ProcessInfo.processInfo.environment["BENCH_SCALE"] ?? "1")
        guard LoadTarget.Kind(rawValue: target) != nil else {
            throw ValidationError("--target must be reviewroom or peer, not '\(target)'")
        }
        for letter in letters where !["a", "b", "c", "d", "e"].contains(letter) {
            throw ValidationError("unknown load scenario '\(letter)' in --scenario: the scenarios are a, b, c, d and e")
        }
    }

    private var letters: [String] {
        scenario.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    /// Runs each scenario and prints a table row and a JSON line for each.
    func run() async throws {
        let factor = try Self.scaleFactor(scale ?? ProcessInfo.processInfo.environment["BENCH_SCALE"] ?? "1")
        guard let kind = LoadTarget.Kind(rawValue: target) else {
            throw ValidationError("--target must be reviewroom or peer, not '\(target)'")
        }
        let limit = FileDescriptorLimit.raise()
        FileHandle.standardError.write(Data("load: scale \(factor), target \(kind.rawValue), open-file limit \(limit)\n".utf8))
        var failed = false
        for letter in letters {
            let results: [ScenarioResult]
            if letter == "d" {
                guard kind == .reviewroom else { continue }
                results = [try await RestartScenario(scale: factor).run()]
            } else if letter == "a" {
                results = try await CapacitySteps(scale: factor, kind: kind, peerExecutable: peerExecutable,
                                                  fractions: try CapacitySteps.fractions(parsing: aSteps, scale: factor)).run()
            } else if letter == "e" {
                results = try await SaturationSteps(scale: factor, kind: kind, peerExecutable: peerExecutable,
                                                   only: try SaturationSteps.rates(parsing: steps)).run()
            } else {
                var plan = try ScenarioPlan.make(letter, scale: factor)
                if letter == "b", let hold { plan.seconds = hold }
                results = [try await Self.runOnce(plan, kind: kind, peerExecutable: peerExecutable)]
            }
            for result in results {
                ResultTable.printRow(result)
                FileHandle.standardOutput.write(Data((result.jsonLine + "\n").utf8))
                failed = failed || result.errors > 0
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// One plan against a fresh server.
    static func runOnce(_ plan: ScenarioPlan, kind: LoadTarget.Kind, peerExecutable: String?) async throws -> ScenarioResult {
        let server = try await LoadTarget.start(kind, peerExecutable: peerExecutable)
        do {
            let sessions = try await SessionProvisioner(port: server.port, facilitatorToken: server.facilitatorToken)
                .create(count: plan.sessions, clientsPerSession: plan.clientsPerSession)
            let run = LoadRun(plan: plan, target: server, sessions: sessions)
            let result = try await run.run()
            for sample in run.counters.samples + run.counters.figures { FileHandle.standardError.write(Data("  \(plan.letter): \(sample)\n".utf8)) }
            await server.stop()
            return result
        } catch {
            await server.stop()
            let log = server.process.stderr.entries.prefix(30).joined(separator: "\n")
            throw BenchError("scenario \(plan.letter) against \(kind.rawValue): \(error)\n\(kind.rawValue) stderr (last lines):\n\(log)")
        }
    }

    /// `tiny` or a positive number.
    static func scaleFactor(_ text: String) throws -> Double {
        if text == "tiny" { return 0.002 }
        guard let value = Double(text), value > 0, value <= 10 else {
            throw ValidationError("--scale must be 'tiny' or a number in (0, 10], not '\(text)'")
        }
        return value
    }
}
