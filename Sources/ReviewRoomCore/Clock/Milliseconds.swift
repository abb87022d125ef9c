/// Conversions between wire seconds (fractional `Double`) and the whole milliseconds the
/// core computes with, so that sums of durations are exact.
enum Milliseconds {
    /// Seconds rounded to the nearest millisecond; beyond `Int64`'s range it saturates to
    /// `Int64.max`/`Int64.min` (NaN gives 0).
    static func from(seconds: Double) -> Int64 {
        let ms = (seconds * 1000).rounded()
        if let exact = Int64(exactly: ms) { return exact }
        // A client may send any JSON number (`turnSec: -1e300`); callers range-check the
        // result, so saturating keeps such input a `bad_request` instead of a trap.
        return ms.isNaN ? 0 : (ms > 0 ? .max : .min)
    }

    /// Milliseconds as wire seconds.
    static func seconds(_ ms: Int64) -> Double { Double(ms) / 1000 }

    /// `instant` moved by `ms`.
    static func add(_ ms: Int64, to instant: Timestamp) -> Timestamp {
        Timestamp(millisecondsSince1970: instant.millisecondsSince1970 + ms)
    }

    /// Milliseconds from `start` to `end` (negative when `end` is earlier).
    static func between(_ start: Timestamp, _ end: Timestamp) -> Int64 {
        end.millisecondsSince1970 - start.millisecondsSince1970
    }
}
