import Foundation
import ReviewRoomCore
import ReviewRoomStore
import ReviewRoomTesting
import Testing

@Suite("Live sessions: kill -9 while clients edit")
struct LiveCrashTests {
    /// What one simulated participant knows across connections.
    struct Member {
        let name: String
        var epoch: String?
        var lastSeq: Int64 = 0
        /// Note edits sent and not acknowledged yet (resent after reconnecting).
        var pending: [String] = []
        var acked: Set<String> = []
        var nextEdit = 0
    }

    @Test func everyAcknowledgedChangeSurvivesExactlyOnceAndClientsResume() async throws {
        let first = try await LiveDaemon.start(extraReviewers: 6)
        let data = first.dataDirectory, fixture = first.fixture
        let (fay, _) = try await first.join("Fay")
        let start = try await fay.request("session.start")
        let startEvent = try await fay.event(seq: try #require(start.seq))
        let endsAt = try #require((startEvent.data["clock"] as? [String: Any])?["endsAt"] as? String)
        fay.disconnect()
        first.daemon.terminate()
        _ = try await first.daemon.waitForExit()

        var members = (["Asha", "Ben"] + (0..<6).map { "Rev\($0)" }).map { Member(name: $0) }
        var resumedCount = 0
        for iteration in 0..<10 {
            let live = try await LiveDaemon.restart(on: data, fixture: fixture)
            var connections: [ProtocolClient] = []
            var sentEdits: [[Int64: String]] = []
            for n in members.indices {
                let client = try await ProtocolClient.connect(port: live.port)
                connections.append(client)
                let member = members[n]
                let reply = try await client.hello(token: try requireTokenValue(fixture.tokens[member.name], member.name),
                                                   resume: member.epoch.map { ($0, member.lastSeq) })
                if reply.type == "resumed" {
                    resumedCount += 1
                    let seq = try #require(reply.seq)
                    _ = try await client.message("presence")
                    // Between `resumed` and its `presence`: exactly the missed events, in order.
                    let entries = client.messages.entries
                    let from = try #require(entries.firstIndex { $0.type == "resumed" })
                    let to = try #require(entries[from...].firstIndex { $0.type == "presence" })
                    #expect(entries[from..<to].compactMap { $0.type == "event" ? $0.seq : nil }
                            == Array(stride(from: member.lastSeq + 1, through: seq, by: 1)))
                    // And everything after continues without a gap or a duplicate.
                    let all = client.events.compactMap(\.seq)
                    #expect(all == Array(stride(from: member.lastSeq + 1, to: member.lastSeq + 1 + Int64(all.count), by: 1)))
                } else {
                    #expect(reply.type == "welcome", "\(reply)")
                }
                members[n].epoch = reply.object["epoch"] as? String ?? member.epoch
                var edits: [Int64: String] = [:]
                // Re-send what was pending, on its old rev (0), with its old opId.
                for opId in member.pending {
                    edits[try await client.send("note.edit", ["note": "evidence", "rev": 0, "opId": opId, "op": ["\(opId);"]])] = opId
                }
                for _ in 0..<6 {
                    let opId = "\(member.name)-\(members[n].nextEdit)"
                    members[n].nextEdit += 1
                    members[n].pending.append(opId)
                    edits[try await client.send("note.edit", ["note": "evidence", "rev": 0, "opId": opId, "op": ["\(opId);"]])] = opId
                }
                try await client.send(iteration % 2 == 0 ? "hand.raise" : "hand.lower",
                                      iteration % 2 == 0 ? ["kind": "contribution"] : ["participant": fixture.participantIDs[member.name] ?? ""])
                sentEdits.append(edits)
            }
            // Kill once the first client has something acknowledged (at a varying point).
            let firstEdit = try #require(sentEdits[iteration % members.count].keys.sorted().first)
            _ = try await connections[iteration % members.count].reply(to: firstEdit)
            live.daemon.signal(SIGKILL)
            _ = try await live.daemon.waitForExit()
            for n in members.indices {
                _ = try? await connections[n].closed()
                for message in connections[n].messages.entries {
                    if message.type == "ack", let id = message.id, let opId = sentEdits[n][id] {
                        members[n].acked.insert(opId)
                        members[n].pending.removeAll { $0 == opId }
                    }
                    if let seq = message.seq, ["event", "welcome", "resumed"].contains(message.type) {
                        members[n].lastSeq = max(members[n].lastSeq, seq)
                    }
                }
                connections[n].disconnect()
            }
        }
        #expect(resumedCount > 0, "clients resumed after restarts")

        let last = try await LiveDaemon.restart(on: data, fixture: fixture)
        let (ben, welcome) = try await last.join("Ben")
        let session = try #require(welcome.object["session"] as? [String: Any])
        let text = try #require((session["notes"] as? [[String: Any]])?.first?["text"] as? String)
        // Timers continue where they were: the phase still ends when it was planned to.
        #expect((session["clock"] as? [String: Any])?["endsAt"] as? String == endsAt)
        ben.disconnect()
        last.daemon.terminate()
        _ = try await last.daemon.waitForExit()

        let tokens = text.split(separator: ";").map(String.init)
        #expect(Set(tokens).count == tokens.count, "no edit was applied twice")
        for member in members {
            for opId in member.acked { #expect(tokens.contains(opId), "acknowledged \(opId) is missing") }
        }
        let store = try await Store.open(StoreConfiguration(dataDirectory: data.path))
        let events = try await store.events(of: fixture.session, after: 0)
        await store.close()
        #expect(events.map(\.seq) == Array(1...Int64(events.count)), "seq is gapless")
        let keys = events.filter { $0.name == "note.op" }.map { "\($0.author ?? "")/\($0.opId ?? "")" }
        #expect(Set(keys).count == keys.count)
        #expect(keys.count == tokens.count)
    }
}
