import Testing
@testable import ReviewRoomCore

@Suite struct PhaseRecordTests {
    @Test func runsIncludeTheCurrentPhaseWhileUnderway() {
        var state = SessionFixture.session()
        #expect(state.phaseRuns(at: SessionFixture.at(0)).isEmpty)
        state.ok(.sessionStart, by: "f1", at: SessionFixture.at(0))
        state.ok(.clockExtend(seconds: 30), by: "f1", at: SessionFixture.at(5))
        let live = state.phaseRuns(at: SessionFixture.at(42))
        #expect(live == [PhaseRun(phase: 0, plannedSec: 600, durationSec: 630, actualSec: 42,
                                  startedAt: SessionFixture.at(0), endedAt: SessionFixture.at(42))])
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(100))
        state.ok(.sessionEnd, by: "f1", at: SessionFixture.at(160))
        let ended = state.phaseRuns(at: SessionFixture.at(999))
        #expect(ended.map(\.phase) == [0, 1])
        #expect(ended.map(\.actualSec) == [100, 60])
        #expect(ended.map(\.plannedSec) == [600, 300])
        #expect(ended.last?.endedAt == SessionFixture.at(160))
    }
}
