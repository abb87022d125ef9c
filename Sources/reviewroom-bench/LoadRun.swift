import Foundation
import ReviewRoomBenchKit
import ReviewRoomCore
import WebSocketTransport
import ReviewRoomTesting

/// One scenario's run against one target: connect every client, let them work for the
/// plan's seconds, drain, and account.
///
/// All state lives in this object and is touched only by the one task running ``run()``:
/// client events (stamped on the lws client thread) and timer ticks arrive through one stream.
final class LoadRun {
    /// What reaches the driver's task.
    enum Input: Sendable {
        /// Client events are waiting in the inbox.
        case clients
        /// The timer ticked.
        case tick
    }

    let plan: ScenarioPlan
    let target: LoadTarget
    var clients: [SimulatedClient] = []
    var byConnection: [UInt64: Int] = [:]
    /// Joined clients per session (the receivers of an edit are the others among them).
    var joinedPerSession: [Int]
    var ledger = EditLatencyLedger()
    /// Each sampled delivery split at the server's `at` (stderr only; the result keeps the whole).
    var stampSplit = ServerStampSplit(wallMinusMonotonic: LoadRun.wallMinusMonotonic())
    /// Latencies over the window in 100 ms slices of send time, counting those over a's 15 ms
    /// goal (stderr only: whether the tail is spread out or bunched into stalls).
    var timeline = LatencyTimeline(origin: .max, width: 100_000_000, threshold: 15_000_000)
    /// When each client's next timer is due.
    var timers = DueQueue(items: 0)
    var counters = LoadRunCounters()
    var pool: WebSocketClientPool?
    var random = SplitMix64(seed: 0x5EED)
    /// Measured window, monotonic nanoseconds.
    var windowStart: UInt64 = .max
    var windowEnd: UInt64 = .max
    var measuring = false
    var draining = false
    /// When the timers were last scanned: at most once a millisecond (not per message).
    var lastTimerScan: UInt64 = 0
    private var nextToConnect = 0
    private var connecting = 0
    private var settled = 0
    private static let maxConnecting = 128

    init(plan: ScenarioPlan, target: LoadTarget, sessions: [SessionProvisioner.Session]) {
        self.plan = plan
        self.target = target
        joinedPerSession = Array(repeating: 0, count: sessions.count)
        let rate: Double = switch plan.typing {
        case .bursts(let perSecond): perSecond
        default: 1
        }
        for (index, session) in sessions.enumerated() {
            for (position, token) in session.tokens.prefix(plan.clientsPerSession).enumerated() {
                let seed = UInt64(index) << 20 | UInt64(position)
                clients.append(SimulatedClient(session: index, token: token, isFacilitator: position == 0,
                                               typist: Typist(seed: seed &+ 1, editsPerSecond: rate)))
            }
        }
        timers = DueQueue(items: clients.count)
    }

