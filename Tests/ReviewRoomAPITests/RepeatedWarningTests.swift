@testable import ReviewRoomServer
import Testing

/// The pacing of the warning about plain requests to `/ws` (a page behind a filter retries for
/// ever): the first is told, then one line a minute at most, saying how many came since.
@Suite("Logging: a repeated warning, paced")
struct RepeatedWarningTests {
    @Test func theFirstIsToldThenOneLineAMinuteCountingWhatCameBetween() {
        var warning = RepeatedWarning(intervalSeconds: 60)
        #expect(warning.occurred(at: 100) == 1)
        #expect(warning.occurred(at: 101) == nil)
        #expect(warning.occurred(at: 159.9) == nil)
        #expect(warning.occurred(at: 160) == 3, "the two held back and this one")
        #expect(warning.occurred(at: 500) == 1, "a quiet stretch: the next one alone")
    }

    @Test func aClockThatWentBackDoesNotSilenceItForLong() {
        var warning = RepeatedWarning(intervalSeconds: 60)
        #expect(warning.occurred(at: 100) == 1)
        #expect(warning.occurred(at: 40) == 1, "before the last line: told, and pacing starts again from here")
        #expect(warning.occurred(at: 41) == nil)
    }
}
