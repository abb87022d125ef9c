import Foundation
import ReviewRoomTesting
import Testing

@Suite("Live sessions: commands, roles, notes, resume")
struct CommandTests {
    @Test func rolesAreCheckedForEveryKindOfCommand() async throws {
        let live = try await LiveDaemon.start()
        defer { live.daemon.terminate() }
        let (asha, _) = try await live.join("Asha")
        defer { asha.disconnect() }
        let (olu, _) = try await live.join("Olu")
        defer { olu.disconnect() }
        let (dee, _) = try await live.join("Dee")
        defer { dee.disconnect() }
        #expect(try await asha.request("session.start").code == "forbidden")
        #expect(try await olu.request("hand.raise", ["kind": "contribution"]).code == "forbidden")
        #expect(try await olu.request("note.edit", ["note": "evidence", "rev": 0, "opId": "o1", "op": ["x"]]).code == "forbidden")
        #expect(try await dee.request("signal", ["kind": "agree"]).code == "forbidden")
        #expect(try await dee.request("note.get", ["note": "evidence"]).type == "ack")
        let raised = try await asha.request("hand.raise", ["kind": "contribution"])
        #expect(raised.type == "ack")
        #expect(raised.seq == 1)
        do { #expect(try await olu.event(seq: 1).name == "floor.changed") } catch {
            Issue.record("olu got \(olu.messages.entries.suffix(4)); asha got \(asha.messages.entries.suffix(4))")
            throw error
        }
        // Raising a raised hand changes nothing: acked with the same seq, no event.
        let again = try await asha.request("hand.raise", ["kind": "contribution"])
        #expect(again.type == "ack")
        #expect(again.seq == 1)
        let ping: ProtocolMessage
        do { ping = try await olu.request("ping") } catch {
            Issue.record("olu got \(olu.messages.entries.suffix(4))")
            throw error
        }
        #expect(ping.object["serverTime"] is String)
        #expect(ping.seq == 1)
    }

    @Test func notesEditsAreTransformedAndAResendIsNotAppliedTwice() async throws {
        let live = try await LiveDaemon.start()
        defer { live.daemon.terminate() }
        let (asha, _) = try await live.join("Asha")
        defer { asha.disconnect() }
        let (ben, _) = try await live.join("Ben")
        defer { ben.disconnect() }
        let first = try await asha.request("note.edit", ["note": "evidence", "rev": 0, "opId": "a1", "op": ["Hello"]])
        #expect(first.object["rev"] as? Int == 1)
        // Ben edits on rev 0 concurrently: transformed after Asha's insert.
        let second = try await ben.request("note.edit", ["note": "evidence", "rev": 0, "opId": "b1", "op": ["!"]])
        #expect(second.object["rev"] as? Int == 2)
        let op = try await asha.event("note.op", after: first.seq ?? 0)
        #expect(op.data["by"] as? String == live.fixture.participantIDs["Ben"])
        // The resend of a1 on its old rev is acked with its first revision and applies nothing.
        let resend = try await asha.request("note.edit", ["note": "evidence", "rev": 0, "opId": "a1", "op": ["Hello"]])
        #expect(resend.object["rev"] as? Int == 1)
        let note = try await ben.request("note.get", ["note": "evidence"])
        let body = try #require(note.object["note"] as? [String: Any])
        #expect(body["text"] as? String == "Hello!")
        #expect(body["rev"] as? Int == 2)
        // A bad op is refused and does not use up its opId.
        let bad = try await asha.request("note.edit", ["note": "evidence", "rev": 2, "opId": "a2", "op": [99]])
        #expect(bad.code == "invalid_op")
        let good = try await asha.request("note.edit", ["note": "evidence", "rev": 2, "opId": "a2", "op": [6, "?"]])
        #expect(good.object["rev"] as? Int == 3)
    }

