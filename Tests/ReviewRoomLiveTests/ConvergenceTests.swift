import Foundation
import ReviewRoomTesting
import Testing

@Suite("Live sessions: concurrent note editing")
struct LiveConvergenceTests {
    /// Each client edits on the revision it last saw (so most edits are concurrent with
    /// others' and the server transforms them); all end with the server's text.
    @Test(arguments: [2, 8])
    func clientsEditingOneNoteConverge(clients count: Int) async throws {
        let live = try await LiveDaemon.start(extraReviewers: 6)
        defer { live.daemon.terminate() }
        let names = Array((["Asha", "Ben"] + (0..<6).map { "Rev\($0)" }).prefix(count))
        var clients: [ProtocolClient] = []
        for name in names { clients.append(try await live.join(name).0) }
        defer { for client in clients { client.disconnect() } }

        let rounds = 6
        var generator = SystemRandomNumberGenerator()
        for round in 0..<rounds {
            // Every client sends one edit made on its current view, all before any reply.
            var sent: [(ProtocolClient, Int64)] = []
            for (n, client) in clients.enumerated() {
                var mirror = NoteMirror()
                mirror.catchUp(with: client.events, note: "evidence")
                let length = mirror.units.count
                let at = length == 0 ? 0 : Int.random(in: 0...length, using: &generator)
                var op: [Any] = []
                if at > 0 { op.append(at) }
                op.append("\(n)-\(round);")
                if length - at > 0 {
                    // Sometimes also delete one unit after the insert.
                    if Bool.random(using: &generator), length - at > 1 {
                        op.append(-1)
                        op.append(length - at - 1)
                    } else {
                        op.append(length - at)
                    }
                }
                let id = try await client.send("note.edit", ["note": "evidence", "rev": mirror.rev, "opId": "r\(round)", "op": op])
                sent.append((client, id))
            }
            for (client, id) in sent {
                let reply = try await client.reply(to: id)
                #expect(reply.type == "ack", "\(reply)")
            }
        }
        let final = try await clients[0].request("note.get", ["note": "evidence"])
        let note = try #require(final.object["note"] as? [String: Any])
        let rev = try #require(note["rev"] as? Int)
        #expect(rev == rounds * count)
        for client in clients {
            _ = try await client.messages.first(where: { $0.name == "note.op" && ($0.data["rev"] as? Int) == rev }, timeout: .seconds(20))
            var mirror = NoteMirror()
            mirror.catchUp(with: client.events, note: "evidence")
            #expect(mirror.rev == rev)
            #expect(mirror.text == note["text"] as? String)
        }
    }
}
