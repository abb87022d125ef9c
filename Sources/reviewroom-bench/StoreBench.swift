import ArgumentParser
import Foundation
import LockedValue
import ReviewRoomCore
import ReviewRoomStore

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
    @Option(help: "WAL pages between checkpoints (the store's walAutocheckpointPages).") var checkpointPages: Int = 4_000
    @Option(help: "Sessions of the paced rows (appends offered at the goal's rate: 50,000/s in process mode, 20,000/s in power mode).")
    var pacedSessions: Int = 100

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
        print("paced: appends offered at the goal's rate, each timed from its offer to durable")
        print("mode     sessions  offered/s  appends/s   p50 ms   p99 ms  failed")
        for mode in Durability.allCases {
            let rate: Double = mode == .process ? 50_000 : 20_000
            let paced = try await measurePaced(mode: mode, sessions: pacedSessions, rate: rate, base: base)
            print(String(format: "%-8@ %8d  %9.0f  %9.0f  %7.2f  %7.2f  %6d", mode.rawValue as NSString, pacedSessions, rate,
                         paced.appendsPerSecond, paced.p50Ms, paced.p99Ms, paced.failures))
            print(String(format: #"{"bench":"store-paced","mode":"%@","sessions":%d,"offeredPerSec":%.0f,"appendsPerSec":%.0f,"p50Ms":%.3f,"p99Ms":%.3f,"failures":%d}"#,
                         mode.rawValue as NSString, pacedSessions, rate, paced.appendsPerSecond, paced.p50Ms, paced.p99Ms, paced.failures))
        }
    }

    private func measurePaced(mode: Durability, sessions count: Int, rate: Double, base: String) async throws -> PacedStoreRun.Outcome {
        let dir = base + "/reviewroom-bench-store-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir, durability: mode, walAutocheckpointPages: checkpointPages))
        let ids = try await createSessions(count, in: store)
        let outcome = await PacedStoreRun(store: store, sessions: ids).run(rate: rate, seconds: seconds)
        await store.close()
        return outcome
    }

    private func createSessions(_ count: Int, in store: Store) async throws -> [SessionID] {
        let owner = try await store.addFacilitator(name: "Bench").facilitator.id
        var ids: [SessionID] = []
        for index in 0..<count {
            let definition = SessionDefinition(title: "Bench \(index)", hostSchool: "Bench", focus: "speed",
                                               startsAt: Timestamp(millisecondsSince1970: 0), timeZone: "UTC")
            ids.append(try await store.createSession(owner: owner, definition: definition, participants: []).session.id)
        }
        return ids
    }

    private struct Result {
        var rate: Double
        var p99Ms: Double
    }

    private func measure(mode: Durability, sessions count: Int, maxBatch: Int, base: String) async throws -> Result {
        let dir = base + "/reviewroom-bench-store-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir, durability: mode, maxBatchSize: maxBatch, walAutocheckpointPages: checkpointPages))
        let ids = try await createSessions(count, in: store)
        let latencies = LatencyLog()
        let perSession = max(1, window / count)
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: .milliseconds(Int(seconds * 1000)))
        // Each acknowledgement (on the writer thread) queues that session's next append at once,
        // keeping `perSession` in flight without a task hop: the store is measured, not the scheduler.
        let total = try await withCheckedThrowingContinuation { (done: CheckedContinuation<Int, any Error>) in
            let run = BenchRun(inFlight: perSession * count, done: done)
            for id in ids {
                let driver = SessionDriver(store: store, session: id, clock: clock, deadline: deadline, latencies: latencies, run: run)
                for _ in 0..<perSession { driver.appendNext() }
            }
        }
        let elapsed = clock.now - start
        await store.close()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(rate: Double(total) / seconds, p99Ms: latencies.percentileMilliseconds(0.99))
    }
}

/// Time-to-durable samples, recorded from the writer thread.
private final class LatencyLog: Sendable {
    private let samples = Locked<[Duration]>([])

    func record(_ duration: Duration) { samples.withLock { $0.append(duration) } }

    func percentileMilliseconds(_ p: Double) -> Double {
        let sorted = samples.withLock { $0.sorted() }
        guard !sorted.isEmpty else { return 0 }
        let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        return Double(value.components.seconds) * 1000 + Double(value.components.attoseconds) / 1e15
    }
}

/// Counts appends in flight across all sessions and finishes the run when the last one lands.
private final class BenchRun: Sendable {
    private let state: Locked<(inFlight: Int, acked: Int, error: StoreError?, done: CheckedContinuation<Int, any Error>?)>

    init(inFlight: Int, done: CheckedContinuation<Int, any Error>) {
        state = Locked((inFlight, 0, nil, done))
    }

    /// Records one acknowledgement; `continuing` says whether the driver queued another append.
    func acked(_ result: Result<Int64, StoreError>, continuing: Bool) {
        let finished = state.withLock { state -> (CheckedContinuation<Int, any Error>, Int, StoreError?)? in
            if case .failure(let error) = result, state.error == nil { state.error = error }
            if case .success = result { state.acked += 1 }
            if !continuing { state.inFlight -= 1 }
            guard state.inFlight == 0, let done = state.done else { return nil }
            state.done = nil
            return (done, state.acked, state.error)
        }
        guard let (done, acked, error) = finished else { return }
        if let error { done.resume(throwing: error) } else { done.resume(returning: acked) }
    }
}

/// Appends to one session, the next append queued by the previous one's acknowledgement.
private final class SessionDriver: Sendable {
    private let store: Store
    private let session: SessionID
    private let clock: ContinuousClock
    private let deadline: ContinuousClock.Instant
    private let latencies: LatencyLog
    private let run: BenchRun
    private let seq = Locked<Int64>(0)

    init(store: Store, session: SessionID, clock: ContinuousClock, deadline: ContinuousClock.Instant, latencies: LatencyLog, run: BenchRun) {
        self.store = store
        self.session = session
        self.clock = clock
        self.deadline = deadline
        self.latencies = latencies
        self.run = run
    }

    func appendNext() {
        // Numbering and queueing under one lock, so the first appends (queued by the bench task)
        // and later ones (queued from acknowledgements on the writer thread) stay in seq order.
        // A failed append does not queue another, so the lock is never taken re-entrantly.
        seq.withLock { seq in
            seq += 1
            let event = EventRecord(seq: seq, at: Timestamp(millisecondsSince1970: seq), name: "note.op",
                                    data: #"{"note":"evidence","rev":\#(seq),"op":[12,"a"],"by":"p_x"}"#,
                                    author: "p_x", opId: "o\(seq)")
            let enqueued = clock.now
            store.append([event], to: session) { result in
                let now = self.clock.now
                self.latencies.record(now - enqueued)
                let continuing = now < self.deadline && (try? result.get()) != nil
                if continuing { self.appendNext() }
                self.run.acked(result, continuing: continuing)
            }
        }
    }
}
