import Foundation
import LockedValue
import ReviewRoomBenchKit

/// The human-readable table on stderr (stdout carries only the JSON lines).
enum ResultTable {
    /// Prints one row (and the header before the first).
    static func printRow(_ r: ScenarioResult) {
        if !printedHeader.withLock({ done in defer { done = true }; return done }) {
            write("bench  sc     sessions clients   p50ms   p90ms   p99ms   maxms   frames/s  edits/s errors cpu-s/1kfr rss-B/conn ready-ms")
        }
        let ready = r.readyMs.map { String(format: "%8.0f", $0) } ?? "       -"
        write(r.bench.padding(toLength: 6, withPad: " ", startingAt: 0) + " " + r.scenario.padding(toLength: 6, withPad: " ", startingAt: 0)
            + String(format: " %8d %7d %7.2f %7.2f %7.2f %7.1f %10.0f %8.0f %6d %10.4f %10.0f ",
                     r.sessions, r.clients, r.latency.p50Ms, r.latency.p90Ms, r.latency.p99Ms,
                     r.latency.maxMs, r.framesPerSec, r.editsPerSec, r.errors, r.cpuSecPer1kFrames, r.rssBytesPerConn) + ready)
    }

    private static let printedHeader = Locked(false)

    private static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
