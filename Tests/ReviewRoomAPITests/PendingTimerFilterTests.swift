import Foundation
import ReviewRoomCore
@testable import ReviewRoomServer
import Testing

@Suite("Start-up: which stored sessions may have a timer pending")
struct PendingTimerFilterTests {
    /// The `data` text a stored `clock.changed` event with `status` carries, encoded by the core.
    private func clockChange(_ status: ClockStatus) throws -> String {
        let clock = Clock(status: status, phase: 1, phaseStartedAt: Timestamp(millisecondsSince1970: 1_000),
                          durationMs: 600_000, elapsedMs: 0,
                          endsAt: status == .live ? Timestamp(millisecondsSince1970: 601_000) : nil)
        let event = try JSONEncoder().encode(Event(at: Timestamp(millisecondsSince1970: 1_000), body: .clockChanged(clock)))
        let object = try #require(try JSONSerialization.jsonObject(with: event) as? [String: Any])
        let data = try JSONSerialization.data(withJSONObject: try #require(object["data"]))
        return String(decoding: data, as: UTF8.self)
    }

    @Test func runningOrPausedClocksAreLoadedEndedOnesAreNot() throws {
        for autoStart in [false, true] {
            #expect(PendingTimerFilter.mayHavePendingTimer(autoStart: autoStart, lastClockChange: try clockChange(.live)))
            #expect(PendingTimerFilter.mayHavePendingTimer(autoStart: autoStart, lastClockChange: try clockChange(.paused)))
            #expect(!PendingTimerFilter.mayHavePendingTimer(autoStart: autoStart, lastClockChange: try clockChange(.ended)))
        }
    }

    @Test func aClockThatNeverStartedCountsOnlyWhenTheSessionStartsItself() throws {
        #expect(PendingTimerFilter.mayHavePendingTimer(autoStart: true, lastClockChange: nil))
        #expect(!PendingTimerFilter.mayHavePendingTimer(autoStart: false, lastClockChange: nil))
        #expect(PendingTimerFilter.mayHavePendingTimer(autoStart: true, lastClockChange: try clockChange(.scheduled)))
        #expect(!PendingTimerFilter.mayHavePendingTimer(autoStart: false, lastClockChange: try clockChange(.scheduled)))
    }

    @Test func anUnreadableClockChangeIsLoadedSoTheReplayCanReportIt() {
        #expect(PendingTimerFilter.mayHavePendingTimer(autoStart: false, lastClockChange: "not json"))
        #expect(PendingTimerFilter.mayHavePendingTimer(autoStart: false, lastClockChange: #"{"clock":{}}"#))
    }

    @Test func theStoredClockSaysWhetherASessionHasEndedWithoutLoadingIt() throws {
        #expect(StoredClockStatus(lastClockChange: nil) == .neverChanged)
        #expect(StoredClockStatus(lastClockChange: "not json") == .unreadable)
        #expect(StoredClockStatus(lastClockChange: try clockChange(.paused)) == .status("paused"))
        #expect(StoredClockStatus.hasEnded(lastClockChange: try clockChange(.ended)))
        for status in [ClockStatus.scheduled, .lobby, .live, .paused] {
            #expect(!StoredClockStatus.hasEnded(lastClockChange: try clockChange(status)))
        }
        #expect(!StoredClockStatus.hasEnded(lastClockChange: nil) && !StoredClockStatus.hasEnded(lastClockChange: "{}"))
    }
}
