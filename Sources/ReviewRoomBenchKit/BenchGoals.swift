import Foundation

/// Reads the JSON lines one `make bench` run wrote (`.build/bench-results.jsonl`) and holds
/// every figure against the goal of the issue that set it, ReviewRoom's saturation figure side
/// by side with the C send loop's (the limit) and the Hummingbird relay's (the peer).
public enum BenchGoals {
    /// The goals table for `lines`; lines that are not JSON objects are skipped.
    public static func rows(fromJSONLines lines: [String]) -> [BenchGoalRow] {
        let records = lines.compactMap { line -> [String: Any]? in
            guard line.hasPrefix("{"), let data = line.data(using: .utf8) else { return nil }
            return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        }
        let run = Run(records: records)
        return run.traceRows() + run.storeRows() + run.loadRows() + run.limitRows() + run.peerRows()
    }

    /// Scenario e's p99 bound (issue 9): its figure is the most frames/s of a step within it.
    public static let saturationBoundMs = 50.0

    /// ReviewRoom's best frames/s among `steps` whose p99 is at most `bound` ms (the strict
    /// reading of "at equal or better p99"); nil when no step qualifies.
    public static func bestFrames(of steps: [(framesPerSec: Double, p99Ms: Double)], withinP99 bound: Double) -> Double? {
        steps.filter { $0.p99Ms <= bound }.map(\.framesPerSec).max()
    }
}

/// The records of one run, indexed the way the goals need them.
private struct Run {
    let records: [[String: Any]]

    /// The run's last record matching `match` (a step run twice counts with its later figure).
    func latest(where match: ([String: Any]) -> Bool) -> [String: Any]? { records.last(where: match) }

    func load(_ bench: String, _ scenario: String) -> [String: Any]? {
        latest { $0["bench"] as? String == bench && $0["scenario"] as? String == scenario }
    }

    func steps(_ bench: String) -> [(framesPerSec: Double, p99Ms: Double)] {
        records.filter { ($0["bench"] as? String) == bench && (($0["scenario"] as? String)?.hasPrefix("e@") ?? false) }
            .compactMap { record in
                guard let frames = number(record["framesPerSec"]), let p99 = number(record["p99Ms"]) else { return nil }
                return (frames, p99)
            }
    }

    func traceRows() -> [BenchGoalRow] {
        guard let trace = latest(where: { $0["trace"] != nil }), let ms = number(trace["ms"]) else {
            return [BenchGoalRow(name: "trace", goal: "≤ 30 ms (issue 4)", measured: "not in this run", met: nil)]
        }
        let ends = trace["endMatches"] as? Bool ?? false
        return [BenchGoalRow(name: "trace", goal: "≤ 30 ms, end text matches (issue 4)",
                             measured: "\(fixed(ms, 2)) ms\(ends ? "" : ", END TEXT DIFFERS")", met: ms <= 30 && ends)]
    }

    func storeRows() -> [BenchGoalRow] {
        var rows: [BenchGoalRow] = []
        for (mode, floor) in [("process", 50_000.0), ("power", 20_000.0)] {
            let modeRows = records.filter { $0["bench"] as? String == "store" && $0["mode"] as? String == mode }
            let rates = modeRows.compactMap { number($0["appendsPerSec"]) }
            guard let slowest = rates.min() else { continue }
            rows.append(BenchGoalRow(name: "store \(mode)", goal: "≥ \(thousands(floor)) appends/s (issue 5)",
                                     measured: "\(thousands(slowest)) appends/s at the slowest of \(rates.count) rows",
                                     met: slowest >= floor))
        }
        if let hundred = latest(where: { $0["bench"] as? String == "store" && $0["mode"] as? String == "process"
                                        && number($0["sessions"]) == 100 }), let p99 = number(hundred["p99Ms"]) {
            rows.append(BenchGoalRow(name: "store p99, closed loop", goal: "p99 ≤ 5 ms, process, 100 sessions",
                                     measured: "\(fixed(p99, 2)) ms (mostly its own window waiting)", met: p99 <= 5))
        }
        for paced in records where paced["bench"] as? String == "store-paced" {
            guard let mode = paced["mode"] as? String, let p99 = number(paced["p99Ms"]),
                  let offered = number(paced["offeredPerSec"]) else { continue }
            let failures = Int(number(paced["failures"]) ?? 0)
            // Issue 5's p99 goal is for process mode; the power row is shown for comparison.
            let goal = mode == "process" ? "p99 ≤ 5 ms at \(thousands(offered))/s" : "none for p99 (at \(thousands(offered))/s)"
            rows.append(BenchGoalRow(name: "store p99, paced \(mode)", goal: goal,
                                     measured: "\(fixed(p99, 2)) ms, \(failures) failed",
                                     met: mode == "process" ? p99 <= 5 && failures == 0 : nil))
        }
        return rows
    }

