import ReviewRoomTesting
import Testing

@Suite("AwaitableLog (test support)")
struct AwaitableLogTests {
    @Test func findsPastAndFutureEntries() async throws {
        let log = AwaitableLog<String>(name: "test")
        log.append("one")
        #expect(try await log.first(where: { $0 == "one" }, timeout: .seconds(5)) == "one")
        async let later = log.first(where: { $0.hasPrefix("t") }, timeout: .seconds(30))
        log.append("two")
        #expect(try await later == "two")
        #expect(log.entries == ["one", "two"])
    }

    @Test func endingTheLogFailsTheWaiters() async throws {
        let log = AwaitableLog<Int>(name: "numbers")
        let missing = Task { try await log.first(where: { $0 > 10 }, timeout: .seconds(30)) }
        log.append(1)
        log.finish()
        await #expect(throws: AwaitTimeout.self) { try await missing.value }
        await #expect(throws: AwaitTimeout.self) { try await log.first(where: { $0 > 10 }, timeout: .seconds(30)) }
    }

    @Test func aWaitWithoutAMatchTimesOutNamingTheLog() async throws {
        let log = AwaitableLog<Int>(name: "quiet log")
        do {
            _ = try await log.first(where: { _ in true }, timeout: .milliseconds(20))
            Issue.record("an empty log matched")
        } catch let error as AwaitTimeout {
            #expect(error.description.contains("quiet log"))
        }
    }
}
