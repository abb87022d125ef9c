/// Splits each edit→other-participant latency at the server's own timestamp: the event's `at`
/// (PROTOCOL: RFC 3339 UTC with milliseconds), which the daemon sets when its session applies
/// the edit. The part before it is the driver's send queue, the sockets and the daemon's read
/// and mailbox; the part after it is the durable commit, the fan-out and the driver's read.
///
/// Driver and daemon share the machine's clocks, so the wall-clock `at` is put on the driver's
/// monotonic clock with one offset taken when the run starts. `at` has millisecond resolution,
/// so either part may read up to 1 ms off; a part that would be negative reads 0. Pure: the
/// caller supplies every timestamp.
public struct ServerStampSplit: Sendable {
    /// Wall-clock nanoseconds minus monotonic nanoseconds, read together once.
    public let wallMinusMonotonic: Int64
    /// Send → the server's `at`, in nanoseconds.
    public private(set) var toServer = LatencySamples()
    /// The server's `at` → arrival at another participant, in nanoseconds.
    public private(set) var fromServer = LatencySamples()

    /// A split for a run whose clocks differ by `wallMinusMonotonic` nanoseconds.
    public init(wallMinusMonotonic: Int64) {
        self.wallMinusMonotonic = wallMinusMonotonic
    }

    /// Records one delivery: sent at `sentAt` and received at `arrivedAt` (monotonic ns), applied
    /// by the server at `serverAtMilliseconds` (Unix epoch milliseconds); returns both parts in
    /// nanoseconds.
    @discardableResult
    public mutating func record(sentAt: UInt64, serverAtMilliseconds: Int64, arrivedAt: UInt64) -> (toServer: UInt64, fromServer: UInt64) {
        let serverAt = serverAtMilliseconds * 1_000_000 - wallMinusMonotonic
        let parts = (toServer: UInt64(max(0, serverAt - Int64(sentAt))), fromServer: UInt64(max(0, Int64(arrivedAt) - serverAt)))
        toServer.record(nanoseconds: parts.toServer)
        fromServer.record(nanoseconds: parts.fromServer)
        return parts
    }

    /// Unix epoch milliseconds of an RFC 3339 UTC time with milliseconds as PROTOCOL writes it
    /// (`2026-11-29T10:00:01.004Z`); nil for any other shape.
    public static func epochMilliseconds<Bytes: Collection<UInt8>>(rfc3339 text: Bytes) -> Int64? {
        let bytes = Array(text)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              let milli = number(20..<23), (1...12).contains(month), (1...31).contains(day),
              hour < 24, minute < 60, second < 61 else { return nil }
        let seconds = daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
        return seconds * 1_000 + milli
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
