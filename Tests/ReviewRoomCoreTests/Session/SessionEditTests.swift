import Testing
@testable import ReviewRoomCore

@Suite struct SessionEditTests {
    @Test func editBeforeStartChangesTheFirstPhaseClock() throws {
        var state = SessionFixture.session()
        var agenda = SessionFixture.agenda
        agenda[0].durationSec = 300
        agenda[0].turnMode = .open
        let events = try state.apply(SessionEdit(title: "New title", agenda: agenda), at: SessionFixture.at(-60)).get()
        #expect(events.map(\.name) == ["session.changed", "clock.changed", "floor.changed"])
        #expect(state.info.title == "New title")
        #expect(state.clock.durationMs == 300_000)
        #expect(state.floor.mode == .open)
        #expect(try state.apply(SessionEdit(title: "New title"), at: SessionFixture.at(-50)).get().isEmpty)
    }

    @Test func aFirstPhaseEditShowsTheLobbyStatusItWasMadeInButStoresScheduled() throws {
        var agenda = SessionFixture.agenda
        agenda[0].durationSec = 300
        for (seconds, shown) in [(-60.0, ClockStatus.lobby), (-3600, .scheduled)] {
            var state = SessionFixture.session()
            let events = try state.apply(SessionEdit(agenda: agenda), at: SessionFixture.at(seconds)).get()
            let clocks = events.compactMap { event -> Clock? in
                if case .clockChanged(let clock) = event.body { return clock } else { return nil }
            }
            #expect(clocks.map(\.status) == [shown])
            #expect(state.clock.status == .scheduled)
            #expect(state.status(at: SessionFixture.at(seconds)) == shown)
            #expect(SessionState.replaying(events, onto: SessionFixture.session()).clock == state.clock)
            state.ok(.sessionStart, by: "f1", at: SessionFixture.at(0))
            #expect(state.clock.status == .live && state.clock.durationMs == 300_000)
        }
    }

