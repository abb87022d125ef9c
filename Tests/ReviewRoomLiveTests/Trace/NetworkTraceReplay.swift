import Foundation
import Testing
import ReviewRoomTesting
@testable import ReviewRoomCore

// Adapted from ReviewRoomCoreTests' ConcurrentTraceReplay: the same network schedule, but
// the server is the real daemon, reached by two real WebSocket clients (blocking raw
// clients: the replay runs on its own thread). Each edit the schedule hands to the server
// is sent by its agent's connection; the transformed op comes back as that connection's
// `note.op` event, and the ack as its `ack`.

/// Drives two ``NoteClient``s and a ``NoteBuffer`` through a concurrent editing trace so
/// that each transaction is made on exactly the document its `parents` describe.
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
struct NetworkTraceReplay {
    enum Message {
        case event(rev: Int, op: TextOperation, by: String, opId: String)
        case ack(opId: String, rev: Int)
    }

    let trace: EditTrace
    /// Each agent's connection, already past `hello`.
    let sockets: [RawWebSocketClient]
    /// The server's revision after the last edit it applied.
    private(set) var serverRevision = 0
    private var nextID = 0
    private(set) var clients: [NoteClient]
    /// How many times a stalled client had to be shown events early.
    private(set) var forcedDeliveries = 0
    /// How many local transactions were buffered behind an unacknowledged edit.
    private(set) var bufferedTransactions = 0
    private var inboxes: [[Message]] = [[], []]
    private var inboxHeads = [0, 0]
    /// Edits each client sent that the server has not received yet.
    private var outboxes: [[NoteOutgoingEdit]] = [[], []]
    /// `known[k]`: how many of the other agent's transactions client k's document holds outside its lag.
    private var known = [0, 0]
    /// Events client k saw early: the other agent's transaction count and the op as applied.
    private var lags: [[(count: Int, op: TextOperation)]] = [[], []]
    /// For each agent, which of its transactions (1-based count) each of its edits carries.
    private var editCounts: [[String: Int]] = [[:], [:]]
    private var localCounts = [0, 0]
    /// Per agent, the transaction counts of local edits not yet sent, in order.
    private var unsentCounts: [[Int]] = [[], []]
    /// `history[t]`: per agent, how many of its transactions t's document (after t) holds.
    private var history: [[Int]] = []

    init(trace: EditTrace, sockets: [RawWebSocketClient], participants: [String]) throws {
        self.trace = trace
        self.sockets = sockets
        clients = (0 ..< 2).map {
            NoteClient(participant: participants[$0], revision: 0, text: "", composesBuffer: false)
        }
        for txn in trace.txns {
            var base = [0, 0]
            for p in txn.parents ?? [] {
                base = [Swift.max(base[0], history[p][0]), Swift.max(base[1], history[p][1])]
            }
            let agent = try #require(txn.agent)
            base[agent] += 1
            history.append(base)
        }
    }

