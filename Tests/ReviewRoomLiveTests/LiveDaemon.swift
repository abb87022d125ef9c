import Foundation
import ReviewRoomCore
import ReviewRoomTesting

/// A real daemon on a data directory holding one fixture session (lobby open, not started).
struct LiveDaemon {
    let daemon: DaemonProcess
    let port: Int
    let fixture: SessionFixture
    let dataDirectory: URL

    static func start(extraReviewers: Int = 0, arguments: [String] = [], environment: [String: String?] = [:],
                      agenda: [Phase] = SessionFixture.agenda()) async throws -> LiveDaemon {
        let data = try TemporaryDirectory.make(prefix: "reviewroom-live")
        let startsAt = Timestamp(secondsSince1970: Date().timeIntervalSince1970 - 60)
        let fixture = try await SessionFixture.create(inDataDirectory: data, startsAt: startsAt, agenda: agenda,
                                                      extraReviewers: extraReviewers)
        return try await restart(on: data, fixture: fixture, arguments: arguments, environment: environment)
    }

    static func restart(on data: URL, fixture: SessionFixture, arguments: [String] = [],
                        environment: [String: String?] = [:]) async throws -> LiveDaemon {
        let daemon = try await DaemonProcess.start(arguments: arguments, environment: environment, dataDirectory: data)
        let port = try await daemon.port()
        return LiveDaemon(daemon: daemon, port: port, fixture: fixture, dataDirectory: data)
    }

    /// A client joined as `name` (a fixture participant), with its welcome.
    func join(_ name: String) async throws -> (ProtocolClient, ProtocolMessage) {
        let client = try await ProtocolClient.connect(port: port)
        let token = try requireTokenValue(fixture.tokens[name], name)
        let welcome = try await client.hello(token: token)
        return (client, welcome)
    }
}

func requireTokenValue(_ token: String?, _ name: String) throws -> String {
    guard let token else { throw FixtureError(message: "no participant named \(name)") }
    return token
}

struct FixtureError: Error { var message: String }
