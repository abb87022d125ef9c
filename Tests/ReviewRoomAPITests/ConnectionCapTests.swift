@testable import ReviewRoomServer
import Testing

@Suite("max_connections_per_participant: which hello is admitted")
struct ConnectionCapTests {
    @Test func theNewestBeyondTheLimitIsRefusedAndTheOthersKeepTheirSlots() {
        var cap = ConnectionCap(limit: 3)
        for _ in 0..<3 { #expect(cap.admit("p_asha") == .admitted) }
        #expect(cap.admit("p_asha") == .refused(firstWhileFull: true))
        #expect(cap.admit("p_asha") == .refused(firstWhileFull: false), "a refusal counts no slot and is logged once")
        #expect(cap.count(of: "p_asha") == 3)
    }

    @Test func theLimitIsPerParticipant() {
        var cap = ConnectionCap(limit: 1)
        #expect(cap.admit("p_asha") == .admitted)
        #expect(cap.admit("p_asha") == .refused(firstWhileFull: true))
        #expect(cap.admit("p_bilal") == .admitted)
        #expect(cap.count(of: "p_bilal") == 1)
    }

    @Test func aSlotFreedByALeaveIsTakenByTheNextHelloAndTheNextRefusalIsLoggedAgain() {
        var cap = ConnectionCap(limit: 2)
        #expect(cap.admit("p_asha") == .admitted)
        #expect(cap.admit("p_asha") == .admitted)
        #expect(cap.admit("p_asha") == .refused(firstWhileFull: true))
        cap.release("p_asha")
        #expect(cap.count(of: "p_asha") == 1)
        #expect(cap.admit("p_asha") == .admitted)
        #expect(cap.admit("p_asha") == .refused(firstWhileFull: true), "a new stretch at the cap is logged once more")
    }

    @Test func zeroMeansNoLimit() {
        var cap = ConnectionCap(limit: 0)
        for _ in 0..<1_000 { #expect(cap.admit("p_asha") == .admitted) }
        #expect(cap.count(of: "p_asha") == 1_000)
    }

    @Test func releasingWhatIsNotHeldChangesNothingAndReleaseAllEmptiesEverything() {
        var cap = ConnectionCap(limit: 1)
        cap.release("p_nobody")
        #expect(cap == ConnectionCap(limit: 1))
        #expect(cap.admit("p_asha") == .admitted)
        #expect(cap.admit("p_asha") == .refused(firstWhileFull: true))
        cap.releaseAll()
        #expect(cap == ConnectionCap(limit: 1))
        #expect(cap.admit("p_asha") == .admitted)
    }
}
