import ReviewRoomCore
import ReviewRoomProtocol
import ReviewRoomStore
import WebSocketTransport

extension SessionActor {
    /// One event about to be recorded.
    struct NewEvent {
        var at: Timestamp
        var name: String
        var data: String
        var author: String?
        var opId: String?
    }

    /// Queues `action` to run once everything decided so far is durable.
    func enqueue(_ action: PendingOutput.Action) {
        outbox.append(PendingOutput(seq: seq, writes: writesIssued, action: action))
        flush()
    }

    /// Queues frames for one connection (acks, errors, the welcome).
    func reply(_ connection: ConnectionID, _ bytes: [UInt8]) {
        enqueue(.send(connection, [OutboundFrame(text: bytes)]))
    }

    /// Numbers `events` after the current seq, hands them to the store and queues their
    /// broadcast. Returns the last seq. Nothing is sent before the store reports it durable.
    /// With `change`, the session's new stored definition goes into the same store transaction
    /// as the events (a `PATCH`: a crash leaves both or neither).
    @discardableResult
    func record(_ events: [NewEvent], changing change: SessionDefinitionChange? = nil) -> Int64 {
        guard !events.isEmpty else { return seq }
        var records: [EventRecord] = []
        for event in events {
            seq += 1
            records.append(EventRecord(seq: seq, at: event.at, name: event.name, data: event.data,
                                       author: event.author, opId: event.opId))
            let frame = OutboundFrame(text: ServerMessages.event(seq: seq, at: event.at, name: event.name, data: event.data,
                                                                 author: event.author))
            recent.append(frame)
            eventBytesSinceSnapshot += frame.count
            outbox.append(PendingOutput(seq: seq, writes: writesIssued, action: .event(frame)))
        }
        let last = seq
        let handedOver = ContinuousClock.now
        store.append(records, to: id, changing: change) { [weak self, metrics] result in
            metrics?.commitLatency.observe(ContinuousClock.now - handedOver)
            guard let self else { return }
            Task { await self.appended(upTo: last, result) }
        }
        return last
    }

    /// Records core events (their `data` as the protocol encodes it).
    @discardableResult
    func record(core events: [Event], author: String?, changing change: SessionDefinitionChange? = nil) -> Int64 {
        let last = record(events.map { event in
            let data: String
            if case .participantChanged(let list) = event.body {
                data = WireSnapshot.participantsData(list, online: online)
            } else {
                data = WireJSON.data(of: event)
            }
            return NewEvent(at: event.at, name: event.name, data: data, author: author, opId: nil)
        }, changing: change)
        if !events.isEmpty { rearm() }
        return last
    }

    /// Records an edit that changed nothing in the store (PROTOCOL §3.5: its repeats keep its
    /// rev after a restart); whatever is queued from now on waits until it is durable.
    func recordUnchanged(_ operation: UnchangedOperation) {
        writesIssued += 1
        let write = writesIssued
        store.recordUnchanged(operation, in: id) { [weak self] result in
            guard let self else { return }
            Task { await self.unchangedRecorded(write, result) }
        }
    }

    /// The store's answer for the `write`-th unchanged edit.
    func unchangedRecorded(_ write: Int64, _ result: Result<Void, StoreError>) {
        switch result {
        case .success:
            backgroundWrites.succeeded(.sessionChange)
            // The writer commits in order, so every earlier write is durable too.
            writesDone = max(writesDone, write)
            flush()
        case .failure(let error):
            guard !stopped else { return }
            if error.code == .unknownSession { return erasedMeanwhile() }
            writeFailure = error
            // Throttled daemon-wide: on a full disk every live session stops here, and again
            // each time its clients reconnect.
            backgroundWrites.failed(.sessionChange, session: id, error: error, details: ["write": "unchangedEdit"])
            stop(code: CloseCode.goingAway.rawValue, reason: "the session could not store a change; reconnect")
            onFailure(id)
        }
    }

