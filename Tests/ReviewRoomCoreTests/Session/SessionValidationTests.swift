import Testing
@testable import ReviewRoomCore

@Suite struct SessionValidationTests {
    @Test func fixtureIsValid() {
        let state = SessionFixture.session()
        #expect(throws: Never.self) { try SessionState.validate(info: state.info) }
        #expect(throws: Never.self) { try SessionState.validate(agenda: state.agenda) }
        #expect(throws: Never.self) { try SessionState.validate(deck: state.prompts.deck) }
    }

    @Test(arguments: [-1, 1441])
    func lobbyOpeningOutOfRange(_ minutes: Int) {
        var info = SessionFixture.session().info
        info.lobbyOpensMinutesBefore = minutes
        #expect(throws: CommandError.self) { try SessionState.validate(info: info) }
        do {
            try SessionState.validate(info: info)
        } catch {
            #expect(error.code == .badRequest)
            #expect(error.message.contains("\(minutes)"))
        }
    }

    @Test func emptyIdOrTitle() {
        var noID = SessionFixture.session().info
        noID.id = ""
        var noTitle = SessionFixture.session().info
        noTitle.title = "  "
        for info in [noID, noTitle] {
            #expect(throws: CommandError.self) { try SessionState.validate(info: info) }
        }
    }

    @Test(arguments: [0.0, -5, 86_400.5, .infinity, 0.0004])
    func phaseLengthOutOfRange(_ seconds: Double) {
        var agenda = SessionFixture.agenda
        agenda[1].durationSec = seconds
        do {
            try SessionState.validate(agenda: agenda)
            Issue.record("a phase of \(seconds) s was accepted")
        } catch {
            #expect(error.code == .badRequest)
            #expect(error.message.contains("agenda phase 1"))
        }
    }
}