    @Test func resumeGetsExactlyTheMissedEventsAndAStaleEpochGetsAWelcome() async throws {
        let live = try await LiveDaemon.start()
        defer { live.daemon.terminate() }
        let (fay, welcome) = try await live.join("Fay")
        defer { fay.disconnect() }
        let epoch = try #require(welcome.object["epoch"] as? String)
        let (asha, _) = try await live.join("Asha")
        _ = try await asha.request("hand.raise", ["kind": "contribution"])
        asha.disconnect()
        _ = try await fay.request("session.start")
        _ = try await fay.request("clock.extend", ["seconds": 60])
        let back = try await ProtocolClient.connect(port: live.port)
        defer { back.disconnect() }
        let resumed = try await back.hello(token: live.fixture.tokens["Asha"] ?? "", resume: (epoch, 1))
        #expect(resumed.type == "resumed")
        #expect(resumed.seq == 3)
        _ = try await back.message("presence")
        #expect(back.events.compactMap(\.seq) == [2, 3])

        let stale = try await ProtocolClient.connect(port: live.port)
        defer { stale.disconnect() }
        #expect(try await stale.hello(token: live.fixture.tokens["Ben"] ?? "", resume: ("e_other", 1)).type == "welcome")
        let ahead = try await ProtocolClient.connect(port: live.port)
        defer { ahead.disconnect() }
        #expect(try await ahead.hello(token: live.fixture.tokens["Ben"] ?? "", resume: (epoch, 99)).type == "welcome")
    }

    @Test func malformedMessagesAreBadRequestsAndChangeNothing() async throws {
        let live = try await LiveDaemon.start()
        defer { live.daemon.terminate() }
        let (fay, _) = try await live.join("Fay")
        defer { fay.disconnect() }
        for text in ["not json", "[1]", #"{"type":"warp","id":5}"#, #"{"type":"clock.extend","id":6,"seconds":"x"}"#,
                     String(repeating: "[", count: 100) + String(repeating: "]", count: 100)] {
            try await fay.sendText(text)
        }
        let errors = try await fay.message("error", where: { $0.object["message"] as? String == "clock.extend needs 'seconds' as a number, got a string" })
        #expect(errors.id == 6)
        let ping = try await fay.request("ping")
        #expect(ping.seq == 0, "nothing changed")
        #expect(fay.messages.entries.filter { $0.type == "error" }.count == 5)
        #expect(fay.messages.entries.filter { $0.type == "error" && $0.id == nil }.count == 3)
        // Every command with a required field missing or of the wrong kind, over the wire:
        // bad_request naming its id, and nothing changes.
        let malformed = [
            #"{"type":"floor.grant","id":101}"#, #"{"type":"floor.grant","id":102,"participant":"p","turnSec":"60"}"#,
            #"{"type":"floor.next","id":103,"turnSec":"x"}"#, #"{"type":"hand.raise","id":104}"#,
            #"{"type":"hand.raise","id":105,"kind":"contribution","participant":3}"#, #"{"type":"hand.lower","id":106}"#,
            #"{"type":"round.start","id":107}"#, #"{"type":"prompt.show","id":108}"#,
            #"{"type":"prompt.add","id":109}"#, #"{"type":"prompt.add","id":110,"text":"Why?","theme":5}"#,
            #"{"type":"note.get","id":111}"#, #"{"type":"note.cursor","id":112,"note":"evidence","rev":"0","anchor":0,"head":0}"#,
            #"{"type":"note.edit","id":113,"rev":0,"opId":"a","op":["x"]}"#, #"{"type":"note.edit","id":114,"note":"evidence","opId":"a","op":["x"]}"#,
            #"{"type":"note.edit","id":115,"note":"evidence","rev":0,"op":["x"]}"#,
            #"{"type":"note.edit","id":116,"note":"evidence","rev":0,"opId":"","op":["x"]}"#,
            #"{"type":"note.edit","id":117,"note":"evidence","rev":0,"opId":"a"}"#, #"{"type":"signal","id":118}"#,
            #"{"type":"phase.goto","id":119}"#, #"{"type":"clock.extend","id":120,"seconds":1e400}"#,
        ]
        for text in malformed { try await fay.sendText(text) }
        #expect(try await fay.request("ping").seq == 0, "nothing changed")
        let refusals = fay.messages.entries.filter { $0.type == "error" && ($0.id ?? 0) > 100 }
        #expect(refusals.compactMap(\.id) == Array(101...120))
        #expect(refusals.allSatisfy { $0.code == "bad_request" }, "\(refusals.filter { $0.code != "bad_request" })")
    }