    mutating func run() throws {
        for (t, txn) in trace.txns.enumerated() {
            let a = try #require(txn.agent), b = 1 - a
            var need = history[t]
            need[a] -= 1
            try #require(localCounts[a] == need[a], "txn \(t): agent \(a) skips its own history")
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
                try #require(stalls < 1000, "txn \(t): agent \(b) never sends what agent \(a) needs: local \(localCounts) known \(known) lag \(lags.map { $0.map(\.count) }) heads \(inboxHeads) inboxes \(inboxes.map(\.count)) states \(clients.map(\.state)) counts \(editCounts[b].values.sorted().suffix(5))")
                forcedDeliveries += 1
                try deliverAll(to: b)
            }
            try #require(known[a] == need[b], "txn \(t): agent \(a) holds \(known[a]) of agent \(b)'s txns, needs \(need[b])")
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

    /// The server receives everything agent k has sent so far.
    private mutating func flush(_ k: Int) throws {
        while !outboxes[k].isEmpty { try receive(outboxes[k].removeFirst(), from: k) }
    }

    /// How much longer client k's document is than the document without its lag.
    private func lagDelta(of k: Int) -> Int {
        lags[k].reduce(0) { $0 + $1.op.targetLength - $1.op.baseLength }
    }

    private mutating func dropSatisfiedLag(of k: Int, upTo count: Int) {
        while let first = lags[k].first, first.count <= count {
            known[k] = first.count
            lags[k].removeFirst()
        }
    }

    private mutating func send(_ edit: NoteOutgoingEdit, from k: Int) throws {
        editCounts[k][edit.opId] = unsentCounts[k].removeFirst()
        outboxes[k].append(edit)
        if k == 0 { try flush(k) }
    }

    private mutating func receive(_ edit: NoteOutgoingEdit, from k: Int) throws {
        let author = clients[k].participant
        nextID += 1
        let id = nextID
        try sockets[k].sendText(#"{"type":"note.edit","id":\#(id),"note":"evidence","rev":\#(edit.baseRev),"opId":"\#(edit.opId)","op":\#(edit.op.json)}"#)
        var applied: (rev: Int, op: TextOperation)?
        while true {
            let message = try Self.object(sockets[k].readText(timeout: 30))
            if message["type"] as? String == "event", let data = message["data"] as? [String: Any],
               data["opId"] as? String == edit.opId, data["by"] as? String == author {
                applied = (try #require(data["rev"] as? Int), try Self.op(of: data))
            }
            if message["type"] as? String == "error" { throw FixtureError(message: "server refused an edit: \(message)") }
            if message["type"] as? String == "ack", (message["id"] as? NSNumber)?.intValue == id { break }
        }
        let result = try #require(applied, "the edit was acked without its note.op: it changed nothing")
        // Keep the other connection drained: it gets the same event.
        while true {
            let message = try Self.object(sockets[1 - k].readText(timeout: 30))
            if message["type"] as? String == "event", (message["data"] as? [String: Any])?["rev"] as? Int == result.rev { break }
        }
        serverRevision = result.rev
        for j in 0 ..< 2 { inboxes[j].append(.event(rev: result.rev, op: result.op, by: author, opId: edit.opId)) }
        inboxes[k].append(.ack(opId: edit.opId, rev: result.rev))
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The op of a `note.op` event's data, decoded from its own JSON text.
    static func op(of data: [String: Any]) throws -> TextOperation {
        let json = try JSONSerialization.data(withJSONObject: try #require(data["op"]))
        return try TextOperation(json: String(decoding: json, as: UTF8.self))
    }

    /// Delivers the server messages each client may see before its next transaction.
    private mutating func pump(from t: Int) throws {
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
                       let limit, try #require(editCounts[1 - k][opId]) > limit {
                        break
                    }
                    try deliverNext(to: k, early: false)
                    progress = true
                }
            }
        }
    }

    private mutating func deliverAll(to k: Int) throws {
        while inboxHeads[k] < inboxes[k].count { try deliverNext(to: k, early: true) }
    }

    private mutating func deliverNext(to k: Int, early: Bool) throws {
        let message = inboxes[k][inboxHeads[k]]
        inboxHeads[k] += 1
        switch message {
        case .ack(let opId, let rev):
            if let edit = clients[k].receiveAck(opId: opId, rev: rev) { try send(edit, from: k) }
        case .event(let rev, let op, let by, let opId):
            let update = try clients[k].receiveEvent(rev: rev, op: op, by: by, opId: opId)
            if by != clients[k].participant {
                let count = try #require(editCounts[1 - k][opId])
                if early || !lags[k].isEmpty {
                    lags[k].append((count, try #require(update.apply)))
                } else {
                    known[k] = count
                }
            }
            if let edit = update.send { try send(edit, from: k) }
        }
    }

    /// How many of the other agent's txns client k's next transaction at or after `t` needs (nil: none left).
    private func nextNeed(of k: Int, from t: Int) -> Int? {
        var i = t
        while i < trace.txns.count {
            if trace.txns[i].agent == k { return history[i][1 - k] }
            i += 1
        }
        return nil
    }
}
