import Testing
@testable import ReviewRoomCore

/// Every refused command leaves the state byte for byte as it was.
@Suite struct ErrorPathTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var setup: @Sendable (inout SessionState) -> Void
        var command: Command
        var by: String
        var code: ErrorCode
        var mentions: String
        var testDescription: String { "\(command) by \(by) → \(code.rawValue)" }
    }

    static let notStarted: @Sendable (inout SessionState) -> Void = { _ in }
    static let started: @Sendable (inout SessionState) -> Void = { $0.ok(.sessionStart, by: "f1", at: SessionFixture.at(0)) }
    static let lastPhase: @Sendable (inout SessionState) -> Void = {
        $0.ok(.sessionStart, by: "f1", at: SessionFixture.at(0))
        $0.ok(.phaseGoto(index: 3), by: "f1", at: SessionFixture.at(1))
    }

    static let cases: [Case] = [
        Case(setup: started, command: .clockExtend(seconds: 0), by: "f1", code: .badRequest, mentions: "clock.extend seconds 0 is out of range"),
        Case(setup: started, command: .clockExtend(seconds: 3601), by: "f1", code: .badRequest, mentions: "seconds 3601 is"),
        Case(setup: started, command: .clockExtend(seconds: 3600.5), by: "f1", code: .badRequest, mentions: "3600.5"),
        Case(setup: started, command: .clockExtend(seconds: -4000), by: "f1", code: .badRequest, mentions: "-4000"),
        Case(setup: started, command: .clockExtend(seconds: .nan), by: "f1", code: .badRequest, mentions: "nan"),
        Case(setup: started, command: .clockExtend(seconds: 0.0001), by: "f1", code: .badRequest,
             mentions: "clock.extend seconds 0.0001 rounds to 0 ms"),
        Case(setup: started, command: .floorGrant(participant: "r1", turnSec: 0.0001), by: "f1", code: .badRequest,
             mentions: "turnSec 0.0001 rounds to 0 ms"),
        // Below 0.001, though it would round up to 1 ms: the message says "at least 0.001".
        Case(setup: started, command: .clockExtend(seconds: 0.0005), by: "f1", code: .badRequest,
             mentions: "clock.extend seconds 0.0005 is out of range: it must be non-zero (at least 0.001 either way)"),
        Case(setup: started, command: .clockExtend(seconds: -0.0005), by: "f1", code: .badRequest, mentions: "-0.0005 is out of range"),
        Case(setup: started, command: .floorGrant(participant: "r1", turnSec: 0.0005), by: "f1", code: .badRequest,
             mentions: "turnSec 0.0005 is out of range: it must be at least 0.001"),
        Case(setup: started, command: .roundStart(order: nil, secondsEach: 0.0005), by: "f1", code: .badRequest,
             mentions: "secondsEach 0.0005 is out of range"),
        Case(setup: started, command: .floorGrant(participant: "r1", turnSec: 3601), by: "f1", code: .badRequest,
             mentions: "turnSec 3601 is out of range"),
        Case(setup: started, command: .floorGrant(participant: "o1"), by: "f1", code: .badRequest,
             mentions: "Olu is an observer and cannot take the floor"),
        // Beyond Int64 milliseconds: these used to trap converting to milliseconds.
        Case(setup: started, command: .clockExtend(seconds: 1e300), by: "f1", code: .badRequest, mentions: "1e+300 is out of range"),
        Case(setup: started, command: .clockExtend(seconds: -1e17), by: "f1", code: .badRequest, mentions: "is out of range"),
        Case(setup: started, command: .floorGrant(participant: "r1", turnSec: -1e300), by: "f1", code: .badRequest,
             mentions: "turnSec -1e+300 is out of range"),
        Case(setup: started, command: .floorNext(turnSec: 1e300), by: "f1", code: .badRequest, mentions: "turnSec 1e+300 is out of range"),
        Case(setup: started, command: .clockPause, by: "o1", code: .forbidden, mentions: "Olu is an observer and may not send"),
        Case(setup: notStarted, command: .clockExtend(seconds: 10), by: "f1", code: .invalidState, mentions: "not started"),
        Case(setup: notStarted, command: .clockPause, by: "f1", code: .invalidState, mentions: "clock.pause"),
        Case(setup: notStarted, command: .clockResume, by: "f1", code: .invalidState, mentions: "clock.resume"),
        Case(setup: notStarted, command: .phaseNext(), by: "f1", code: .invalidState, mentions: "phase.next"),
        Case(setup: notStarted, command: .phasePrev(), by: "f1", code: .invalidState, mentions: "phase.prev"),
        Case(setup: notStarted, command: .phaseGoto(index: 1), by: "f1", code: .invalidState, mentions: "phase.goto"),
        Case(setup: started, command: .phaseGoto(index: 9), by: "f1", code: .badRequest,
             mentions: "phase.goto index 9 is out of range: the agenda has 4 phases"),
        Case(setup: started, command: .phaseGoto(index: -1), by: "f1", code: .badRequest, mentions: "-1"),
        Case(setup: started, command: .phasePrev(), by: "f1", code: .invalidState, mentions: "first phase"),
        Case(setup: lastPhase, command: .phaseNext(), by: "f1", code: .invalidState, mentions: "last"),
        Case(setup: started, command: .floorGrant(participant: "zz"), by: "f1", code: .notFound, mentions: "zz"),
        Case(setup: started, command: .floorGrant(participant: "o1"), by: "f1", code: .badRequest, mentions: "observer"),
        Case(setup: started, command: .floorRelease(), by: "r1", code: .forbidden, mentions: "Asha"),
        Case(setup: started, command: .roundPass, by: "r1", code: .forbidden, mentions: "no round"),
    ]

    @Test(arguments: cases)
    func refusedAndUnchanged(_ testCase: Case) throws {
        var state = SessionFixture.session()
        testCase.setup(&state)
        let before = try EncodedJSON.string(state)
        let error = state.refused(testCase.command, by: testCase.by, at: SessionFixture.at(5))
        #expect(error?.code == testCase.code)
        #expect(error?.message.contains(testCase.mentions) == true, "\(error?.message ?? "")")
        #expect(try EncodedJSON.string(state) == before)
    }

    /// An id a command names is quoted back cut to 64 characters: `floor.grant` naming a
    /// 60,000-character participant was answered with a 60,050-character message.
    @Test func aLongIdIsQuotedBackCut() throws {
        let long = String(repeating: "p", count: 60_000)
        let shown = "'" + String(repeating: "p", count: 64) + "…'"
        let commands: [(Command, String)] = [
            (.floorGrant(participant: long), "f1"), (.handRaise(kind: .contribution, participant: long), "f1"),
            (.handLower(participant: long), "f1"), (.roundStart(order: [long], secondsEach: 30), "f1"),
            (.floorNext(speaker: long), "f1"), (.floorRelease(participant: long), "f1"),
            (.promptShow(prompt: long), "f1"), (.promptDiscussed(prompt: long, discussed: true), "f1"),
            (.handRaise(kind: .contribution, participant: long), "r1"), (.handLower(participant: long), "r1"),
        ]
        for (command, sender) in commands {
            var state = SessionFixture.started()
            state.ok(.floorGrant(participant: "r1"), by: "f1", at: SessionFixture.at(1))
            let before = try EncodedJSON.string(state)
            let refused = state.refused(command, by: sender, at: SessionFixture.at(5))
            let error = try #require(refused, "\(command.name)")
            #expect(error.message.contains(shown), "\(command.name): \(error.message.prefix(200))")
            #expect(error.message.count < 300, "\(command.name): \(error.message.count) characters")
            #expect(try EncodedJSON.string(state) == before)
        }
        #expect(QuotedID.quoted(String(long.prefix(64))) == "'" + long.prefix(64) + "'", "64 characters are shown whole")
    }

    @Test func emptyAgendaCannotStart() throws {
        var state = SessionFixture.session(agenda: [])
        let before = try EncodedJSON.string(state)
        #expect(state.refused(.sessionStart, by: "f1", at: SessionFixture.at(0))?.code == .invalidState)
        #expect(try EncodedJSON.string(state) == before)
        #expect(state.nextDeadline == nil)
    }

    @Test(arguments: PermissionTests.samples)
    func everythingAfterTheEndIsSessionEnded(_ command: Command) throws {
        var state = SessionFixture.started()
        state.ok(.sessionEnd, by: "f1", at: SessionFixture.at(10))
        let before = try EncodedJSON.string(state)
        let error = state.refused(command, by: "f1", at: SessionFixture.at(11))
        #expect(error?.code == .sessionEnded)
        #expect(error?.message.contains(command.name.rawValue) == true)
        #expect(try EncodedJSON.string(state) == before)
        #expect(state.tick(at: SessionFixture.at(5000)).isEmpty)
    }
}
