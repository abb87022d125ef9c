import Testing
@testable import ReviewRoomCore
import ReviewRoomTesting

/// Randomized convergence: simulated clients edit one note concurrently through a
/// ``NoteBuffer`` with messages delivered in random order; everyone must end equal.
@Suite struct ConvergenceTests {
    enum Message {
        case event(rev: Int, op: TextOperation, by: String, opId: String)
        case ack(opId: String, rev: Int)
    }

    @Test func transformSatisfiesTP1OnRandomOps() throws {
        var rng = SplitMix64(seed: 0xC0FFEE)
        for _ in 0 ..< 3000 {
            let doc = Array(RandomEdits.text(maxPieces: 6, using: &rng).utf16)
            let a = RandomEdits.op(on: doc, using: &rng), b = RandomEdits.op(on: doc, using: &rng)
            let (aPrime, bPrime) = try TextOperation.transform(a, b)
            let left = try bPrime.apply(toUnits: a.apply(toUnits: doc))
            let right = try aPrime.apply(toUnits: b.apply(toUnits: doc))
            #expect(left == right, "a=\(a.json) b=\(b.json)")
            let composed = try a.compose(bPrime)
            #expect(try composed.apply(toUnits: doc) == left)
            let inverse = try a.inverted(on: Rope(units: doc))
            #expect(try inverse.apply(toUnits: a.apply(toUnits: doc)) == doc)
        }
    }

    @Test func clientsConvergeUnderRandomDelivery() async throws {
        // Seconds of CPU: off the cooperative pool (see OwnThread).
        try await OwnThread.run {
            var applied = 0
            for trial in 0 ..< 10_000 {
                applied += try runTrial(seed: UInt64(trial))
            }
            #expect(applied > 10_000, "the trials must actually edit")
        }
    }

    /// One trial; returns how many revisions the server made.
    private func runTrial(seed: UInt64) throws -> Int {
        var rng = SplitMix64(seed: seed)
        let start = RandomEdits.text(maxPieces: 4, using: &rng)
        var server = NoteBuffer(id: "n", title: "N", text: start)
        let count = Int.random(in: 2 ... 5, using: &rng)
        var clients = (0 ..< count).map {
            NoteClient(participant: "p\($0)", revision: 0, text: start, composesBuffer: Bool.random(using: &rng))
        }
        var toServer: [[NoteOutgoingEdit]] = Array(repeating: [], count: count)
        var toClient: [[Message]] = Array(repeating: [], count: count)
        var editsLeft = Int.random(in: 1 ... 8, using: &rng)

        func deliverToServer(_ k: Int) throws {
            let edit = toServer[k].removeFirst()
            let author = clients[k].participant
            let result = try server.receive(edit.op, baseRev: edit.baseRev, author: author, opId: edit.opId,
                                            at: Timestamp(millisecondsSince1970: 0))
            if let op = result.op {
                for j in 0 ..< count { toClient[j].append(.event(rev: result.rev, op: op, by: author, opId: edit.opId)) }
            }
            toClient[k].append(.ack(opId: edit.opId, rev: result.rev))
        }
        func deliverToClient(_ k: Int) throws {
            switch toClient[k].removeFirst() {
            case .ack(let opId, let rev):
                if let edit = clients[k].receiveAck(opId: opId, rev: rev) { toServer[k].append(edit) }
            case .event(let rev, let op, let by, let opId):
                let update = try clients[k].receiveEvent(rev: rev, op: op, by: by, opId: opId)
                if let edit = update.send { toServer[k].append(edit) }
            }
        }

        while true {
            var choices: [(Int, Int)] = []
            for k in 0 ..< count {
                if editsLeft > 0 { choices.append((0, k)) }
                if !toServer[k].isEmpty { choices.append((1, k)) }
                if !toClient[k].isEmpty { choices.append((2, k)) }
            }
            guard let (kind, k) = choices.randomElement(using: &rng) else { break }
            switch kind {
            case 0:
                editsLeft -= 1
                let op = RandomEdits.op(on: clients[k].document.units, using: &rng)
                if let edit = try clients[k].applyLocal(op) { toServer[k].append(edit) }
            case 1: try deliverToServer(k)
            default: try deliverToClient(k)
            }
        }
        for client in clients {
            #expect(client.document == server.text, "seed \(seed): \(client.participant) diverged")
            #expect(client.revision == server.revision, "seed \(seed)")
            #expect(client.state == .synchronized, "seed \(seed)")
        }
        return server.revision
    }
}
