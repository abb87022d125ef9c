import Testing
@testable import ReviewRoomCore

@Suite struct ParticipantChangeTests {
    @Test func addRenameRemove() throws {
        var state = SessionFixture.started()
        let added = try state.apply(.add(Participant(id: "r3", name: " Cara ", role: .reviewer)), at: SessionFixture.at(1)).get()
        #expect(added.map(\.name) == ["participant.changed"])
        #expect(state.participants.last == Participant(id: "r3", name: "Cara", role: .reviewer))
        #expect(state.defaultRoundOrder == ["r1", "r2", "r3", "h1"])
        _ = try state.apply(.rename(id: "r3", name: "Cara B"), at: SessionFixture.at(2)).get()
        #expect(state.participant("r3")?.name == "Cara B")
        #expect(try state.apply(.rename(id: "r3", name: "Cara B"), at: SessionFixture.at(3)).get().isEmpty)
        _ = try state.apply(.remove(id: "r3"), at: SessionFixture.at(4)).get()
        #expect(state.participant("r3") == nil)
    }

    @Test func removingTheSpeakerEndsTheirTurnAndLowersTheirHand() throws {
        var state = SessionFixture.started()
        state.ok(.floorGrant(participant: "r1"), by: "f1", at: SessionFixture.at(0))
        state.ok(.handRaise(kind: .contribution), by: "r2", at: SessionFixture.at(1))
        let events = try state.apply(.remove(id: "r1"), at: SessionFixture.at(10)).get()
        #expect(events.map(\.name) == ["participant.changed", "floor.changed"])
        #expect(state.floor.speaker == nil)
        #expect(state.floor.spokenMs == ["r1": 10_000])
        _ = try state.apply(.remove(id: "r2"), at: SessionFixture.at(11)).get()
        #expect(state.floor.queue.isEmpty)
    }

    @Test func removalInARoundSkipsThemLaterAndMovesOnNow() throws {
        var state = SessionFixture.started()
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(0))
        state.ok(.roundStart(secondsEach: 30), by: "f1", at: SessionFixture.at(0))
        _ = try state.apply(.remove(id: "r2"), at: SessionFixture.at(5)).get()
        #expect(state.floor.round?.order == ["r1", "h1"])
        #expect(state.floor.speaker == "r1")
        _ = try state.apply(.remove(id: "r1"), at: SessionFixture.at(6)).get()
        #expect(state.floor.speaker == "h1")
        #expect(state.floor.round?.order == ["r1", "h1"])
        #expect(state.floor.round?.index == 1)
    }

    /// After the end the list is the record of who took part: nobody new (but the owner's own
    /// facilitator participant), a revocation removes only access, a rename still applies.
    @Test func afterTheEndTheListKeepsWhoTookPart() throws {
        var state = SessionFixture.started()
        state.ok(.sessionEnd, by: "f1", at: SessionFixture.at(5))
        let before = try EncodedJSON.string(state)
        let late = state.apply(.add(Participant(id: "r9", name: "Late", role: .reviewer)), at: SessionFixture.at(6))
        guard case .failure(let error) = late else { Issue.record("an invite after the end was applied"); return }
        #expect(error.code == .sessionEnded, "\(error.message)")
        #expect(try state.apply(.remove(id: "r1"), at: SessionFixture.at(7)).get().isEmpty)
        #expect(try EncodedJSON.string(state) == before, "nothing changed")
        #expect(state.participant("r1") != nil)

        let own = try state.apply(.add(Participant(id: "f9", name: "Owner", role: .facilitator), evenAfterTheEnd: true),
                                  at: SessionFixture.at(8)).get()
        #expect(own.map(\.name) == ["participant.changed"] && state.participant("f9")?.role == .facilitator)
        #expect(try state.apply(.rename(id: "r1", name: "Asha K"), at: SessionFixture.at(9)).get().map(\.name) == ["participant.changed"])
        #expect(state.participant("r1")?.name == "Asha K")
    }

    @Test func badChangesAreRefusedAndChangeNothing() throws {
        var state = SessionFixture.started()
        let before = try EncodedJSON.string(state)
        let cases: [(ParticipantChange, ErrorCode)] = [
            (.add(Participant(id: "r1", name: "Dup", role: .reviewer)), .invalidState),
            (.add(Participant(id: "", name: "No id", role: .reviewer)), .badRequest),
            (.add(Participant(id: "x", name: "  ", role: .reviewer)), .badRequest),
            (.add(Participant(id: "x", name: String(repeating: "n", count: 201), role: .reviewer)), .badRequest),
            (.rename(id: "zz", name: "Who"), .notFound),
            (.rename(id: "r1", name: ""), .badRequest),
            (.remove(id: "zz"), .notFound),
        ]
        for (change, code) in cases {
            guard case .failure(let error) = state.apply(change, at: SessionFixture.at(1)) else {
                Issue.record("\(change) succeeded")
                continue
            }
            #expect(error.code == code, "\(change): \(error.message)")
        }
        #expect(try EncodedJSON.string(state) == before)
    }
}