    @Test func liveSessionsMayChangeOnlyLaterPhases() throws {
        var state = SessionFixture.started()
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(10))
        var later = SessionFixture.agenda
        later[3].durationSec = 45
        later.removeLast()
        _ = try state.apply(SessionEdit(agenda: later), at: SessionFixture.at(20)).get()
        #expect(state.agenda.count == 3)
        let before = try EncodedJSON.string(state)
        var earlier = state.agenda
        earlier[1].title = "Renamed"
        guard case .failure(let error) = state.apply(SessionEdit(agenda: earlier), at: SessionFixture.at(21)) else {
            Issue.record("editing the current phase was allowed")
            return
        }
        #expect(error.code == .invalidState)
        #expect(error.message.contains("phase 1"))
        #expect(try EncodedJSON.string(state) == before)
    }

    /// A start moved out of the open lobby's window closes it for those already in it (they kept
    /// "Lobby open" while anyone joining afresh got `not_open`); moved back into it, it opens.
    @Test func movingTheStartOutOfTheLobbysWindowTellsTheLobby() throws {
        var state = SessionFixture.session()
        let now = SessionFixture.at(-60)
        #expect(state.status(at: now) == .lobby)
        let later = try state.apply(SessionEdit(startsAt: SessionFixture.at(3 * 3600)), at: now).get()
        #expect(later.map(\.name) == ["session.changed", "clock.changed"])
        let shown = later.compactMap { event -> Clock? in if case .clockChanged(let clock) = event.body { clock } else { nil } }
        #expect(shown.map(\.status) == [.scheduled])
        #expect(state.status(at: now) == .scheduled)
        let back = try state.apply(SessionEdit(startsAt: SessionFixture.at(0)), at: now).get()
        #expect(back.compactMap { event -> ClockStatus? in if case .clockChanged(let clock) = event.body { clock.status } else { nil } } == [.lobby])
        // A move that keeps the lobby as it was says nothing of the clock.
        #expect(try state.apply(SessionEdit(startsAt: SessionFixture.at(60)), at: now).get().map(\.name) == ["session.changed"])
    }

    /// PROTOCOL §2 lists `startsAt` among what `PATCH` may change, with no exception once live
    /// (it was refused as "the start cannot move", a conformance audit): it moves the planned
    /// start (the calendar event, the record's planned start) and nothing of the running clock.
    @Test func aLiveOrPausedSessionsStartCanMoveWithoutTouchingTheClock() throws {
        var state = SessionFixture.started()
        let clock = state.clock
        let events = try state.apply(SessionEdit(title: "Moved", startsAt: SessionFixture.at(86_400)), at: SessionFixture.at(20)).get()
        #expect(events.map(\.name) == ["session.changed"])
        #expect(state.info.startsAt == SessionFixture.at(86_400) && state.info.title == "Moved")
        #expect(state.clock == clock, "the running clock moved with the planned start")
        state.ok(.clockPause, by: "f1", at: SessionFixture.at(40))
        let paused = state.clock
        #expect(try state.apply(SessionEdit(startsAt: SessionFixture.at(-10)), at: SessionFixture.at(50)).get().map(\.name) == ["session.changed"])
        #expect(state.info.startsAt == SessionFixture.at(-10) && state.clock == paused)
    }

    @Test func theFirstPhaseIsFixedOnceStartedBeforeAnyPhaseHasRun() throws {
        var state = SessionFixture.started()
        #expect(state.phaseRuns.isEmpty)
        var first = state.agenda
        first[0].title = "Renamed"
        guard case .failure(let error) = state.apply(SessionEdit(agenda: first), at: SessionFixture.at(5)) else {
            Issue.record("editing the current phase was allowed")
            return
        }
        #expect(error.message.contains("changes phase 0 (\"Briefing\")"), "\(error.message)")
        var second = state.agenda
        second[1].title = "Renamed"
        _ = try state.apply(SessionEdit(agenda: second), at: SessionFixture.at(6)).get()
        #expect(state.agenda[1].title == "Renamed")
    }

    @Test func phasesThatHaveRunStayFixedAfterGoingBack() throws {
        var state = SessionFixture.started()
        state.ok(.phaseGoto(index: 2), by: "f1", at: SessionFixture.at(10))
        state.ok(.phaseGoto(index: 0), by: "f1", at: SessionFixture.at(20))
        let before = try EncodedJSON.string(state)
        // Phase 2 has run and phase 1 lies before it, although the current phase is 0.
        for index in [2, 1] {
            var edited = state.agenda
            edited[index].durationSec = 5
            guard case .failure(let error) = state.apply(SessionEdit(agenda: edited), at: SessionFixture.at(21)) else {
                Issue.record("editing phase \(index), before the highest phase that has run, was allowed")
                continue
            }
            #expect(error.code == .invalidState)
            #expect(error.message.contains("phase \(index) (\"\(state.agenda[index].title)\")"), "\(error.message)")
            // Phase 1 was skipped, not run: the answer says so rather than that it has started.
            #expect(error.message.contains(index == 2 ? "which has already run" : "which the session has gone past"),
                    "\(error.message)")
        }
        guard case .failure(let removed) = state.apply(SessionEdit(agenda: Array(state.agenda.prefix(2))),
                                                       at: SessionFixture.at(21)) else {
            Issue.record("removing a phase that has run was allowed")
            return
        }
        #expect(removed.code == .invalidState)
        #expect(removed.message.contains("phase 2"), "\(removed.message)")
        #expect(try EncodedJSON.string(state) == before)
        var later = state.agenda
        later[3].durationSec = 45
        _ = try state.apply(SessionEdit(agenda: later), at: SessionFixture.at(22)).get()
        #expect(state.agenda[3].durationSec == 45, "a phase after every started one still changes")
    }

    @Test func newDeckPrunesPhasePromptsInTheSameSessionChanged() throws {
        var agenda = SessionFixture.agenda
        agenda[0].prompts = ["q1", "q2"]
        agenda[2].prompts = ["q3", "q1"]
        var state = SessionFixture.session(agenda: agenda)
        state.ok(.sessionStart, by: "f1", at: SessionFixture.startsAt)
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(10))
        let initial = state
        let events = try state.apply(SessionEdit(deck: [Prompt(id: "q2", text: "Kept"), Prompt(id: "n1", text: "New")]),
                                     at: SessionFixture.at(20)).get()
        #expect(events.map(\.name) == ["session.changed"])
        #expect(state.agenda.map(\.prompts) == [["q2"], [], [], []], "phase 0 has run, yet its ids are pruned too")
        #expect(SessionState.replaying(events, onto: initial) == state)
    }

    @Test func anAgendaAndANewDeckTogetherAreComparedAfterPruning() throws {
        var agenda = SessionFixture.agenda
        agenda[0].prompts = ["q1"]
        agenda[3].prompts = ["q3"]
        var state = SessionFixture.session(agenda: agenda)
        state.ok(.sessionStart, by: "f1", at: SessionFixture.startsAt)
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(10))
        // Phase 0 has run: sent without the vanished q1 it is unchanged; phase 3 gets the new prompt.
        var edited = state.agenda
        edited[0].prompts = []
        edited[3].prompts = ["q3", "n1"]
        _ = try state.apply(SessionEdit(agenda: edited, deck: [Prompt(id: "q3", text: "Kept"), Prompt(id: "n1", text: "New")]),
                            at: SessionFixture.at(20)).get()
        #expect(state.agenda.map(\.prompts) == [[], [], [], ["q3", "n1"]])
        #expect(state.prompts.deck.map(\.id) == ["q3", "n1"])
    }

    @Test func newDeckDropsVanishedCurrentAndDiscussed() throws {
        var state = SessionFixture.started()
        state.ok(.promptShow(prompt: "q1"), by: "f1", at: SessionFixture.at(1))
        state.ok(.promptDiscussed(prompt: "q1", discussed: true), by: "f1", at: SessionFixture.at(1))
        state.ok(.promptDiscussed(prompt: "q2", discussed: true), by: "f1", at: SessionFixture.at(1))
        _ = try state.apply(SessionEdit(deck: [Prompt(id: "q2", text: "Kept"), Prompt(id: "n1", text: "New")]),
                            at: SessionFixture.at(2)).get()
        #expect(state.prompts.current == nil)
        #expect(state.prompts.discussed == ["q2"])
    }

    @Test func badEditsAreRefusedAndChangeNothing() throws {
        var state = SessionFixture.session()
        let before = try EncodedJSON.string(state)
        var zero = SessionFixture.agenda
        zero[2].durationSec = 0
        var duplicate = SessionFixture.agenda
        duplicate[1].id = "ph0"
        var untitled = SessionFixture.agenda
        untitled[0].title = " "
        let edits = [
            SessionEdit(agenda: []), SessionEdit(agenda: zero), SessionEdit(agenda: duplicate),
            SessionEdit(agenda: untitled), SessionEdit(title: ""),
            SessionEdit(deck: [Prompt(id: "a", text: "x"), Prompt(id: "a", text: "y")]),
            SessionEdit(deck: [Prompt(id: "a", text: "")]),
        ]
        for edit in edits {
            guard case .failure(let error) = state.apply(edit, at: SessionFixture.at(1)) else {
                Issue.record("\(edit) was accepted")
                continue
            }
            #expect(error.code == .badRequest)
        }
        #expect(try EncodedJSON.string(state) == before)
        state.ok(.sessionEnd, by: "f1", at: SessionFixture.at(2))
        guard case .failure(let ended) = state.apply(SessionEdit(title: "Late"), at: SessionFixture.at(3)) else {
            Issue.record("an ended session was edited")
            return
        }
        #expect(ended.code == .sessionEnded)
    }
}