    @Test func afterTheEndChangesAreRefusedButJoiningWorks() async throws {
        let live = try await LiveDaemon.start()
        defer { live.daemon.terminate() }
        let (fay, _) = try await live.join("Fay")
        defer { fay.disconnect() }
        _ = try await fay.request("session.start")
        _ = try await fay.request("session.end")
        #expect(try await fay.request("session.end").code == "session_ended")
        #expect(try await fay.request("note.edit", ["note": "evidence", "rev": 0, "opId": "f1", "op": ["x"]]).code == "session_ended")
        let (ben, welcome) = try await live.join("Ben")
        defer { ben.disconnect() }
        #expect(welcome.type == "welcome")
        #expect(try await ben.request("note.get", ["note": "evidence"]).type == "ack")
    }

    @Test func theConsoleJoinsWithAFacilitatorToken() async throws {
        let live = try await LiveDaemon.start()
        defer { live.daemon.terminate() }
        let console = try await ProtocolClient.connect(port: live.port)
        defer { console.disconnect() }
        let welcome = try await console.hello(facilitatorToken: live.fixture.facilitatorToken, session: live.fixture.session.rawValue)
        #expect((welcome.object["you"] as? [String: Any])?["id"] as? String == live.fixture.participantIDs["Fay"])
        let wrong = try await ProtocolClient.connect(port: live.port)
        defer { wrong.disconnect() }
        _ = try await wrong.hello(facilitatorToken: live.fixture.facilitatorToken, session: "s_nope")
        #expect(try await wrong.closed().closeCode == 4001)
    }

    @Test func rateLimitedRefusalsKeepTheOrderOfRepliesBehindAcksThatWaitForTheStore() async throws {
        // One token a second: at the default 50/s a loaded machine that took over 0.6 s to
        // read the 230 commands refilled the bucket, refused none, and failed the test (once).
        let live = try await LiveDaemon.start(environment: ["REVIEWROOM_MESSAGES_PER_SECOND": "1"])
        defer { live.daemon.terminate() }
        let (asha, _) = try await live.join("Asha")
        defer { asha.disconnect() }
        let me = try #require(live.fixture.participantIDs["Asha"])
        // 230 state-changing commands in one write: each ack waits for its event to be durable;
        // those past the burst of 200 are refused (30 refusals: not enough to close).
        try await asha.sendTexts((1...230).map { id in
            id % 2 == 1 ? #"{"type":"hand.raise","id":\#(id),"kind":"contribution"}"#
                : #"{"type":"hand.lower","id":\#(id),"participant":"\#(me)"}"#
        })
        _ = try await asha.reply(to: 230)
        let replies = asha.messages.entries.filter { $0.type == "ack" || $0.type == "error" }
        #expect(replies.compactMap(\.id) == Array(1...230), "replies leave in the order the commands came")
        #expect(replies.contains { $0.code == "rate_limited" })
    }

    @Test func tooManyMessagesAreRateLimitedThenClosed4029() async throws {
        let live = try await LiveDaemon.start(arguments: [])
        defer { live.daemon.terminate() }
        let (asha, _) = try await live.join("Asha")
        defer { asha.disconnect() }
        // 200 burst + a few refused + more than 100 refused within 2 s.
        // The server may close before it has read them all: a failed write is expected then.
        try? await asha.sendTexts((1...360).map { #"{"type":"ping","id":\#($0)}"# })
        _ = try await asha.message("error", where: { $0.code == "rate_limited" })
        #expect(try await asha.closed().closeCode == 4029)
    }
}

@Suite("Live sessions: frame-level faults")
struct FrameFaultTests {
    @Test func aMessageOverTheLimitCloses1009AndChangesNothing() async throws {
        let live = try await LiveDaemon.start(arguments: [])
        defer { live.daemon.terminate() }
        let (asha, _) = try await live.join("Asha")
        defer { asha.disconnect() }
        let big = String(repeating: "x", count: 70_000)
        try? await asha.sendText(#"{"type":"note.edit","id":1,"note":"evidence","rev":0,"opId":"big","op":["\#(big)"]}"#)
        #expect(try await asha.closed().closeCode == 1009)
        let (ben, _) = try await live.join("Ben")
        defer { ben.disconnect() }
        let note = try await ben.request("note.get", ["note": "evidence"])
        #expect((note.object["note"] as? [String: Any])?["rev"] as? Int == 0)
    }
}
