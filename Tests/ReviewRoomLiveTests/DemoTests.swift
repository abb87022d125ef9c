import Foundation
import ReviewRoomTesting
import Testing

@Suite("serve --demo")
struct DemoTests {
    @Test func demoLinksJoinAndARestartReissuesThemForTheSameSession() async throws {
        let data = try TemporaryDirectory.make(prefix: "reviewroom-demo")
        var sessions: [String] = []
        for _ in 0..<2 {
            let daemon = try await DaemonProcess.start(arguments: ["--demo"], dataDirectory: data)
            let port = try await daemon.port()
            let line = try await daemon.stdout.first(where: { $0.contains("Reviewer") && $0.contains("/join#") }, timeout: .seconds(30))
            let token = try #require(line.split(separator: "#").last.map(String.init))
            let client = try await ProtocolClient.connect(port: port)
            let welcome = try await client.hello(token: token)
            #expect(welcome.type == "welcome")
            let session = try #require(welcome.object["session"] as? [String: Any])
            #expect((session["agenda"] as? [Any])?.isEmpty == false)
            #expect((session["notes"] as? [Any])?.count == 5)
            sessions.append(session["id"] as? String ?? "")
            client.disconnect()
            daemon.terminate()
            _ = try await daemon.waitForExit()
        }
        #expect(sessions[0] == sessions[1], "the demo session is created once")
    }
}
