import Logging
import ReviewRoomServer
import Testing

@Suite("Shutdown deadline (in process)")
struct ShutdownDeadlineUnitTests {
    @Test func anArmedDeadlineThatIsNotDisarmedDescribesWhatIsLeftAndEndsTheProcess() async throws {
        let (ended, end) = AsyncStream<String>.makeStream()
        let deadline = ShutdownDeadline(bound: .milliseconds(10), logger: Logger(label: "test.deadline"),
                                        describe: { "3 connections" }, exitAction: { end.yield("exit") })
        deadline.stage = "closing the store"
        deadline.arm()
        var iterator = ended.makeAsyncIterator()
        #expect(await iterator.next() == "exit")
        #expect(deadline.stage == "closing the store")
    }

    @Test func disarmingBeforeArmingKeepsItFromEverStarting() async throws {
        let (ended, end) = AsyncStream<String>.makeStream()
        let disarmed = ShutdownDeadline(bound: .zero, logger: Logger(label: "test.deadline"), exitAction: { end.yield("disarmed one fired") })
        disarmed.disarm()
        disarmed.arm()
        // A second deadline that does fire, armed after: the stream's first entry shows which one ran.
        let armed = ShutdownDeadline(bound: .milliseconds(50), logger: Logger(label: "test.deadline"), exitAction: { end.yield("armed one fired") })
        armed.arm()
        var iterator = ended.makeAsyncIterator()
        #expect(await iterator.next() == "armed one fired")
    }
}
