import ReviewRoomBenchKit
import ReviewRoomCore
import ReviewRoomProtocol
import WebSocketTransport

// What the driver does with each message a client receives.
extension LoadRun {
    /// Parses one message and updates the client, the ledger and the counters.
    func receive(_ bytes: [UInt8], client index: Int, at receivedAt: UInt64) {
        // Nearly every frame is a note.op event or an ack: read with the scanner, without a tree
        // of values (which was a tenth of the driver's CPU). Anything else is parsed whole.
        if (try? receiveNoteOpOrAck(bytes, client: index, at: receivedAt)) == true { return }
        // The protocol's own parser: Foundation's JSONSerialization was a fifth of the driver's CPU.
        guard let object = try? JSONParser.parse(bytes), case .object = object.kind,
              let type = object["type"]?.string else {
            counters.errorReplies += 1
            counters.note("not a JSON object: \(String(decoding: bytes.prefix(120), as: UTF8.self))")
            return
        }
        switch type {
        case "welcome":
            welcome(object, client: index)
        case "event":
            event(object, client: index, at: receivedAt)
        case "ack":
            ack(object, client: index)
        case "error":
            let id = object["id"]?.int
            if let id, clients[index].tolerated.remove(id) != nil { return }
            counters.errorReplies += 1
            counters.note("error \(object["code"]?.string ?? "?"): \(object["message"]?.string ?? "")")
            if clients[index].stage == .joining {
                clients[index].stage = .gone
                settle(index, joined: false)
            } else if let id, let opId = clients[index].editCommands.removeValue(forKey: id) {
                // A refused edit is never confirmed: this client stops typing (its OT state is stuck).
                counters.note("edit \(opId) refused; client \(index) stops typing")
                clients[index].nextKeyAt = .max
            }
        default:
            break // presence, cursor, signal, hint, resumed: frames only
        }
    }

