import Foundation
import ReviewRoomTesting
import Testing

@Suite("serve --demo")
struct DemoTests {
    @Test
    func theDemoPrintsItsLinksOnceMadeAndTheSameOnRestart() async throws {
        let data = try TemporaryDirectory.make(prefix: "demo-data")
        let first = try await DaemonProcess.start(arguments: ["--demo"], dataDirectory: data)
        let url = try await first.listeningURL()
        let lastLine = try await first.stdout.first(where: { $0.contains("Hall screen link:") }, timeout: .seconds(30))
        let lines = first.stdout.entries
        first.terminate()
        #expect(lines.first?.hasPrefix("Listening on ") == true, "links come after the Listening line")
        let console = try #require(lines.first { $0.contains("Facilitator console:") })
        #expect(console.contains("\(url)/console"))
        #expect(lines.filter { $0.contains("Reviewer ") && $0.contains("\(url)/join#") }.count == 3)
        #expect(lines.contains { $0.contains("Facilitator link: \(url)/join#") })
        #expect(lines.contains { $0.contains("Host ") && $0.contains("/join#") })
        // One link for every role: the observer joins, the room display opens the display page.
        #expect(lines.contains { $0.contains("Observer Olu link: \(url)/join#") })
        #expect(lastLine.contains("Display Hall screen link: \(url)/display#"), "\(lastLine)")

        let token = try #require(console.split(separator: " ").last.map { String($0.dropLast()) })
        _ = try await first.waitForExit()
        let second = try await DaemonProcess.start(arguments: ["--demo"], dataDirectory: data)
        defer { second.terminate() }
        let secondURL = try await second.listeningURL()
        _ = try await second.stdout.first(where: { $0.contains("Hall screen link:") }, timeout: .seconds(30))
        let again = second.stdout.entries.dropFirst().map { $0.replacingOccurrences(of: secondURL, with: url) }
        #expect(Array(again) == Array(lines.dropFirst()), "the same demo, not a second one")
        let sessions = try await CurlClient.request("GET", secondURL + "/api/v1/sessions", extraArguments: ["-H", "Authorization: Bearer \(token)"])
        #expect(sessions.status == 200)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(sessions.body)) as? [[String: Any]])
        #expect(list.count == 1)
        #expect((list.first?["participants"] as? [[String: Any]])?.map { $0["role"] as? String }
                == ["facilitator", "host", "reviewer", "reviewer", "reviewer", "observer", "display"])
    }

    /// Someone trying ReviewRoom out ends the demo review; the next `make run` makes a fresh one
    /// rather than printing links to a finished review.
    @Test func anEndedDemoIsReplacedByAFreshOne() async throws {
        let data = try TemporaryDirectory.make(prefix: "demo-ended")
        let first = try await DaemonProcess.start(arguments: ["--demo"], dataDirectory: data)
        let port = try await first.port()
        _ = try await first.stdout.first(where: { $0.contains("Hall screen link:") }, timeout: .seconds(30))
        let header = try #require(first.stdout.entries.first { $0.hasPrefix("Demo session ") })
        let session = String(header.dropFirst("Demo session ".count).dropLast())
        let console = try #require(first.stdout.entries.first { $0.contains("Facilitator console:") })
        let token = try #require(console.split(separator: " ").last.map { String($0.dropLast()) })
        let replies = try await ConsoleCommands.send(["session.start", "session.end"], port: port, facilitatorToken: token, session: session)
        #expect(replies.allSatisfy { $0.contains(#""type":"ack""#) }, "\(replies)")
        first.terminate()
        _ = try await first.waitForExit()

        let second = try await DaemonProcess.start(arguments: ["--demo"], dataDirectory: data)
        defer { second.terminate() }
        _ = try await second.stdout.first(where: { $0.contains("Hall screen link:") }, timeout: .seconds(30))
        let again = try #require(second.stdout.entries.first { $0.hasPrefix("Demo session ") })
        #expect(again != header, "a fresh demo session, not the ended \(session)")
        let url = try await second.listeningURL()
        let newToken = try #require(second.stdout.entries.first { $0.contains("Facilitator console:") }?
            .split(separator: " ").last.map { String($0.dropLast()) })
        let fresh = String(again.dropFirst("Demo session ".count).dropLast())
        let reply = try await CurlClient.request("GET", "\(url)/api/v1/sessions/\(fresh)", extraArguments: ["-H", "Authorization: Bearer \(newToken)"])
        let status = (try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])?["status"] as? String
        #expect(status == "lobby", "\(reply.status) \(status ?? "-")")
    }
}
