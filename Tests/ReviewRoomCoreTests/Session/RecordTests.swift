import Testing
@testable import ReviewRoomCore

@Suite struct RecordTests {
    @Test func runsIncludeTheCurrentPhaseWhileUnderway() {
        var state = Fixture.session()
        #expect(state.phaseRuns(at: Fixture.at(0)).isEmpty)
        state.ok(.sessionStart, by: "f1", at: Fixture.at(0))
        state.ok(.clockExtend(seconds: 30), by: "f1", at: Fixture.at(5))
        let live = state.phaseRuns(at: Fixture.at(42))
        #expect(live == [PhaseRun(phase: 0, plannedSec: 600, durationSec: 630, actualSec: 42,
                                  startedAt: Fixture.at(0), endedAt: Fixture.at(42))])
        state.ok(.phaseNext, by: "f1", at: Fixture.at(100))
        state.ok(.sessionEnd, by: "f1", at: Fixture.at(160))
        let ended = state.phaseRuns(at: Fixture.at(999))
        #expect(ended.map(\.phase) == [0, 1])
        #expect(ended.map(\.actualSec) == [100, 60])
        #expect(ended.map(\.plannedSec) == [600, 300])
        #expect(ended.last?.endedAt == Fixture.at(160))
    }
}
