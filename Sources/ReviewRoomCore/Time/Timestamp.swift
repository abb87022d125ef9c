/// An instant on the UTC time line with millisecond precision.
///
/// The core never reads a clock: every instant it sees is passed in as a `Timestamp`.
/// On the wire a timestamp is an RFC 3339 UTC string with milliseconds
/// (`2026-11-29T10:00:01.004Z`), which is how it encodes and decodes.
public struct Timestamp: Hashable, Comparable, Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSince1970: Int64

    /// Creates a timestamp from milliseconds since the Unix epoch.
    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    /// Creates a timestamp from (possibly fractional) seconds since the Unix epoch,
    /// rounded to the nearest millisecond.
    public init(secondsSince1970: Double) {
        self.millisecondsSince1970 = Int64((secondsSince1970 * 1000).rounded())
    }

    /// Seconds since the Unix epoch.
    public var secondsSince1970: Double { Double(millisecondsSince1970) / 1000 }

    /// This instant moved by `seconds` (rounded to the millisecond).
    public func adding(seconds: Double) -> Timestamp {
        Timestamp(millisecondsSince1970: millisecondsSince1970 + Int64((seconds * 1000).rounded()))
    }

    /// Seconds from `self` to `other` (positive when `other` is later).
    public func seconds(to other: Timestamp) -> Double {
        Double(other.millisecondsSince1970 - millisecondsSince1970) / 1000
    }

    /// Orders timestamps on the time line.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }
}
