import ReviewRoomBenchKit
import Testing

@Suite("Process usage from /proc text")
struct ProcessUsageTests {
    static let status = "Name:\treviewroomd\nVmPeak:\t  300000 kB\nVmRSS:\t   20480 kB\nThreads:\t4\n"

    @Test("utime + stime and VmRSS are read, even with spaces and parentheses in the name")
    func parses() throws {
        let stat = "4242 (review (room) d) S 1 4242 4242 0 -1 4194560 1234 0 0 0 150 25 0 0 20 0 4 0 100 300000000 5120"
        let usage = try ProcessUsage.parse(stat: stat, status: Self.status)
        #expect(usage.cpuTicks == 175)
        #expect(usage.rssBytes == 20480 * 1024)
    }

    @Test("A stat line without a command name is refused")
    func noParenthesis() {
        #expect(throws: ProcessUsageError.self) { try ProcessUsage.parse(stat: "4242 S 1 2 3", status: Self.status) }
    }

    @Test("A stat line with non-numeric times is refused")
    func badTimes() {
        let stat = "1 (x) S 1 1 1 0 -1 0 0 0 0 0 xx yy 0 0"
        #expect(throws: ProcessUsageError.self) { try ProcessUsage.parse(stat: stat, status: Self.status) }
    }

    @Test("A status text without VmRSS, or in other units, is refused")
    func badStatus() {
        let stat = "1 (x) S 1 1 1 0 -1 0 0 0 0 0 10 20 0 0"
        #expect(throws: ProcessUsageError.self) { try ProcessUsage.parse(stat: stat, status: "Name:\tx\n") }
        #expect(throws: ProcessUsageError.self) { try ProcessUsage.parse(stat: stat, status: "VmRSS:\t 5 MB\n") }
    }
}
