import Foundation
import ReviewRoomTesting
import Testing

@Suite("Live sessions: hello, a command, durability")
struct VerticalSliceTests {
    @Test func helloGetsWelcomeAndACommandIsAckedWithItsEventForEveryone() async throws {
        let live = try await LiveDaemon.start()
        defer { live.daemon.terminate() }
        let (fay, welcome) = try await live.join("Fay")
        defer { fay.disconnect() }
        #expect(welcome.type == "welcome")
        #expect(welcome.object["protocol"] as? Int == 1)
        #expect(welcome.seq == 0)
        let you = try #require(welcome.object["you"] as? [String: Any])
        #expect(you["role"] as? String == "facilitator")
        let session = try #require(welcome.object["session"] as? [String: Any])
        let notes = try #require(session["notes"] as? [[String: Any]])
        #expect(notes.first?["id"] as? String == "evidence")
        #expect(notes.first?["text"] as? String == "")
        let clock = try #require(session["clock"] as? [String: Any])
        #expect(clock["status"] as? String == "lobby")

        let (asha, ashaWelcome) = try await live.join("Asha")
        defer { asha.disconnect() }
        #expect(ashaWelcome.type == "welcome")
        let ack: ProtocolMessage
        do { ack = try await fay.request("session.start") } catch {
            Issue.record("fay got: \(fay.messages.entries)\nstderr: \(live.daemon.stderr.entries.suffix(10))")
            throw error
        }
        #expect(ack.type == "ack")
        #expect(ack.seq == 1)
        let event: ProtocolMessage
        do { event = try await asha.event(seq: 1) } catch {
            Issue.record("asha got: \(asha.messages.entries)\nfay got: \(fay.messages.entries)")
            throw error
        }
        #expect(event.name == "clock.changed")
        #expect((event.data["clock"] as? [String: Any])?["status"] as? String == "live")
        let own = try await fay.event(seq: 1)
        #expect(own.text == event.text, "everyone gets the same bytes")
    }

    @Test func aCommittedEventSurvivesARestart() async throws {
        let live = try await LiveDaemon.start()
        let (fay, _) = try await live.join("Fay")
        let ack = try await fay.request("session.start")
        #expect(ack.seq == 1)
        fay.disconnect()
        live.daemon.signal(SIGKILL)
        _ = try await live.daemon.waitForExit()

        let again = try await LiveDaemon.restart(on: live.dataDirectory, fixture: live.fixture)
        defer { again.daemon.terminate() }
        let (ben, welcome) = try await again.join("Ben")
        defer { ben.disconnect() }
        #expect(welcome.seq == 1)
        let session = try #require(welcome.object["session"] as? [String: Any])
        #expect((session["clock"] as? [String: Any])?["status"] as? String == "live")
    }

    @Test func anUnknownTokenIsClosed4001() async throws {
        let live = try await LiveDaemon.start()
        defer { live.daemon.terminate() }
        let client = try await ProtocolClient.connect(port: live.port)
        defer { client.disconnect() }
        let reply = try await client.hello(token: "not-a-token")
        #expect(reply.code == "unauthorized")
        #expect(try await client.closed().closeCode == 4001)
    }
}