    /// The store's answer for the append that ends at `last`.
    func appended(upTo last: Int64, _ result: Result<Int64, StoreError>) {
        switch result {
        case .success:
            // One atomic load unless session changes were failing (then the recovery notice).
            backgroundWrites.succeeded(.sessionChange)
            durable = max(durable, last)
            flush()
            saveSnapshotIfDue()
        case .failure(let error):
            guard !stopped else { return }
            if error.code == .unknownSession { return erasedMeanwhile() }
            backgroundWrites.failed(.sessionChange, session: id, error: error, details: ["write": "events", "seq": "\(last)"])
            stop(code: CloseCode.goingAway.rawValue, reason: "the session could not store a change; reconnect")
            onFailure(id)
        }
    }

    /// Runs every queued action whose seq is durable, in order.
    func flush() {
        var done = 0
        for item in outbox {
            guard item.seq <= durable, item.writes <= writesDone else { break }
            perform(item)
            done += 1
        }
        if done > 0 { outbox.removeFirst(done) }
    }

    private func perform(_ item: PendingOutput) {
        switch item.action {
        case .event(let frame):
            for (cid, member) in members where member.fromSeq < item.seq { send(frame, to: member, cid) }
        case .send(let connection, let frames):
            guard let member = members[connection] else { return }
            for frame in frames { send(frame, to: member, connection) }
        case .welcome(let connection, let frames):
            guard let member = members[connection] else { return }
            for frame in frames { send(frame, to: member, connection) }
            members[connection]?.welcomed = true
        case .ephemeral(let frame, let except):
            for (cid, member) in members where member.welcomed && !except.contains(cid) {
                send(frame, to: member, cid)
            }
        case .presence(let only):
            let frame = OutboundFrame(text: ServerMessages.presence(online: online.sorted()))
            for (cid, member) in members where member.welcomed && (only == nil || only == cid) {
                send(frame, to: member, cid)
            }
        case .close(let connection, let code, let reason):
            members[connection]?.connection.close(code: code, reason: reason)
        case .notify(let continuation):
            continuation.resume()
        }
    }

    /// Queues `frame` on `member`'s connection; the send that closes it with 4029 for outbox
    /// overflow is reported once (``ForcedCloseLogKind/outboxOverflow``), when it happens: the
    /// connection leaves the session only once its socket is gone, up to 10 s later for a reader
    /// that stalled. The daemon-wide ``forcedCloses`` logs the first in full, then counts.
    private func send(_ frame: OutboundFrame, to member: SessionMember, _ cid: ConnectionID) {
        guard !member.connection.send(frame), !member.overflowLogged, member.connection.closedForOutboxOverflow else { return }
        members[cid]?.overflowLogged = true
        forcedCloses.failed(.outboxOverflow, session: id, details: [
            "participant": "\(member.participantID)", "connection": "\(cid)", "console": "\(member.console != nil)"])
    }

    /// Stops deciding anything: closes every connection with `code`, resumes waiters.
    func stop(code: UInt16, reason: String) {
        markStopped()
        timer?.cancel()
        timer = nil
        stopStillOnlineMarks()
        for member in members.values { member.connection.close(code: code, reason: reason) }
        // Their connections end here, not in `leave`: close their online intervals now.
        let now = clock.now()
        for participantID in online { attendanceLeft(participantID, at: now) }
        for member in members.values { if let facilitator = member.facilitator { consoles.left(facilitator, in: id) } }
        members.removeAll()
        connectionCap.releaseAll()
        for item in outbox { if case .notify(let continuation) = item.action { continuation.resume() } }
        outbox.removeAll()
    }

    /// Waits until everything decided so far is durable (or the session stopped).
    func waitUntilDurable() async {
        guard !stopped, durable < seq || writesDone < writesIssued else { return }
        await withCheckedContinuation { continuation in
            enqueue(.notify(continuation))
        }
    }
}
