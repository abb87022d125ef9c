@testable import ReviewRoomServer
import Testing

@Suite("reconnects_per_minute: when a hello may join")
struct JoinPacingTests {
    @Test func aMinutesWorthJoinsAtOnceThenOneEveryMinuteDividedByTheLimit() {
        var pacing = JoinPacing(perMinute: 3)
        for _ in 0..<3 { #expect(pacing.turn(for: "p_asha", at: 0) == .now) }
        #expect(pacing.turn(for: "p_asha", at: 0) == .held(until: 20_000, first: true))
        #expect(pacing.turn(for: "p_asha", at: 0) == .held(until: 40_000, first: false), "one log line a stretch")
        // Held hellos took the turns up to 40 s: the next one at 30 s waits for 60 s.
        #expect(pacing.turn(for: "p_asha", at: 30_000) == .held(until: 60_000, first: false))
    }

    @Test func theLimitIsPerParticipant() {
        var pacing = JoinPacing(perMinute: 1)
        #expect(pacing.turn(for: "p_asha", at: 5_000) == .now)
        #expect(pacing.turn(for: "p_asha", at: 5_000) == .held(until: 65_000, first: true))
        #expect(pacing.turn(for: "p_bilal", at: 5_000) == .now)
    }

    @Test func aPauseGivesTheTurnsBackAndTheNextHoldIsLoggedAgain() {
        var pacing = JoinPacing(perMinute: 2)
        #expect(pacing.turn(for: "p_asha", at: 0) == .now)
        #expect(pacing.turn(for: "p_asha", at: 0) == .now)
        #expect(pacing.turn(for: "p_asha", at: 0) == .held(until: 30_000, first: true))
        // Two minutes later both turns are back.
        #expect(pacing.turn(for: "p_asha", at: 150_000) == .now)
        #expect(pacing.turn(for: "p_asha", at: 150_000) == .now)
        #expect(pacing.turn(for: "p_asha", at: 150_000) == .held(until: 180_000, first: true))
    }

    @Test func aPageReconnectingWithBackoffIsNeverHeld() {
        var pacing = JoinPacing(perMinute: 300)
        var at: Int64 = 0, wait: Int64 = 500
        for _ in 0..<400 {
            #expect(pacing.turn(for: "p_asha", at: at) == .now)
            at += wait
            wait = min(wait * 2, 30_000)
        }
    }

    @Test func aWallClockSteppedBackDoesNotHoldAnyoneForTheStep() {
        var pacing = JoinPacing(perMinute: 2)
        #expect(pacing.turn(for: "p_asha", at: 3_600_000) == .now)
        #expect(pacing.turn(for: "p_asha", at: 3_600_000) == .now)
        // The clock goes back an hour: the third join waits half a minute, not an hour and a half.
        #expect(pacing.turn(for: "p_asha", at: 0) == .held(until: 30_000, first: true))
        #expect(pacing.turn(for: "p_bilal", at: 1_000) == .now)
        // Two minutes on, both turns are back.
        #expect(pacing.turn(for: "p_asha", at: 150_000) == .now)
    }

    @Test func zeroMeansNoLimit() {
        var pacing = JoinPacing(perMinute: 0)
        for _ in 0..<10_000 { #expect(pacing.turn(for: "p_asha", at: 0) == .now) }
        #expect(pacing.tracked == 0)
    }

    @Test func turnsAlreadyPastAreDroppedSoTheTableDoesNotGrowWithEveryoneWhoEverJoined() {
        var pacing = JoinPacing(perMinute: 60)
        for k in 0..<5_000 { #expect(pacing.turn(for: "p_\(k)", at: Int64(k) * 2_000) == .now) }
        #expect(pacing.tracked < 1_100, "\(pacing.tracked) participants tracked")
        // A participant still within their turns is kept through a prune.
        var busy = JoinPacing(perMinute: 1)
        #expect(busy.turn(for: "p_loop", at: 0) == .now)
        for k in 0..<2_000 { _ = busy.turn(for: "p_\(k)", at: 1) }
        #expect(busy.turn(for: "p_loop", at: 2) == .held(until: 60_000, first: true))
    }
}