    func loadRows() -> [BenchGoalRow] {
        var rows: [BenchGoalRow] = []
        if let a = load("load", "a"), let p99 = number(a["p99Ms"]) {
            let errors = Int(number(a["errors"]) ?? 0)
            rows.append(BenchGoalRow(name: "a 1,000 × 8", goal: "p99 ≤ 15 ms, 0 errors",
                                     measured: "p99 \(fixed(p99, 1)) ms, \(errors) errors", met: p99 <= 15 && errors == 0))
        }
        rows += capacityRows()
        if let b = load("load", "b"), let rss = number(b["rssBytesPerConn"]) {
            rows.append(BenchGoalRow(name: "b 10,000 idle", goal: "≤ 8 KB user-space RSS per connection",
                                     measured: "\(thousands(rss)) B", met: rss <= 8192))
        }
        if let c = load("load", "c"), let p99 = number(c["p99Ms"]) {
            let errors = Int(number(c["errors"]) ?? 0)
            rows.append(BenchGoalRow(name: "c 1 × 50", goal: "p99 ≤ 50 ms", measured: "p99 \(fixed(p99, 2)) ms, \(errors) errors",
                                     met: p99 <= 50 && errors == 0))
        }
        if let d = load("load", "d"), let ready = number(d["readyMs"]) {
            rows.append(BenchGoalRow(name: "d restart", goal: "/readyz ≤ 2 s", measured: "\(fixed(ready, 0)) ms", met: ready <= 2000))
        }
        if let e = load("load", "e"), let frames = number(e["framesPerSec"]), let p99 = number(e["p99Ms"]) {
            rows.append(BenchGoalRow(name: "e saturation", goal: "most frames/s with p99 ≤ 50 ms",
                                     measured: "\(thousands(frames)) frames/s at p99 \(fixed(p99, 1)) ms", met: nil))
        }
        return rows
    }

    /// Scenario a's capacity curve (`a@CLIENTS` steps and a itself): the most clients whose p99
    /// stayed within a's 15 ms with no errors, and the next step up, which did not.
    func capacityRows() -> [BenchGoalRow] {
        let runs = records.filter { record in
            guard record["bench"] as? String == "load", let scenario = record["scenario"] as? String else { return false }
            return scenario == "a" || scenario.hasPrefix("a@")
        }.compactMap { record -> (clients: Double, p99Ms: Double, errors: Double)? in
            guard let clients = number(record["clients"]), let p99 = number(record["p99Ms"]) else { return nil }
            return (clients, p99, number(record["errors"]) ?? 0)
        }.sorted { $0.clients < $1.clients }
        guard runs.count > 1 else { return [] }
        let goal = "most clients at 1 edit/s within a's p99 ≤ 15 ms"
        func step(_ run: (clients: Double, p99Ms: Double, errors: Double)) -> String {
            "\(thousands(run.clients)) at p99 \(fixed(run.p99Ms, 1)) ms\(run.errors > 0 ? ", \(Int(run.errors)) errors" : "")"
        }
        guard let best = runs.last(where: { $0.p99Ms <= 15 && $0.errors == 0 }) else {
            return [BenchGoalRow(name: "a capacity", goal: goal, measured: "none of the steps; the fewest, \(step(runs[0]))", met: nil)]
        }
        let next = runs.first { $0.clients > best.clients }
        let measured = "\(thousands(best.clients)) clients (p99 \(fixed(best.p99Ms, 1)) ms)" + (next.map { "; next step \(step($0))" } ?? "")
        return [BenchGoalRow(name: "a capacity", goal: goal, measured: measured, met: nil)]
    }

