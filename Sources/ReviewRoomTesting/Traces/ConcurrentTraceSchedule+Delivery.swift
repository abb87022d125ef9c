import ReviewRoomCore

extension ConcurrentTraceSchedule {
    /// The server receives everything agent k has sent so far.
    mutating func flush(_ k: Int) throws {
        while !outboxes[k].isEmpty { try receive(outboxes[k].removeFirst(), from: k) }
    }

    /// How much longer client k's document is than the document without its lag.
    func lagDelta(of k: Int) -> Int {
        lags[k].reduce(0) { $0 + $1.op.targetLength - $1.op.baseLength }
    }

    mutating func dropSatisfiedLag(of k: Int, upTo count: Int) {
        while let first = lags[k].first, first.count <= count {
            known[k] = first.count
            lags[k].removeFirst()
        }
    }

    mutating func send(_ edit: NoteOutgoingEdit, from k: Int) throws {
        editCounts[k][edit.opId] = unsentCounts[k].removeFirst()
        outboxes[k].append(edit)
        if k == 0 { try flush(k) }
    }

    /// Hands one edit to the receiver and queues its event (both agents) and ack (the sender).
    mutating func receive(_ edit: NoteOutgoingEdit, from k: Int) throws {
        let author = clients[k].participant
        let result = try receiver.receive(edit, author: author, from: k)
        if let op = result.op {
            for j in 0 ..< 2 { inboxes[j].append(.event(rev: result.rev, op: op, by: author, opId: edit.opId)) }
        }
        inboxes[k].append(.ack(opId: edit.opId, rev: result.rev))
    }

    /// Delivers the server messages each client may see before its next transaction.
    mutating func pump(from t: Int) throws {
        var progress = true
        while progress {
            progress = false
            for k in 0 ..< 2 {
                let limit = nextNeed(of: k, from: t)
                while inboxHeads[k] < inboxes[k].count {
                    if !lags[k].isEmpty, case .event(_, _, let by, _) = inboxes[k][inboxHeads[k]], by != clients[k].participant {
                        break // once early, every later event of the peer is early too
                    }
                    if case .event(_, _, let by, let opId) = inboxes[k][inboxHeads[k]], by != clients[k].participant,
                       let limit, try count(of: opId, by: 1 - k) > limit {
                        break
                    }
                    try deliverNext(to: k, early: false)
                    progress = true
                }
            }
        }
    }

    mutating func deliverAll(to k: Int) throws {
        while inboxHeads[k] < inboxes[k].count { try deliverNext(to: k, early: true) }
    }

    mutating func deliverNext(to k: Int, early: Bool) throws {
        let message = inboxes[k][inboxHeads[k]]
        inboxHeads[k] += 1
        switch message {
        case .ack(let opId, let rev):
            if let edit = clients[k].receiveAck(opId: opId, rev: rev) { try send(edit, from: k) }
        case .event(let rev, let op, let by, let opId):
            let update = try clients[k].receiveEvent(rev: rev, op: op, by: by, opId: opId)
            if by != clients[k].participant {
                let count = try count(of: opId, by: 1 - k)
                if early || !lags[k].isEmpty {
                    guard let apply = update.apply else {
                        throw EditTraceError(.scheduleBroken, "agent \(k) was shown agent \(1 - k)'s edit \(opId) early but it changed nothing on its document")
                    }
                    lags[k].append((count, apply))
                } else {
                    known[k] = count
                }
            }
            if let edit = update.send { try send(edit, from: k) }
        }
    }

    /// Which of agent `agent`'s transactions (1-based count) its edit `opId` carries.
    func count(of opId: String, by agent: Int) throws -> Int {
        guard let count = editCounts[agent][opId] else {
            throw EditTraceError(.scheduleBroken, "agent \(agent) never sent an edit with opId \(opId)")
        }
        return count
    }

    /// How many of the other agent's txns client k's next transaction at or after `t` needs (nil: none left).
    func nextNeed(of k: Int, from t: Int) -> Int? {
        var i = t
        while i < trace.txns.count {
            if trace.txns[i].agent == k { return history[i][1 - k] }
            i += 1
        }
        return nil
    }
}
