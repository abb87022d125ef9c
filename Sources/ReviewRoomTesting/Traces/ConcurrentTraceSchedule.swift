import ReviewRoomCore

/// Drives two ``NoteClient``s and a server through a concurrent editing trace so that each
/// transaction is made on exactly the document its `parents` describe. The server is
/// whatever `Receiver` is: an in-memory `NoteBuffer` (core tests) or the real daemon over two
/// WebSocket connections (live tests); only how an edit reaches it differs.
///
/// The network schedule: agent 0 has the fast connection (its edits reach the server as
/// soon as its state machine sends them); agent 1's sent edits wait until agent 0 needs
/// them. Buffers are not composed (one transaction per edit), so an event never carries
/// part of what the peer may see. A client is shown the peer's events only once its next
/// transaction's history includes them (its own acks and events always). When that would
/// stall the peer (its needed transactions wait behind an unacknowledged edit), the peer is
/// shown its whole inbox; the events it sees early form its *lag*, and its next
/// transactions (made on the document without the lag) are transformed over the lag before
/// they are applied. A lag entry leaves the lag when a transaction's history includes it.
///
/// Why the schedule matters: contrary to the trace's README, txns 22360–22377 have both
/// agents typing at one place at once (agent 1's " The" and agent 0's ", huh?" right after
/// agent 0 deleted the character between them). Under PROTOCOL's tie rule (the insert the
/// server applied first stays left) the text there depends on which edits reach the server
/// first; `endContent` has agent 0's first, which this schedule produces.
public struct ConcurrentTraceSchedule<Receiver: TraceEditReceiver> {
    enum Message {
        case event(rev: Int, op: TextOperation, by: String, opId: String)
        case ack(opId: String, rev: Int)
    }

    /// The trace being replayed.
    public let trace: EditTrace
    /// The server; it has received every edit once ``run()`` returns.
    public internal(set) var receiver: Receiver
    /// Both agents' clients (agent 0 first).
    public internal(set) var clients: [NoteClient]
    /// How many times a stalled client had to be shown events early.
    public internal(set) var forcedDeliveries = 0
    /// How many local transactions were buffered behind an unacknowledged edit.
    public internal(set) var bufferedTransactions = 0
    var inboxes: [[Message]] = [[], []]
    var inboxHeads = [0, 0]
    /// Edits each client sent that the server has not received yet.
    var outboxes: [[NoteOutgoingEdit]] = [[], []]
    /// `known[k]`: how many of the other agent's transactions client k's document holds outside its lag.
    var known = [0, 0]
    /// Events client k saw early: the other agent's transaction count and the op as applied.
    var lags: [[(count: Int, op: TextOperation)]] = [[], []]
    /// For each agent, which of its transactions (1-based count) each of its edits carries.
    var editCounts: [[String: Int]] = [[:], [:]]
    var localCounts = [0, 0]
    /// Per agent, the transaction counts of local edits not yet sent, in order.
    var unsentCounts: [[Int]] = [[], []]
    /// `history[t]`: per agent, how many of its transactions t's document (after t) holds.
    var history: [[Int]] = []

    /// Prepares a replay of `trace` (every transaction must name its `agent`, 0 or 1) by
    /// clients editing as `participants[0]` and `participants[1]`, both starting from
    /// `startContent` at revision 0, against `receiver`.
    public init(trace: EditTrace, startContent: String, participants: [String], receiver: Receiver) throws {
        guard participants.count == 2 else {
            throw EditTraceError(.scheduleBroken, "the schedule needs 2 participants, not \(participants.count)")
        }
        self.trace = trace
        self.receiver = receiver
        clients = (0 ..< 2).map {
            NoteClient(participant: participants[$0], revision: 0, text: startContent, composesBuffer: false)
        }
        for (t, txn) in trace.txns.enumerated() {
            var base = [0, 0]
            for p in txn.parents ?? [] {
                base = [Swift.max(base[0], history[p][0]), Swift.max(base[1], history[p][1])]
            }
            let agent = try Self.agent(of: txn, at: t)
            base[agent] += 1
            history.append(base)
        }
    }

    /// Replays every transaction, then delivers everything still in flight.
    public mutating func run() throws {
        for (t, txn) in trace.txns.enumerated() {
            let a = try Self.agent(of: txn, at: t), b = 1 - a
            var need = history[t]
            need[a] -= 1
            try check(localCounts[a] == need[a], "txn \(t): agent \(a) skips its own history")
            var stalls = 0
            while true {
                try pump(from: t)
                dropSatisfiedLag(of: a, upTo: need[b])
                if known[a] >= need[b] { break }
                if !outboxes[b].isEmpty {
                    try flush(b)
                    continue
                }
                // The other agent's needed edits are not even sent: unblock it.
                stalls += 1
                try check(stalls < 1000, "txn \(t): agent \(b) never sends what agent \(a) needs: local \(localCounts) known \(known) lag \(lags.map { $0.map(\.count) }) heads \(inboxHeads) inboxes \(inboxes.map(\.count)) states \(clients.map(\.state)) counts \(editCounts[b].values.sorted().suffix(5))")
                forcedDeliveries += 1
                try deliverAll(to: b)
            }
            try check(known[a] == need[b], "txn \(t): agent \(a) holds \(known[a]) of agent \(b)'s txns, needs \(need[b])")
            var op = TextOperation.identity(length: clients[a].document.utf16Count - lagDelta(of: a))
            for patch in txn.patches {
                var step = TextOperation()
                step.retain(patch.position)
                step.delete(patch.deleted)
                step.insert(patch.inserted)
                step.retain(op.targetLength - patch.position - patch.deleted)
                op = try op.compose(step)
            }
            for i in lags[a].indices {
                (lags[a][i].op, op) = try TextOperation.transform(lags[a][i].op, op)
            }
            localCounts[a] += 1
            unsentCounts[a].append(localCounts[a])
            if let edit = try clients[a].applyLocal(op) { try send(edit, from: a) }
            if case .awaitingWithBuffer = clients[a].state { bufferedTransactions += 1 }
        }
        while outboxes.contains(where: { !$0.isEmpty }) || inboxHeads != inboxes.map(\.count) {
            for k in 0 ..< 2 {
                try flush(k)
                try deliverAll(to: k)
            }
        }
    }

    /// The agent (0 or 1) of transaction `t`.
    static func agent(of txn: EditTrace.Transaction, at t: Int) throws -> Int {
        guard let agent = txn.agent, agent == 0 || agent == 1 else {
            throw EditTraceError(.scheduleBroken, "txn \(t) has agent \(txn.agent.map(String.init) ?? "nil"): a concurrent replay needs agent 0 or 1")
        }
        return agent
    }

    /// Throws `message` unless `condition` holds.
    func check(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw EditTraceError(.scheduleBroken, message()) }
    }
}
