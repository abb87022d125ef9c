/// CPU time and resident memory of a process, as read from `/proc/<pid>/stat` and
/// `/proc/<pid>/status` (the parsing is pure; the caller reads the files).
public struct ProcessUsage: Sendable, Equatable {
    /// User plus system CPU time, in clock ticks.
    public var cpuTicks: UInt64
    /// Resident set size in bytes.
    public var rssBytes: UInt64

    /// Creates a reading.
    public init(cpuTicks: UInt64, rssBytes: UInt64) {
        self.cpuTicks = cpuTicks
        self.rssBytes = rssBytes
    }

    /// Parses the contents of `/proc/<pid>/stat` and `/proc/<pid>/status`.
    ///
    /// `stat`: the command name is in parentheses and may hold spaces, so fields are counted
    /// after the last `)`; utime and stime are fields 14 and 15 (1-based, as in proc(5)).
    /// `status`: the `VmRSS:` line in kB.
    public static func parse(stat: String, status: String) throws(ProcessUsageError) -> ProcessUsage {
        guard let close = stat.lastIndex(of: ")") else {
            throw ProcessUsageError("the stat text has no ')' after the command name: \(stat.prefix(60))")
        }
        // Fields after ") " start at field 3 (state).
        let fields = stat[stat.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 13, let utime = UInt64(fields[11]), let stime = UInt64(fields[12]) else {
            throw ProcessUsageError("the stat text has no numeric utime/stime in fields 14 and 15: \(stat.prefix(60))")
        }
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else {
            throw ProcessUsageError("the status text has no VmRSS line")
        }
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count >= 3, let kilobytes = UInt64(parts[1]), parts[2] == "kB" else {
            throw ProcessUsageError("the VmRSS line is not '<n> kB': \(line)")
        }
        return ProcessUsage(cpuTicks: utime + stime, rssBytes: kilobytes * 1024)
    }
}
