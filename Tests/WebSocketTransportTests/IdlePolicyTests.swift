import Testing
@testable import WebSocketTransport

/// The pure decision behind idle pings: ping once per silence, drop past the hang-up time.
@Suite("Idle policy")
struct IdlePolicyTests {
    let policy = IdlePolicy(pingSeconds: 40, hangupSeconds: 60)
    let second: UInt64 = 1_000_000_000

    @Test func aConnectionHeardRecentlyIsLeftAlone() {
        #expect(policy.action(now: 100 * second, lastHeard: 61 * second, pingedSinceHeard: false) == .none)
    }

    @Test func silencePastThePingTimeGetsOnePing() {
        #expect(policy.action(now: 140 * second, lastHeard: 100 * second, pingedSinceHeard: false) == .ping)
        #expect(policy.action(now: 150 * second, lastHeard: 100 * second, pingedSinceHeard: true) == .none)
    }

    @Test func silencePastTheHangupTimeIsDroppedPingedOrNot() {
        #expect(policy.action(now: 160 * second, lastHeard: 100 * second, pingedSinceHeard: true) == .drop)
        #expect(policy.action(now: 160 * second, lastHeard: 100 * second, pingedSinceHeard: false) == .drop)
    }

    @Test func aClockThatSeemsToGoBackIsNoSilence() {
        #expect(policy.action(now: 5 * second, lastHeard: 9 * second, pingedSinceHeard: false) == .none)
    }

    @Test func nonsenseSettingsAreRaisedToAPingAfterASecondAndAHangupAfterIt() {
        let clamped = IdlePolicy(pingSeconds: 0, hangupSeconds: -3)
        #expect(clamped.pingNanoseconds == second)
        #expect(clamped.hangupNanoseconds == 2 * second)
        #expect(IdlePolicy(pingSeconds: 30, hangupSeconds: 10).hangupNanoseconds == 31 * second)
    }
}
