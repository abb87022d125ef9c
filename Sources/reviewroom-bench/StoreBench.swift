import ArgumentParser
import Foundation
import ReviewRoomCore
import ReviewRoomStore
import Synchronization

/// `reviewroom-bench store`: durable appends per second through group commit, for 1, 10 and
/// 100 sessions appending concurrently, in both durability modes, next to a baseline of one
/// transaction per append (the same writer with `maxBatchSize = 1`) measured in the same run.
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Durable appends/s and time-to-durable of the store's group commit."
    )

    @Option(help: "Seconds to measure each row.") var seconds: Double = 2
    @Option(help: "Appends in flight across all sessions (each session keeps window/sessions, at least 1).") var window: Int = 256
    @Option(help: "Directory for the temporary databases (default: the system temp dir).") var scratch: String?
    @Option(parsing: .upToNextOption, help: "Session counts to measure.") var sessions: [Int] = [1, 10, 100]

    func run() async throws {
        let base = scratch ?? FileManager.default.temporaryDirectory.path
        print("mode     sessions  appends/s   p99 ms   baseline appends/s  (1 txn per append)")
        for mode in Durability.allCases {
            for count in sessions {
                let grouped = try await measure(mode: mode, sessions: count, maxBatch: 4_096, base: base)
                let baseline = try await measure(mode: mode, sessions: count, maxBatch: 1, base: base)
                let row = String(format: "%-8@ %8d  %9.0f  %7.2f   %9.0f", mode.rawValue as NSString, count, grouped.rate, grouped.p99Ms, baseline.rate)
                print(row)
                let json = String(format: #"{"bench":"store","mode":"%@","sessions":%d,"appendsPerSec":%.0f,"p99Ms":%.3f,"baselineAppendsPerSec":%.0f}"#,
                                  mode.rawValue as NSString, count, grouped.rate, grouped.p99Ms, baseline.rate)
                print(json)
            }
        }
    }

    private struct Result {
        var rate: Double
        var p99Ms: Double
    }

    private func measure(mode: Durability, sessions count: Int, maxBatch: Int, base: String) async throws -> Result {
        let dir = base + "/reviewroom-bench-store-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir, durability: mode, maxBatchSize: maxBatch))
        let owner = try await store.addFacilitator(name: "Bench").facilitator.id
        var ids: [SessionID] = []
        for index in 0..<count {
            let definition = SessionDefinition(title: "Bench \(index)", hostSchool: "Bench", focus: "speed",
                                               startsAt: Timestamp(millisecondsSince1970: 0), timeZone: "UTC")
            ids.append(try await store.createSession(owner: owner, definition: definition, participants: []).session.id)
        }
        let latencies = LatencyLog()
        let perSession = max(1, window / count)
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: .milliseconds(Int(seconds * 1000)))
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for id in ids {
                group.addTask {
                    var seq: Int64 = 0
                    while clock.now < deadline {
                        let round = Countdown(perSession)
                        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
                            for _ in 0..<perSession {
                                seq += 1
                                let enqueued = clock.now
                                let event = EventRecord(seq: seq, at: Timestamp(millisecondsSince1970: seq), name: "note.op",
                                                        data: #"{"note":"evidence","rev":\#(seq),"op":[12,"a"],"by":"p_x"}"#,
                                                        author: "p_x", opId: "o\(seq)")
                                store.append([event], to: id) { result in
                                    latencies.record(clock.now - enqueued)
                                    if case .failure(let error) = result { round.fail(error) }
                                    if round.tick() { round.finish(done) }
                                }
                            }
                        }
                    }
                    return Int(seq)
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = clock.now - start
        await store.close()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(rate: Double(total) / seconds, p99Ms: latencies.percentileMilliseconds(0.99))
    }
}

/// Time-to-durable samples, recorded from the writer thread.
private final class LatencyLog: Sendable {
    private let samples = Mutex<[Duration]>([])

    func record(_ duration: Duration) { samples.withLock { $0.append(duration) } }

    func percentileMilliseconds(_ p: Double) -> Double {
        let sorted = samples.withLock { $0.sorted() }
        guard !sorted.isEmpty else { return 0 }
        let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        return Double(value.components.seconds) * 1000 + Double(value.components.attoseconds) / 1e15
    }
}

/// Counts the acknowledgements of one round of appends and remembers the first failure.
private final class Countdown: Sendable {
    private let state: Mutex<(remaining: Int, error: StoreError?)>

    init(_ count: Int) { state = Mutex((count, nil)) }

    /// Counts one acknowledgement; true for the last.
    func tick() -> Bool { state.withLock { $0.remaining -= 1; return $0.remaining == 0 } }

    func fail(_ error: StoreError) { state.withLock { if $0.error == nil { $0.error = error } } }

    func finish(_ done: CheckedContinuation<Void, any Error>) {
        if let error = state.withLock({ $0.error }) { done.resume(throwing: error) } else { done.resume() }
    }
}
