import Foundation
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomTesting
import Testing

@Suite("Live sessions: every command from every role")
struct RoleMatrixTests {
    /// A valid-looking message body for each command (the rules may still refuse it for the
    /// state it meets; only `forbidden` is about the role).
    static func fields(_ command: CommandName, ids: [String: String], me: String) -> [String: Any] {
        switch command {
        case .clockExtend: ["seconds": 30]
        case .phaseGoto: ["index": 1]
        case .handRaise: ["kind": "contribution"]
        case .handLower: ["participant": me]
        case .floorGrant: ["participant": ids["Asha"] ?? ""]
        case .roundStart: ["secondsEach": 30]
        case .promptShow, .promptDiscussed: ["prompt": "q1", "discussed": true]
        case .promptAdd: ["text": "Another question?"]
        case .noteEdit: ["note": "evidence", "rev": 0, "opId": UUID().uuidString, "op": ["x"]]
        case .noteGet: ["note": "evidence"]
        case .noteCursor: ["note": "evidence", "rev": 0, "anchor": 0, "head": 0]
        case .signal: ["kind": "agree"]
        default: [:]
        }
    }

    @Test(arguments: ["Fay", "Hana", "Asha", "Olu", "Dee"])
    func onlyTheRolesThePermissionTableNamesMaySendEachCommand(name: String) async throws {
        let app = try await InProcessServer.start()
        let (client, welcome) = try await app.join(name)
        defer { client.disconnect() }
        let roleText = try #require((welcome.object["you"] as? [String: Any])?["role"] as? String)
        let role = try #require(Role(rawValue: roleText))
        // session.end last: after it everything state-changing is session_ended.
        let commands = CommandName.allCases.filter { $0 != .sessionEnd } + [.sessionEnd]
        for command in commands {
            let reply = try await client.request(command.rawValue, Self.fields(command, ids: app.fixture.participantIDs, me: app.fixture.participantIDs[name] ?? ""))
            // floor.release is also limited to the speaker (or a facilitator) and round.pass to
            // the round's current speaker alone (a round may be running: round.start works in
            // every phase), whom nobody here is; the role table still decides for everyone else.
            let personal = command == .roundPass || (command == .floorRelease && role != .facilitator)
            if Permissions.allows(role, command), !personal {
                #expect(reply.code != "forbidden", "\(name) (\(role)) was refused \(command.rawValue): \(reply)")
                #expect(reply.code != "bad_request", "\(command.rawValue): \(reply)")
            } else if personal, Permissions.allows(role, command) {
                // Not the speaker (nobody is, with no floor or round to speak of): forbidden.
                #expect(reply.code == "forbidden", "\(command.rawValue): \(reply)")
            } else {
                #expect(reply.code == "forbidden", "\(name) (\(role)) sent \(command.rawValue): \(reply)")
            }
        }
        await app.stop()
    }
}
