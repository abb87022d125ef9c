/// Conversions between wire seconds (fractional `Double`) and the whole milliseconds the
/// core computes with, so that sums of durations are exact.
enum Milliseconds {
    /// Seconds rounded to the nearest millisecond.
    static func from(seconds: Double) -> Int64 { Int64((seconds * 1000).rounded()) }

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
