import Foundation
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// PROTOCOL §3: "A session may have several facilitators (co-facilitation)". Two facilitator
/// participants run one review together over real sockets: either may take up what the other
/// started, both see every change in the same order, and the review goes on when one leaves.
@Suite("Live sessions: co-facilitation")
struct CoFacilitationTests {
    @Test func twoFacilitatorsRunTheClockAndTheFloorTogether() async throws {
        let app = try await InProcessServer.start()
        let cyInvite = try await app.store.addParticipant(NewParticipant(name: "Cy", role: "facilitator"), to: app.fixture.session)
        let (fay, _) = try await app.join("Fay")
        defer { fay.disconnect() }
        let cy = try await ProtocolClient.connect(port: app.port)
        defer { cy.disconnect() }
        let welcome = try await cy.hello(token: cyInvite.token)
        #expect(welcome.type == "welcome")
        let (asha, _) = try await app.join("Asha")
        defer { asha.disconnect() }
        let ashaID = try #require(app.fixture.participantIDs["Asha"])
        let hanaID = try #require(app.fixture.participantIDs["Hana"])

        // One starts the clock, the other pauses it, the first resumes it.
        #expect(try await fay.request("session.start").seq == 1)
        #expect(try await cy.event(seq: 1).data["clock"].flatMap { ($0 as? [String: Any])?["status"] as? String } == "live")
        #expect(try await cy.request("clock.pause").seq == 2)
        #expect(try await fay.event(seq: 2).data["clock"].flatMap { ($0 as? [String: Any])?["status"] as? String } == "paused")
        #expect(try await fay.request("clock.resume").seq == 3)

        // A reviewer's hand, granted by one facilitator, released by the other; a hand raised by
        // one for someone without a device, taken next by the other.
        #expect(try await asha.request("hand.raise", ["kind": "contribution"]).seq == 4)
        #expect(try await cy.request("floor.grant", ["participant": ashaID]).seq == 5)
        #expect(Self.speaker(try await fay.event(seq: 5)) == ashaID)
        #expect(try await fay.request("floor.release").seq == 6)
        #expect(try await cy.request("hand.raise", ["kind": "response", "participant": hanaID]).seq == 7)
        #expect(try await fay.request("floor.next").seq == 8)
        #expect(Self.speaker(try await cy.event(seq: 8)) == hanaID)

        // Their powers stay theirs: the reviewer still may not run the clock.
        #expect(try await asha.request("clock.pause").code == "forbidden")

        // Both saw the same changes in the same order.
        var fayNames: [String] = [], cyNames: [String] = []
        for seq in Int64(1)...8 {
            fayNames.append(try await fay.event(seq: seq).name ?? "")
            cyNames.append(try await cy.event(seq: seq).name ?? "")
        }
        #expect(fayNames == cyNames)
        #expect(fayNames == ["clock.changed", "clock.changed", "clock.changed", "floor.changed",
                             "floor.changed", "floor.changed", "floor.changed", "floor.changed"])

        // One leaves; the other carries on with the agenda.
        cy.disconnect()
        #expect(try await cy.closed().closeCode != nil)
        let next = try await fay.request("phase.next")
        #expect(next.type == "ack")
        #expect(try await asha.event("clock.changed", after: 8).seq ?? 0 > 8)
        await app.stop()
    }

    static func speaker(_ event: ProtocolMessage) -> String? {
        (event.data["floor"] as? [String: Any])?["speaker"] as? String
    }
}
