import Foundation
import LockedValue
import ReviewRoomCore
import ReviewRoomStore

/// An open-loop store run: appends offered at a fixed rate, round-robin over the sessions,
/// whatever the store's replies, each timed from its offer to its acknowledgement.
///
/// The closed-loop rows keep a window of appends in flight and measure the store flat out, so
/// their p99 is mostly that window waiting (Little's law: window ÷ throughput). This answers
/// the goal's question directly: at the goal's rate, how long does an append wait to be durable?
final class PacedStoreRun: Sendable {
    /// What a paced run measured.
    struct Outcome {
        /// Acknowledged appends per second over the run.
        var appendsPerSecond: Double
        /// Median time from offer to durable, ms.
        var p50Ms: Double
        /// 99th percentile time from offer to durable, ms.
        var p99Ms: Double
        /// Appends refused (should be 0).
        var failures: Int
    }

    private struct State {
        var latencies: [Duration] = []
        var outstanding = 0
        var failures = 0
        var offering = true
        var done: CheckedContinuation<Void, Never>?
    }

    private let store: Store
    private let sessions: [SessionID]
    private let state = Locked(State())
    private let clock = ContinuousClock()

    init(store: Store, sessions: [SessionID]) {
        self.store = store
        self.sessions = sessions
    }

    /// Offers `rate` appends per second for `seconds`, then waits for the last acknowledgement.
    func run(rate: Double, seconds: Double) async -> Outcome {
        let start = clock.now
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            let thread = Thread { self.offer(rate: rate, seconds: seconds, start: start, finished: finished) }
            thread.name = "rr-bench-pacer"
            thread.start()
        }
        let elapsed = clock.now - start
        let (latencies, failures) = state.withLock { ($0.latencies.sorted(), $0.failures) }
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            let value = latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
            return Double(value.components.seconds) * 1000 + Double(value.components.attoseconds) / 1e15
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Outcome(appendsPerSecond: Double(latencies.count) / seconds, p50Ms: percentile(0.5),
                       p99Ms: percentile(0.99), failures: failures)
    }

    /// The pacer thread: every 100 µs, offers what the rate says is due by now.
    private func offer(rate: Double, seconds: Double, start: ContinuousClock.Instant,
                       finished: CheckedContinuation<Void, Never>) {
        var offered = 0
        var session = 0
        // Only this thread appends, so each session's appends reach the store in seq order.
        var seqs = [Int64](repeating: 0, count: sessions.count)
        let total = Int(rate * seconds)
        while offered < total {
            let elapsed = clock.now - start
            let due = min(total, Int(rate * (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)))
            while offered < due {
                seqs[session] += 1
                append(seq: seqs[session], to: session)
                session = (session + 1) % sessions.count
                offered += 1
            }
            usleep(100)
        }
        let allAcknowledged = state.withLock { state -> Bool in
            state.offering = false
            if state.outstanding == 0 { return true }
            state.done = finished
            return false
        }
        if allAcknowledged { finished.resume() }
    }

    private func append(seq: Int64, to index: Int) {
        state.withLock { $0.outstanding += 1 }
        let event = EventRecord(seq: seq, at: Timestamp(millisecondsSince1970: seq), name: "note.op",
                                data: #"{"note":"evidence","rev":\#(seq),"op":[12,"a"],"by":"p_x"}"#,
                                author: "p_x", opId: "o\(seq)")
        let offeredAt = clock.now
        store.append([event], to: sessions[index]) { result in
            let latency = self.clock.now - offeredAt
            let finished = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
                if case .success = result { state.latencies.append(latency) } else { state.failures += 1 }
                state.outstanding -= 1
                guard !state.offering, state.outstanding == 0, let done = state.done else { return nil }
                state.done = nil
                return done
            }
            finished?.resume()
        }
    }
}