    func limitRows() -> [BenchGoalRow] {
        guard let e = load("load", "e"), let frames = number(e["framesPerSec"]),
              let limit = latest(where: { $0["bench"] as? String == "limit" }),
              let perCore = number(limit["framesPerCoreSec"]) ?? number(limit["framesPerSec"]), perCore > 0 else {
            return [BenchGoalRow(name: "limit", goal: "e ≥ 0.5× the C send loop", measured: "not in this run", met: nil)]
        }
        let ratio = frames / perCore
        return [BenchGoalRow(name: "limit", goal: "e ≥ 0.5× the C send loop's frames per core-second",
                             measured: "\(thousands(frames)) vs \(thousands(perCore)) → \(fixed(ratio, 2))×", met: ratio >= 0.5)]
    }

    func peerRows() -> [BenchGoalRow] {
        guard let e = load("load", "e"), let frames = number(e["framesPerSec"]), let p99 = number(e["p99Ms"]),
              let peer = load("peer", "e"), let peerFrames = number(peer["framesPerSec"]), peerFrames > 0,
              let peerP99 = number(peer["p99Ms"]) else {
            return [BenchGoalRow(name: "peer", goal: "≥ 1.5× the peer at equal or better p99", measured: "not in this run", met: nil)]
        }
        let sameBound = frames / peerFrames
        var rows = [BenchGoalRow(name: "peer, same 50 ms bound", goal: "ReviewRoom's e ≥ 1.5× the peer's e",
                                 measured: "\(thousands(frames)) (p99 \(fixed(p99, 1))) vs \(thousands(peerFrames)) (p99 \(fixed(peerP99, 1))) → \(fixed(sameBound, 2))×",
                                 met: sameBound >= 1.5)]
        // A peer none of whose steps kept within e's bound is read at that bound, not at its own
        // p99: ReviewRoom's steps past 50 ms are no e either (run BS printed "4.53×, met" for a
        // step at 234.6 ms against the peer's 253.0 ms).
        let bound = min(peerP99, BenchGoals.saturationBoundMs)
        let within = "within p99 \(fixed(bound, 1)) ms" + (peerP99 > bound ? " (the peer's e read \(fixed(peerP99, 1)) ms, over e's bound)" : "")
        if let strict = BenchGoals.bestFrames(of: steps("load"), withinP99: bound) {
            let ratio = strict / peerFrames
            rows.append(BenchGoalRow(name: "peer, strict", goal: "≥ 1.5× at a p99 ≤ the peer's e p99",
                                     measured: "best step \(within): \(thousands(strict)) → \(fixed(ratio, 2))×", met: ratio >= 1.5))
        } else {
            rows.append(BenchGoalRow(name: "peer, strict", goal: "≥ 1.5× at a p99 ≤ the peer's e p99",
                                     measured: "no ReviewRoom step \(within)", met: false))
        }
        return rows
    }
}

private func number(_ value: Any?) -> Double? {
    (value as? NSNumber)?.doubleValue
}

private func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

private func thousands(_ value: Double) -> String {
    let whole = Int(value.rounded())
    let digits = String(abs(whole))
    var grouped = ""
    for (index, digit) in digits.reversed().enumerated() {
        if index > 0, index % 3 == 0 { grouped.append(",") }
        grouped.append(digit)
    }
    return (whole < 0 ? "-" : "") + String(grouped.reversed())
}
