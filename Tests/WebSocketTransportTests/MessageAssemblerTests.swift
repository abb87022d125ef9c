import LockedValue
import Testing
@testable import WebSocketTransport

@Suite struct MessageAssemblerTests {
    private func feed(_ assembler: inout MessageAssembler, _ text: String, final: Bool, limit: Int,
                      drainLimit: Int = 0) -> MessageAssembler.Step {
        Array(text.utf8).withUnsafeBytes { assembler.append($0, isFinal: final, limit: limit, drainLimit: drainLimit) }
    }

    @Test func joinsChunksUntilFinal() {
        var assembler = MessageAssembler()
        #expect(feed(&assembler, "ab", final: false, limit: 10) == .incomplete)
        #expect(feed(&assembler, "cd", final: false, limit: 10) == .incomplete)
        #expect(feed(&assembler, "e", final: true, limit: 10) == .complete(Array("abcde".utf8)))
        #expect(assembler.pendingCount == 0)
        #expect(feed(&assembler, "x", final: true, limit: 10) == .complete(Array("x".utf8)))
    }

    @Test func refusesAMessageThatGrowsPastTheLimitAndForgetsIt() {
        var assembler = MessageAssembler()
        #expect(feed(&assembler, "12345", final: false, limit: 8) == .incomplete)
        #expect(feed(&assembler, "6789", final: true, limit: 8) == .tooBig(limit: 8))
        #expect(assembler.pendingCount == 0)
        #expect(feed(&assembler, "12345678", final: true, limit: 8) == .complete(Array("12345678".utf8)))
    }

    /// The server reads a refused message to its end before closing 1009: closing mid-frame
    /// left lws' UTF-8 check mid-character on the rest, and lws dropped the connection
    /// without the close frame.
    @Test func drainsARefusedMessageToItsEndThenRefusesIt() {
        var assembler = MessageAssembler()
        #expect(feed(&assembler, "12345", final: false, limit: 8, drainLimit: 100) == .incomplete)
        #expect(feed(&assembler, "6789", final: false, limit: 8, drainLimit: 100) == .draining(limit: 8))
        #expect(assembler.pendingCount == 0)
        #expect(feed(&assembler, "\u{4E2D}\u{4E2D}", final: false, limit: 8, drainLimit: 100) == .draining(limit: 8))
        #expect(feed(&assembler, "end", final: true, limit: 8, drainLimit: 100) == .tooBig(limit: 8))
        #expect(feed(&assembler, "next", final: true, limit: 8, drainLimit: 100) == .complete(Array("next".utf8)))
    }

    @Test func givesUpDrainingPastTheDrainLimit() {
        var assembler = MessageAssembler()
        #expect(feed(&assembler, "123456789", final: false, limit: 8, drainLimit: 10) == .draining(limit: 8))
        #expect(feed(&assembler, "1234567890", final: false, limit: 8, drainLimit: 10) == .draining(limit: 8))
        #expect(feed(&assembler, "1", final: false, limit: 8, drainLimit: 10) == .tooBig(limit: 8))
        #expect(feed(&assembler, "ok", final: true, limit: 8, drainLimit: 10) == .complete(Array("ok".utf8)))
    }
}

@Suite struct FIFOTests {
    @Test func keepsOrderAcrossCompaction() {
        var queue = FIFO<Int>()
        var popped: [Int] = []
        for i in 0..<1000 {
            queue.append(i)
            if i % 3 == 0, let first = queue.popFirst() { popped.append(first) }
        }
        while let next = queue.popFirst() { popped.append(next) }
        #expect(popped == Array(0..<1000))
        #expect(queue.isEmpty)
        queue.append(7)
        queue.append(8)
        #expect(queue.first == 7)
        #expect(queue.popFirst() == 7)
        #expect(queue.count == 1)
    }

    @Test func keepsWorkingAfterADrainGaveItsStorageBack() {
        var queue = FIFO<String>()
        for round in 0..<3 {
            queue.append("a\(round)")
            queue.append("b\(round)")
            #expect(queue.popFirst() == "a\(round)")
            #expect(queue.popFirst() == "b\(round)")
            #expect(queue.isEmpty)
            #expect(queue.first == nil)
            #expect(queue.popFirst() == nil)
        }
        queue.append("last")
        #expect(queue.count == 1)
        #expect(queue.popFirst() == "last")
    }
}

@Suite struct InboundQueueTests {
    @Test func pausesAfterTheFirstMessageUntilAuthenticatedAndAtHighWater() async {
        let resumes = Locked(0)
        let queue = InboundQueue(highWater: 3) { resumes.withLock { $0 += 1 } }
        #expect(queue.push(.text([1])) == .pauseReading)
        queue.authenticate()
        #expect(resumes.withLock { $0 } == 1)
        #expect(queue.push(.text([2])) == .keepReading)
        #expect(queue.push(.text([3])) == .pauseReading)
        // Consuming below the high-water mark asks for reading to resume, once.
        if case .text(let first)? = await queue.next() { #expect(first == [1]) }
        #expect(resumes.withLock { $0 } == 2)
        if case .text(let second)? = await queue.next() { #expect(second == [2]) }
        #expect(resumes.withLock { $0 } == 2)
        queue.finish()
        if case .text(let third)? = await queue.next() { #expect(third == [3]) }
        #expect(await queue.next() == nil)
        #expect(queue.push(.text([4])) == .dropped)
    }
}

@Suite struct FrameHeaderTests {
    private func header(_ length: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 10)
        let count = bytes.withUnsafeMutableBufferPointer { FrameBatch.writeHeader(payload: length, to: $0.baseAddress!) }
        #expect(count == FrameBatch.headerLength(payload: length))
        return Array(bytes.prefix(count))
    }

    @Test func lengthsUseTheSevenSixteenAndSixtyFourBitFormsAtTheirEdges() {
        #expect(header(0) == [0x81, 0])
        #expect(header(125) == [0x81, 125])
        #expect(header(126) == [0x81, 126, 0, 126])
        #expect(header(65_535) == [0x81, 126, 0xFF, 0xFF])
        #expect(header(65_536) == [0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0])
        #expect(header(0x0102_0304_0506) == [0x81, 127, 0, 0, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06])
    }
}

@Suite struct DrainLimitTests {
    /// Past its limit a message is read (and dropped) up to 16 times the limit, at least 64 KiB's
    /// worth; a limit near `Int.max` saturates instead of trapping on every frame.
    @Test func theDrainAllowanceIsSixteenLimitsAndSaturates() {
        #expect(ServiceCore.drainLimit(1) == 16 * 64 * 1024)
        #expect(ServiceCore.drainLimit(1 << 20) == 16 << 20)
        #expect(ServiceCore.drainLimit(Int.max / 16 + 1) == Int.max)
        #expect(ServiceCore.drainLimit(.max) == .max)
    }
}
