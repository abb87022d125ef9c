import Foundation
import Testing
@testable import ReviewRoomCore
import ReviewRoomTesting

/// Random sessions: replaying the events rebuilds the state, and the invariants hold throughout.
@Suite struct ReplayPropertyTests {
    static let ids = SessionFixture.people.map(\.id) + ["zz"]

    static func randomCommand(_ rng: inout SplitMix64) -> Command {
        let someone: String = ids.randomElement(using: &rng) ?? "r1"
        let lengths: [Double] = [-700, -30, 0, 15, 45, 90, 4000]
        let seconds: Double = lengths.randomElement(using: &rng) ?? 30
        let kind: HandKind = Bool.random(using: &rng) ? .response : .contribution
        let prompt: String = ["q1", "q2", "q3", "q4", "q9"].randomElement(using: &rng) ?? "q1"
        let choices: [Command] = [
            .sessionStart, .sessionEnd, .clockPause, .clockResume, .clockExtend(seconds: seconds),
            .phaseNext(), .phasePrev(), .phaseGoto(index: Int.random(in: -1...4, using: &rng)),
            .handRaise(kind: kind), .handRaise(kind: kind, participant: someone), .handLower(),
            .handLower(participant: someone), .floorGrant(participant: someone),
            .floorGrant(participant: someone, turnSec: seconds), .floorNext(), .floorNext(turnSec: seconds),
            .floorRelease(), .roundStart(secondsEach: seconds), .roundStart(order: ["h1", "r2"], secondsEach: 20),
            .roundPass, .roundStop, .promptShow(prompt: prompt), .promptHide,
            .promptDiscussed(prompt: prompt, discussed: Bool.random(using: &rng)), .promptAdd(text: "Q?"),
        ]
        return choices.randomElement(using: &rng) ?? .sessionStart
    }

    @Test(arguments: 0..<40)
    func replayRebuildsTheStateAndInvariantsHold(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let initial = SessionFixture.session(autoStart: seed % 2 == 0)
        var state = initial
        var events: [Event] = []
        var now = SessionFixture.at(-60)
        var heldMs: Int64 = 0
        var checkpoints: [(count: Int, state: SessionState)] = []
        for step in 0..<250 {
            if step % 50 == 0 { checkpoints.append((events.count, state)) }
            now = now.adding(seconds: Double(Int.random(in: 0...40_000, using: &rng)) / 1000)
            let before = state
            let roll = Int.random(in: 0..<100, using: &rng)
            if roll < 12 {
                let due = state.tick(at: now)
                if before.clock.status == .paused { #expect(due.isEmpty, "a tick while paused fired \(due.map(\.name))") }
                events += due
            } else if roll < 15 {
                let change: ParticipantChange = switch Int.random(in: 0..<3, using: &rng) {
                case 0: .add(Participant(id: "n\(step)", name: "New \(step)", role: .reviewer))
                case 1: .remove(id: Self.ids.randomElement(using: &rng) ?? "r1")
                default: .rename(id: Self.ids.randomElement(using: &rng) ?? "r1", name: "Renamed \(step)")
                }
                switch state.apply(change, at: now) {
                case .success(let new): events += new
                case .failure: #expect(state == before)
                }
            } else {
                let sender = Self.ids.randomElement(using: &rng) ?? "f1"
                let command = Self.randomCommand(&rng)
                switch state.apply(command, by: sender, at: now) {
                case .success(let new):
                    // A command that causes no event changed nothing; every event is stamped now.
                    if new.isEmpty { #expect(state == before, "\(command) changed the state without an event") }
                    #expect(new.allSatisfy { $0.at == now })
                    events += new
                case .failure(let error):
                    #expect(state == before, "\(command) by \(sender) failed with \(error.code) but changed the state")
                }
            }
            if let since = before.floor.since,
               state.floor.since != since || state.floor.speaker != before.floor.speaker {
                let upToNow = now.millisecondsSince1970 - since.millisecondsSince1970
                if roll < 12 {
                    // A late tick ends turns at their deadlines (and the phase's), which lie
                    // between the turn's start and now; the turns that follow start there.
                    let counted = state.floor.spokenMs.values.reduce(0, +) - before.floor.spokenMs.values.reduce(0, +)
                    #expect(counted >= 0 && counted <= upToNow, "a tick counted \(counted) ms of a turn \(upToNow) ms old")
                    if let newSince = state.floor.since { #expect(newSince >= since && newSince <= now) }
                    heldMs += counted
                } else {
                    // Time the clock stood paused during the turn is not speaking time.
                    heldMs += upToNow - before.pausedMs(inTurnUntil: now)
                }
            }
            try Self.checkInvariants(state, at: now, heldMs: heldMs)
        }
        #expect(SessionState.replaying(events, onto: initial) == state)
        for checkpoint in checkpoints {
            #expect(SessionState.replaying(Array(events.prefix(checkpoint.count)), onto: initial) == checkpoint.state)
        }
        let stored = try events.map { event in try EncodedJSON.decode(Event.self, from: EncodedJSON.string(event)) }
        #expect(SessionState.replaying(stored, onto: initial) == state)
        // A snapshot (the state as JSON, as the server stores it) at any point, with the events
        // after it replayed onto it, gives the same state as replaying the whole log.
        for checkpoint in checkpoints + [(events.count, state)] {
            let json = String(decoding: try JSONEncoder().encode(checkpoint.state), as: UTF8.self)
            let restored = try EncodedJSON.decode(SessionState.self, from: json)
            #expect(restored == checkpoint.state)
            #expect(SessionState.replaying(Array(events.dropFirst(checkpoint.count)), onto: restored) == state)
        }
    }

    static func checkInvariants(_ state: SessionState, at now: Timestamp, heldMs: Int64) throws {
        let queued = state.floor.queue.map(\.participant)
        #expect(Set(queued).count == queued.count, "queue has duplicates: \(queued)")
        #expect(state.clock.elapsedMs >= 0)
        #expect(state.clock.elapsedMs(at: now) >= 0)
        #expect((state.floor.speaker == nil) == (state.floor.since == nil))
        #expect(state.floor.spokenMs.values.allSatisfy { $0 >= 0 })
        #expect(state.floor.spokenMs.values.reduce(0, +) == heldMs)
        if let round = state.floor.round {
            #expect(round.order.indices.contains(round.index))
            #expect(state.floor.speaker == round.order[round.index])
        }
        if state.clock.status == .live { #expect(state.clock.endsAt != nil) } else { #expect(state.clock.endsAt == nil) }
        // A paused clock stops the phase and any timed turn: nothing can fall due.
        if state.clock.status == .paused { #expect(state.nextDeadline == nil, "a deadline runs while paused") }
        #expect(state.agenda.indices.contains(state.clock.phase))
        if let deadline = state.nextDeadline, deadline <= now {
            // Whatever is due at `now` has been ticked unless the step was not a tick; a tick clears it.
            var copy = state
            _ = copy.tick(at: now)
            #expect(copy.nextDeadline.map { $0 > now } ?? true, "tick left a deadline due")
        }
    }
}