    private func welcome(_ object: JSONValue, client index: Int) {
        guard clients[index].stage == .joining else { return }
        let session = object["session"]
        guard let participant = object["you"]?["id"]?.string, let note = session?["notes"]?.array?.first,
              let noteID = note["id"]?.string else {
            counters.errorReplies += 1
            counters.note("welcome without you.id or session.notes")
            clients[index].stage = .gone
            settle(index, joined: false)
            return
        }
        clients[index].participant = participant
        clients[index].noteID = noteID
        let text = note["text"]?.string ?? ""
        let rev = note["rev"]?.int ?? 0
        clients[index].note = NoteClient(participant: participant, revision: rev, text: text, opIdPrefix: "b")
        clients[index].typist.place(length: text.utf16.count)
        clients[index].agendaCount = session?["agenda"]?.array?.count ?? 0
        let clock = session?["clock"]
        clients[index].phase = clock?["phase"]?.int ?? 0
        clients[index].stage = .joined
        if clients[index].isFacilitator, target.kind == .reviewroom, clock?["status"]?.string != "live" {
            send(#""type":"session.start""#, client: index, tolerated: true)
        }
        settle(index, joined: true)
    }

    private func event(_ object: JSONValue, client index: Int, at receivedAt: UInt64) {
        guard let name = object["name"]?.string, let data = object["data"] else { return }
        switch name {
        case "note.op":
            guard let by = data["by"]?.string, let opId = data["opId"]?.string else { return }
            noteOp(by: by, opId: opId, note: data["note"]?.string, rev: data["rev"]?.int,
                   op: data["op"].flatMap(Self.operation), client: index, at: receivedAt,
                   serverAt: object["at"]?.string.flatMap { ServerStampSplit.epochMilliseconds(rfc3339: $0.utf8) })
        case "clock.changed":
            if let phase = data["clock"]?["phase"]?.int { clients[index].phase = phase }
        default:
            break
        }
    }

    /// A note.op event: one latency sample, then the op applied to the client's note.
    private func noteOp(by: String, opId: String, note: String?, rev: Int?, op: TextOperation?,
                        client index: Int, at receivedAt: UInt64, serverAt: Int64?) {
        if by != clients[index].participant, let latency = ledger.arrived(EditKey(author: by, opId: opId), at: receivedAt) {
            let sentAt = receivedAt - latency
            let parts = serverAt.map { stampSplit.record(sentAt: sentAt, serverAtMilliseconds: $0, arrivedAt: receivedAt) }
            timeline.record(sentAt: sentAt, latency: latency, toServer: parts?.toServer ?? 0, fromServer: parts?.fromServer ?? 0)
        }
        guard note == clients[index].noteID, clients[index].note != nil, let rev, let op else { return }
        do {
            // In place: a copy taken out and written back would share the client's rope, and
            // applying the op would then copy its nodes.
            let update = try clients[index].note!.receiveEvent(rev: rev, op: op, by: by, opId: opId)
            clients[index].typist.clamp(length: clients[index].note!.document.utf16Count)
            if let next = update.send { sendEdit(next, client: index) }
        } catch {
            counters.otFailures += 1
            if target.kind == .reviewroom { counters.note("OT could not apply note.op rev \(rev): \(error)") }
        }
    }

    private func ack(_ object: JSONValue, client index: Int) {
        guard let id = object["id"]?.int else { return }
        ack(id: id, rev: object["rev"]?.int, client: index)
    }

    private func ack(id: Int, rev ackedRev: Int?, client index: Int) {
        clients[index].tolerated.remove(id)
        guard let opId = clients[index].editCommands.removeValue(forKey: id),
              let (revision, outstanding) = clients[index].note.map({ ($0.revision, $0.outstandingEdit?.opId) }) else { return }
        let rev = ackedRev ?? revision
        if outstanding == opId {
            // Acked while still outstanding: no note.op came first, so the server applied it as a
            // no-op (e.g. two people deleted the same letter); nobody else will receive it.
            ledger.withdraw(EditKey(author: clients[index].participant, opId: opId))
            counters.noopEdits += 1
        }
        let next = clients[index].note!.receiveAck(opId: opId, rev: rev)
        if let next { sendEdit(next, client: index) }
        if plan.typing == .closedLoop, measuring, clients[index].note?.state == .synchronized {
            // The next keystroke goes at once, not at the next timer scan.
            keystroke(client: index, now: MonotonicClock.nanoseconds())
        }
    }

    /// Reads a note.op event or an ack with the scanner and handles it, and passes over any other
    /// event but `clock.changed`; false (having changed nothing) for any other message, or one
    /// it could not read, which is then parsed whole.
    private func receiveNoteOpOrAck(_ bytes: [UInt8], client index: Int, at receivedAt: UInt64) throws(JSONParseError) -> Bool {
        var scanner = JSONScanner(bytes)
        try scanner.enterObject()
        var isEvent = false, isAck = false, isNoteOp = false
        var id: Int?, rev: Int?, fields: NoteOpFields?, serverAt: Int64?
        while try scanner.nextMember() {
            if scanner.keyIs("type") {
                isEvent = try scanner.stringIs("event")
                if !isEvent { isAck = try scanner.stringIs("ack") }
                if !isEvent && !isAck { return false }
            } else if scanner.keyIs("name") {
                isNoteOp = try scanner.stringIs("note.op")
                // Any other event is only a frame to count (cursors and presence were a seventh
                // of the driver's messages, each parsed whole), except the facilitator's clock.
                if !isNoteOp {
                    guard isEvent else { return false }
                    return try !scanner.stringIs("clock.changed")
                }
            } else if scanner.keyIs("data") {
                guard let read = try NoteOpFields.read(&scanner) else { return false }
                fields = read
            } else if scanner.keyIs("at") {
                serverAt = ServerStampSplit.epochMilliseconds(rfc3339: try scanner.string().utf8)
            } else if scanner.keyIs("id") {
                id = try scanner.int()
            } else if scanner.keyIs("rev") {
                rev = try scanner.int()
            } else {
                try scanner.skipValue()
            }
        }
        guard scanner.atEnd() else { return false }
        if isEvent, isNoteOp, let fields, let by = fields.by, let opId = fields.opId {
            noteOp(by: by, opId: opId, note: fields.note, rev: fields.rev, op: fields.op, client: index, at: receivedAt,
                   serverAt: serverAt)
            return true
        }
        if isAck, let id {
            ack(id: id, rev: rev, client: index)
            return true
        }
        return false
    }

    /// An ot.js op from parsed JSON: positive ints retain, negative delete, strings insert.
    static func operation(_ value: JSONValue) -> TextOperation? {
        guard let components = value.array else { return nil }
        var op = TextOperation()
        for component in components {
            if let text = component.string {
                op.insert(text)
            } else if let count = component.int {
                if count > 0 { op.retain(count) } else if count < 0 { op.delete(-count) } else { return nil }
            } else {
                return nil
            }
        }
        return op
    }
}
