import Testing
@testable import ReviewRoomCore

@Suite struct PermissionTests {
    /// One sample of every core command, valid in a live queue phase with r1 holding a hand.
    static let samples: [Command] = [
        .sessionStart, .sessionEnd, .clockPause, .clockResume, .clockExtend(seconds: 30),
        .phaseNext(), .phasePrev(), .phaseGoto(index: 2), .handRaise(kind: .contribution), .handLower(),
        .floorGrant(participant: "r2"), .floorNext(), .floorRelease(), .roundStart(secondsEach: 30),
        .roundPass, .roundStop, .promptShow(prompt: "q1"), .promptHide,
        .promptDiscussed(prompt: "q1", discussed: true), .promptAdd(text: "Why?"),
    ]

    /// PROTOCOL.md §3.2 "who may", written out as the spec says it.
    static let facilitatorOnly: Set<CommandName> = [
        .sessionStart, .sessionEnd, .clockPause, .clockResume, .clockExtend, .phaseNext, .phasePrev, .phaseGoto,
        .floorGrant, .floorNext, .roundStart, .roundStop, .promptShow, .promptHide, .promptDiscussed, .promptAdd,
    ]

    @Test func tableMatchesTheProtocol() {
        for command in CommandName.allCases {
            let roles = Permissions.roles(for: command)
            switch command {
            case .ping, .noteGet: #expect(roles == Set(Role.allCases))
            case .signal: #expect(roles == [.facilitator, .host, .reviewer, .observer])
            default:
                if Self.facilitatorOnly.contains(command) {
                    #expect(roles == [.facilitator], "\(command)")
                } else {
                    #expect(roles == [.facilitator, .host, .reviewer], "\(command)")
                }
            }
            #expect(!roles.contains(.display) || !command.changesState)
            #expect(!roles.contains(.observer) || !command.changesState)
        }
    }

    @Test(arguments: Role.allCases)
    func everyCommandForEveryRole(_ role: Role) throws {
        let sender = try #require(SessionFixture.people.first { $0.role == role })
        for command in Self.samples {
            var state = SessionFixture.started()
            state.ok(.handRaise(kind: .contribution), by: "r1", at: SessionFixture.at(1))
            let before = try EncodedJSON.string(state)
            let result = state.apply(command, by: sender.id, at: SessionFixture.at(2))
            if Permissions.allows(role, command.name) {
                if case .failure(let error) = result {
                    #expect(error.code != .forbidden || [.floorRelease, .roundPass].contains(command.name),
                            "\(command) by \(role): \(error.message)")
                }
            } else {
                guard case .failure(let error) = result else {
                    Issue.record("\(command) by \(role) was allowed")
                    continue
                }
                #expect(error.code == .forbidden)
                #expect(error.message.contains(command.name.rawValue))
                #expect(try EncodedJSON.string(state) == before)
            }
        }
    }

    @Test func facilitatorMaySendEveryFacilitatorCommand() {
        for command in Self.samples where Self.facilitatorOnly.contains(command.name) {
            var state = SessionFixture.started()
            if case .failure(let error) = state.apply(command, by: "f1", at: SessionFixture.at(2)) {
                // Only the state can refuse a facilitator, never their role.
                #expect([ErrorCode.invalidState, .badRequest].contains(error.code), "\(command): \(error.message)")
            }
        }
    }

    @Test(arguments: [Role.observer, .display])
    func readOnlyRolesNeverChangeAnything(_ role: Role) throws {
        let id = try #require(SessionFixture.people.first { $0.role == role }).id
        var state = SessionFixture.started()
        let before = try EncodedJSON.string(state)
        for command in Self.samples {
            let error = state.refused(command, by: id, at: SessionFixture.at(3))
            #expect(error?.code == .forbidden)
        }
        #expect(try EncodedJSON.string(state) == before)
    }

    /// The refusal names who may, as PROTOCOL's table does: an observer's `floor.release` was
    /// answered "only facilitator, host, reviewer may" (a WebSocket audit).
    @Test func aRoleRefusalNamesWhoMayAsTheTableDoes() {
        var state = SessionFixture.started()
        #expect(state.refused(.floorRelease(), by: "o1", at: SessionFixture.at(3))?.message
            .hasSuffix("may not send floor.release: only the speaker or a facilitator may") == true)
        #expect(state.refused(.roundPass, by: "o1", at: SessionFixture.at(3))?.message
            .hasSuffix("only the round's current speaker may") == true)
        #expect(state.refused(.promptShow(prompt: "q1"), by: "r1", at: SessionFixture.at(3))?.message
            .hasSuffix("may not send prompt.show: only facilitator may") == true)
    }

    @Test func personLimitedCommandsRefuseOthers() throws {
        var state = SessionFixture.started()
        state.ok(.floorGrant(participant: "r1"), by: "f1", at: SessionFixture.at(1))
        state.ok(.handRaise(kind: .response), by: "r1", at: SessionFixture.at(2))
        let before = try EncodedJSON.string(state)
        #expect(state.refused(.floorRelease(), by: "r2", at: SessionFixture.at(3))?.code == .forbidden)
        #expect(state.refused(.handLower(participant: "r1"), by: "r2", at: SessionFixture.at(3))?.code == .forbidden)
        #expect(state.refused(.handRaise(kind: .response, participant: "r1"), by: "h1", at: SessionFixture.at(3))?.code
            == .forbidden)
        #expect(try EncodedJSON.string(state) == before)
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(4))
        state.ok(.roundStart(secondsEach: 30), by: "f1", at: SessionFixture.at(5))
        let inRound = try EncodedJSON.string(state)
        #expect(state.refused(.roundPass, by: "r2", at: SessionFixture.at(6))?.code == .forbidden)
        #expect(state.refused(.roundPass, by: "f1", at: SessionFixture.at(6))?.code == .forbidden)
        #expect(try EncodedJSON.string(state) == inRound)
    }

    @Test func unknownSenderIsUnauthorized() throws {
        var state = SessionFixture.started()
        let before = try EncodedJSON.string(state)
        let error = state.refused(.clockPause, by: "p_nobody", at: SessionFixture.at(1))
        #expect(error?.code == .unauthorized)
        #expect(error?.message.contains("p_nobody") == true)
        #expect(try EncodedJSON.string(state) == before)
    }
}

extension PermissionTests {
    @Test func checkCoversTheCommandsTheCoreDoesNotDecide() {
        var state = SessionFixture.started()
        #expect(state.check(.noteEdit, by: "r1") == nil)
        #expect(state.check(.noteEdit, by: "o1")?.code == .forbidden)
        #expect(state.check(.noteCursor, by: "d1")?.code == .forbidden)
        #expect(state.check(.signal, by: "o1") == nil)
        #expect(state.check(.signal, by: "d1")?.code == .forbidden)
        #expect(state.check(.ping, by: "zz")?.code == .unauthorized)
        state.ok(.sessionEnd, by: "f1", at: SessionFixture.at(1))
        #expect(state.check(.noteEdit, by: "r1")?.code == .sessionEnded)
        #expect(state.check(.noteGet, by: "d1") == nil)
        #expect(state.check(.signal, by: "r1") == nil)
    }
}
