import Foundation
import ReviewRoomProtocol
import ReviewRoomBenchKit
import ReviewRoomCore
import WebSocketTransport

// The scripted workload: keystrokes, hands, cursors, pings and phase changes on timers.
extension LoadRun {
    /// Starts the measured window and sets every joined client's first timers.
    func startWorkload(at now: UInt64) {
        windowStart = now + UInt64(plan.warmupSeconds * 1e9)
        windowEnd = windowStart + UInt64(plan.seconds * 1e9)
        ledger.samplesFrom = windowStart
        timeline = LatencyTimeline(origin: windowStart, width: timeline.width, threshold: timeline.threshold)

        measuring = true
        for index in clients.indices where clients[index].stage == .joined {
            switch plan.typing {
            case .idle:
                continue
            case .closedLoop:
                clients[index].nextKeyAt = now
            case .bursts:
                // Spread first keystrokes over a second so clients do not start in lockstep.
                clients[index].nextKeyAt = now + random.next() % 1_000_000_000
            }
            if plan.sideTraffic {
                clients[index].nextPingAt = now + 1_000_000_000 + random.next() % 10_000_000_000
                if clients[index].isFacilitator {
                    clients[index].nextPhaseAt = now + 5_000_000_000 + random.next() % 10_000_000_000
                } else {
                    clients[index].nextHandAt = now + random.next() % 20_000_000_000
                }
            }
            timers.schedule(index, at: clients[index].nextDue)
        }
    }

    /// Fires the timers of every client that is due, and schedules each client's next one.
    func workloadTick(now: UInt64) {
        for index in timers.popDue(now: now) where clients[index].stage == .joined {
            fireTimers(client: index, now: now)
            timers.schedule(index, at: clients[index].nextDue)
        }
    }

    private func fireTimers(client index: Int, now: UInt64) {
        if clients[index].nextKeyAt <= now { keystroke(client: index, now: now) }
        guard plan.sideTraffic else { return }
        if clients[index].nextPingAt <= now {
            clients[index].nextPingAt = now + 10_000_000_000
            send(#""type":"ping""#, client: index)
        }
        if clients[index].nextHandAt <= now {
            let raise = !clients[index].handUp
            clients[index].handUp = raise
            clients[index].nextHandAt = now + (raise ? 5_000_000_000 : 20_000_000_000)
            if raise {
                send(#""type":"hand.raise","kind":"contribution""#, client: index)
            } else {
                send(#""type":"hand.lower","participant":\#(JSONText.quote(clients[index].participant))"#, client: index)
            }
        }
        if clients[index].nextPhaseAt <= now {
            clients[index].nextPhaseAt = now + 15_000_000_000
            if clients[index].phase + 1 < clients[index].agendaCount {
                send(#""type":"phase.next""#, client: index)
            }
        }
    }

    func keystroke(client index: Int, now: UInt64) {
        guard let (state, revision, length) = clients[index].note.map({ ($0.state, $0.revision, $0.document.utf16Count) }) else {
            return
        }
        switch plan.typing {
        case .closedLoop:
            // As fast as acks allow: the next edit goes when this one is acked.
            clients[index].nextKeyAt = .max
        case .bursts:
            clients[index].nextKeyAt = now + UInt64(clients[index].typist.nextDelay() * 1e9)
        case .idle:
            return
        }
        // A cursor names a position at a server revision: only a synchronized client's caret, before
        // this keystroke, is one.
        if plan.sideTraffic, state == .synchronized, random.next() % 4 == 0 {
            let caret = clients[index].typist.caret
            send(#""type":"note.cursor","note":\#(JSONText.quote(clients[index].noteID)),"rev":\#(revision),"anchor":\#(caret),"head":\#(caret)"#,
                 client: index)
        }
        let op = clients[index].typist.keystroke(length: length)
        do {
            let outgoing = try clients[index].note!.applyLocal(op)
            if let outgoing { sendEdit(outgoing, client: index) }
        } catch {
            counters.note("typist made an op the note refused: \(error)")
        }
    }

    /// Sends a `note.edit` and records its send time under (author, opId).
    func sendEdit(_ edit: NoteOutgoingEdit, client index: Int) {
        guard let connection = clients[index].connection else { return }
        let id = clients[index].takeCommandID()
        clients[index].editCommands[id] = edit.opId
        let text = #"{"type":"note.edit","id":\#(id),"note":"\#(clients[index].noteID)","rev":\#(edit.baseRev),"opId":"\#(edit.opId)","op":\#(edit.op.json)}"#
        let receivers = joinedPerSession[clients[index].session] - 1
        let sentAt = MonotonicClock.nanoseconds()
        ledger.sent(EditKey(author: clients[index].participant, opId: edit.opId), at: sentAt, receivers: receivers)
        if measuring, sentAt >= windowStart { counters.edits += 1 }
        pool?.send(text, on: connection)
    }

    /// Sends a command with the next command id; `members` is the rest of the object's members,
    /// already JSON (building the text directly: `JSONSerialization` of a `[String: Any]` was a
    /// tenth of the driver's CPU).
    func send(_ members: String, client index: Int, tolerated: Bool = false) {
        guard let connection = clients[index].connection else { return }
        let id = clients[index].takeCommandID()
        if tolerated { clients[index].tolerated.insert(id) }
        pool?.send(#"{"id":\#(id),\#(members)}"#, on: connection)
    }
}
