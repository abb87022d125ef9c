import Testing
@testable import ReviewRoomCore

@Suite struct SessionEditTests {
    @Test func editBeforeStartChangesTheFirstPhaseClock() throws {
        var state = Fixture.session()
        var agenda = Fixture.agenda
        agenda[0].durationSec = 300
        agenda[0].turnMode = .open
        let events = try state.apply(SessionEdit(title: "New title", agenda: agenda), at: Fixture.at(-60)).get()
        #expect(events.map(\.name) == ["session.changed", "clock.changed", "floor.changed"])
        #expect(state.info.title == "New title")
        #expect(state.clock.durationMs == 300_000)
        #expect(state.floor.mode == .open)
        #expect(try state.apply(SessionEdit(title: "New title"), at: Fixture.at(-50)).get().isEmpty)
    }

    @Test func liveSessionsMayChangeOnlyLaterPhases() throws {
        var state = Fixture.started()
        state.ok(.phaseNext, by: "f1", at: Fixture.at(10))
        var later = Fixture.agenda
        later[3].durationSec = 45
        later.removeLast()
        _ = try state.apply(SessionEdit(agenda: later), at: Fixture.at(20)).get()
        #expect(state.agenda.count == 3)
        let before = try JSON.string(state)
        var earlier = state.agenda
        earlier[1].title = "Renamed"
        guard case .failure(let error) = state.apply(SessionEdit(agenda: earlier), at: Fixture.at(21)) else {
            Issue.record("editing the current phase was allowed")
            return
        }
        #expect(error.code == .invalidState)
        #expect(error.message.contains("phase 1"))
        #expect(try JSON.string(state) == before)
    }

    @Test func newDeckDropsVanishedCurrentAndDiscussed() throws {
        var state = Fixture.started()
        state.ok(.promptShow(prompt: "q1"), by: "f1", at: Fixture.at(1))
        state.ok(.promptDiscussed(prompt: "q1", discussed: true), by: "f1", at: Fixture.at(1))
        state.ok(.promptDiscussed(prompt: "q2", discussed: true), by: "f1", at: Fixture.at(1))
        _ = try state.apply(SessionEdit(deck: [Prompt(id: "q2", text: "Kept"), Prompt(id: "n1", text: "New")]),
                            at: Fixture.at(2)).get()
        #expect(state.prompts.current == nil)
        #expect(state.prompts.discussed == ["q2"])
    }

    @Test func badEditsAreRefusedAndChangeNothing() throws {
        var state = Fixture.session()
        let before = try JSON.string(state)
        var zero = Fixture.agenda
        zero[2].durationSec = 0
        var duplicate = Fixture.agenda
        duplicate[1].id = "ph0"
        var untitled = Fixture.agenda
        untitled[0].title = " "
        let edits = [
            SessionEdit(agenda: []), SessionEdit(agenda: zero), SessionEdit(agenda: duplicate),
            SessionEdit(agenda: untitled), SessionEdit(title: ""),
            SessionEdit(deck: [Prompt(id: "a", text: "x"), Prompt(id: "a", text: "y")]),
            SessionEdit(deck: [Prompt(id: "a", text: "")]),
        ]
        for edit in edits {
            guard case .failure(let error) = state.apply(edit, at: Fixture.at(1)) else {
                Issue.record("\(edit) was accepted")
                continue
            }
            #expect(error.code == .badRequest)
        }
        #expect(try JSON.string(state) == before)
        state.ok(.sessionEnd, by: "f1", at: Fixture.at(2))
        guard case .failure(let ended) = state.apply(SessionEdit(title: "Late"), at: Fixture.at(3)) else {
            Issue.record("an ended session was edited")
            return
        }
        #expect(ended.code == .sessionEnded)
    }
}