    /// Runs the scenario; returns its figures. `rssBefore` is the target's RSS before any client.
    func run() async throws -> ScenarioResult {
        let (stream, continuation) = AsyncStream<Input>.makeStream()
        let inbox = ClientEventInbox()
        let pool = try await WebSocketClientPool(timesSends: true, onEvent: { event in inbox.append(event) },
                                                 onPass: { if inbox.needsWake() { continuation.yield(.clients) } })
        self.pool = pool
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(5))
                continuation.yield(.tick)
            }
        }
        defer {
            ticker.cancel()
            pool.stop()
            continuation.finish()
        }
        let before = try target.usage()
        let connectStarted = MonotonicClock.nanoseconds()
        connectMore()
        var afterJoin: ProcessUsage?
        var cpuAtStart: UInt64 = 0
        var driverCPUAtStart = 0.0
        var histogramsAtStart: Task<[String: DaemonLatencyHistogram], Never>?
        var lastStamp: UInt64 = 0, lastTextAt: UInt64 = 0
        for await input in stream {
            if input == .clients {
                for event in inbox.takeAll() {
                    handle(event)
                    if case .text(_, _, let stamp) = event {
                        lastStamp = stamp
                        lastTextAt = MonotonicClock.nanoseconds()
                    }
                }
            }
            let now = MonotonicClock.nanoseconds()
            if afterJoin == nil {
                if settled == clients.count {
                    afterJoin = try target.usage()
                    startWorkload(at: MonotonicClock.nanoseconds())
                } else if now - connectStarted > 120_000_000_000 {
                    throw BenchError("only \(settled) of \(clients.count) clients joined within 120 s")
                }
                continue
            }
            if histogramsAtStart == nil, now >= windowStart {
                // The window opens after the warm-up: CPU, send waits and the daemon's
                // histograms count from here (the histograms fetched beside the loop, not in it).
                cpuAtStart = try target.usage().cpuTicks
                driverCPUAtStart = Self.ownCPUSeconds()
                _ = pool.takeSendWaits()
                histogramsAtStart = Self.fetchDaemonHistograms(kind: target.kind, port: target.port)
            }
            if measuring {
                if now >= windowEnd {
                    measuring = false
                    draining = true
                } else if now >= lastTimerScan + 1_000_000 {
                    // Timers on every received message were a tenth of the driver's CPU; typing
                    // timers are 120 ms apart, so a millisecond is plenty.
                    lastTimerScan = now
                    workloadTick(now: now)
                }
            }
            // Drain until every edit arrived, or 5 s of arrivals past the window were processed
            // (the driver may lag behind its stream: judge by arrival stamps, or by it going idle).
            if draining, ledger.inFlight == 0
                || now >= windowEnd + 5_000_000_000 && (lastStamp >= windowEnd + 5_000_000_000 || now - lastTextAt > 500_000_000)
                || now >= windowEnd + 60_000_000_000 { break }
        }
        let after = try target.usage()
        var sendWaits = LatencySamples()
        for wait in pool.takeSendWaits() { sendWaits.record(nanoseconds: wait) }
        let daemonHistogramsAtStart = await histogramsAtStart?.value ?? [:]
        let daemonHistogramsAtEnd = await Self.daemonHistograms(kind: target.kind, port: target.port)
        for (name, what) in Self.daemonHistogramNotes {
            if let start = daemonHistogramsAtStart[name], let end = daemonHistogramsAtEnd[name] {
                counters.figure(Self.histogramNote(what, end.since(start)))
            }
        }
        let driverCPU = Self.ownCPUSeconds() - driverCPUAtStart
        counters.lostEdits += ledger.abandonInFlight()
        counters.unknownArrivals = ledger.unknownArrivals
        if counters.lostEdits > 0 { counters.note("\(counters.lostEdits) edits had not reached every other participant 5 s after the window") }
        if counters.unknownArrivals > 0 { counters.note("\(counters.unknownArrivals) note.op arrivals the driver did not expect") }
        var samples = ledger.samples
        let seconds = Double(windowEnd - windowStart) / 1e9
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        let cpuSeconds = Double(after.cpuTicks - cpuAtStart) / ticksPerSecond
        // The driver shares the machine: its own CPU tells whether it, not the server, was the limit.
        counters.figure(String(format: "driver CPU %.2f s, server CPU %.2f s over a %.1f s window", driverCPU, cpuSeconds, seconds))
        if stampSplit.toServer.count > 0 { counters.figure(splitNote()) }
        if sendWaits.count > 0 {
            let waits = sendWaits.summary()
            counters.figure(String(format: "the driver's own send queue (queued until its lws thread wrote it): %d messages, p50 %.2f p99 %.1f max %.1f ms",
                                 waits.count, waits.p50Ms, waits.p99Ms, waits.maxMs))
        }
        if timeline.totalOver > 0 { counters.figure(Self.timelineNote(timeline)) }
        let joinedRSS = Double(afterJoin?.rssBytes ?? before.rssBytes)
        let connections = max(1, clients.filter { $0.stage == .joined }.count)
        return ScenarioResult(
            bench: target.kind == .peer ? "peer" : "load", scenario: plan.letter, sessions: joinedPerSession.count,
            clients: clients.count, latency: samples.summary(),
            framesPerSec: Double(counters.frames) / seconds, editsPerSec: Double(counters.edits) / seconds,
            errors: counters.errors,
            cpuSecPer1kFrames: counters.frames > 0 ? cpuSeconds * 1000 / Double(counters.frames) : 0,
            rssBytesPerConn: (joinedRSS - Double(before.rssBytes)) / Double(connections))
    }

    /// User + system CPU seconds of this process so far.
    static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    /// Opens connections while fewer than ``maxConnecting`` handshakes are under way.
    private func connectMore() {
        guard let pool else { return }
        let address = WebSocketClientTarget(host: "127.0.0.1", port: target.port)
        while connecting < Self.maxConnecting, nextToConnect < clients.count {
            let index = nextToConnect
            nextToConnect += 1
            connecting += 1
            let id = pool.connect(to: address)
            byConnection[id.rawValue] = index
            clients[index].connection = id
            clients[index].stage = .connecting
        }
    }

    /// A client finished joining (or failed to).
    func settle(_ index: Int, joined: Bool) {
        connecting -= 1
        settled += 1
        if joined { joinedPerSession[clients[index].session] += 1 }
        connectMore()
    }

    private func handle(_ event: WebSocketClientEvent) {
        switch event {
        case .opened(let id):
            guard let index = byConnection[id.rawValue] else { return }
            clients[index].stage = .joining
            let hello = #"{"type":"hello","token":"\#(clients[index].token)","client":"reviewroom-bench/1"}"#
            pool?.send(hello, on: id)
        case .text(let id, let bytes, let receivedAt):
            guard let index = byConnection[id.rawValue] else { return }
            if receivedAt >= windowStart, receivedAt <= windowEnd { counters.frames += 1 }
            receive(bytes, client: index, at: receivedAt)
        case .failed(let id, let reason):
            guard let index = byConnection[id.rawValue] else { return }
            counters.connectionFailures += 1
            counters.note("connection failed: \(reason)")
            let wasPending = clients[index].stage == .connecting || clients[index].stage == .joining
            clients[index].stage = .gone
            if wasPending { settle(index, joined: false) }
        case .closed(let id, let code):
            guard let index = byConnection[id.rawValue] else { return }
            let stage = clients[index].stage
            clients[index].stage = .gone
            if stage == .connecting || stage == .joining {
                counters.connectionFailures += 1
                counters.note("closed while joining (code \(code.map(String.init) ?? "none"))")
                settle(index, joined: false)
            } else if stage == .joined {
                counters.connectionFailures += 1
                counters.note("closed during the run (code \(code.map(String.init) ?? "none"))")
                joinedPerSession[clients[index].session] -= 1
            }
        }
    }

    /// Wall-clock minus monotonic nanoseconds, read back to back.
    static func wallMinusMonotonic() -> Int64 {
        var wall = timespec()
        clock_gettime(CLOCK_REALTIME, &wall)
        return Int64(wall.tv_sec) * 1_000_000_000 + Int64(wall.tv_nsec) - Int64(MonotonicClock.nanoseconds())
    }

    /// "split at the server's at: …" with both parts' p50, p99 and maximum.
    private func splitNote() -> String {
        var toSamples = stampSplit.toServer
        var fromSamples = stampSplit.fromServer
        let toServer = toSamples.summary()
        let fromServer = fromSamples.summary()
        return String(format: "split at the server's at (±1 ms): send→applied p50 %.1f p99 %.1f max %.1f ms; applied→others p50 %.1f p99 %.1f max %.1f ms",
                      toServer.p50Ms, toServer.p99Ms, toServer.maxMs, fromServer.p50Ms, fromServer.p99Ms, fromServer.maxMs)
    }

    /// "deliveries over 15 ms: …" — how bunched the tail is in time, and the slowest slices.
    static func timelineNote(_ timeline: LatencyTimeline) -> String {
        let slowest = timeline.worst(5).map { slice in
            String(format: "%.1f s: %.1f ms (applied %.1f, then %.1f; %d of %d over)", Double(slice.start) / 1e9,
                   Double(slice.slowest) / 1e6, Double(slice.slowestToServer) / 1e6, Double(slice.slowestFromServer) / 1e6,
                   slice.over, slice.count)
        }
        return String(format: "deliveries over %.0f ms: %d; the busiest 10%% of %.1f s slices hold %.0f%% of them; slowest slices of send time (from the window's start, CLOCK_MONOTONIC %.3f s): ",
                      Double(timeline.threshold) / 1e6, timeline.totalOver, Double(timeline.width) / 1e9,
                      timeline.overShareOfBusiest(fraction: 0.1) * 100, Double(timeline.origin) / 1e9) + slowest.joined(separator: "; ")
    }

    /// The daemon's histograms noted for every load row, and what each note calls them: the
    /// durable commit, the send thread's queue, and the handling of what the daemon read.
    static let daemonHistogramNotes: [(name: String, what: String)] = [
        (DaemonLatencyHistogram.commitLatency, "commits in the window"),
        (DaemonLatencyHistogram.sendWait, "the daemon's send waits (oldest unsent frame until written)"),
        (DaemonLatencyHistogram.receiveHandling, "the daemon's handling of what it read (read until handled)"),
    ]

    /// ``daemonHistograms(kind:port:)`` fetched beside the caller.
    static func fetchDaemonHistograms(kind: LoadTarget.Kind, port: Int) -> Task<[String: DaemonLatencyHistogram], Never> {
        Task { await daemonHistograms(kind: kind, port: port) }
    }

    /// The daemon's latency histograms from its `/metrics`, by name (empty for the peer, or when
    /// they cannot be read: the figures are notes, never an error).
    static func daemonHistograms(kind: LoadTarget.Kind, port: Int) async -> [String: DaemonLatencyHistogram] {
        guard kind == .reviewroom else { return [:] }
        guard let text = try? await RawBlocking.run({ () throws -> String in
            let client = try RawHTTPClient(port: port)
            defer { client.close() }
            return try client.request("GET", "/metrics", timeout: 10).text
        }) else { return [:] }
        var histograms: [String: DaemonLatencyHistogram] = [:]
        for (name, _) in Self.daemonHistogramNotes {
            histograms[name] = DaemonLatencyHistogram(metricsText: text, name: name)
        }
        return histograms
    }

    /// "WHAT: N, mean …, p50 ≤ …, p99 ≤ … (histogram bounds)" for one histogram's window.
    static func histogramNote(_ what: String, _ window: DaemonLatencyHistogram) -> String {
        "\(what): " + String(format: "%.0f, mean %.2f ms, p50 ≤ %.2f ms, p99 ≤ %.1f ms (histogram bounds)",
                              window.count, window.meanMilliseconds, window.percentileBoundMilliseconds(50), window.percentileBoundMilliseconds(99))
    }
}
