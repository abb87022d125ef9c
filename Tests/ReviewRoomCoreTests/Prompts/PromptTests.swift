import Testing
import Foundation
@testable import ReviewRoomCore

@Suite struct PromptTests {
    @Test func showHideAndDiscussed() {
        var state = SessionFixture.session()
        #expect(state.ok(.promptShow(prompt: "q2"), by: "f1", at: SessionFixture.at(-5)).map(\.name) == ["prompts.changed"])
        #expect(state.prompts.current == "q2")
        #expect(state.ok(.promptShow(prompt: "q2"), by: "f1", at: SessionFixture.at(-4)).isEmpty)
        state.ok(.promptDiscussed(prompt: "q2", discussed: true), by: "f1", at: SessionFixture.at(-3))
        state.ok(.promptDiscussed(prompt: "q1", discussed: true), by: "f1", at: SessionFixture.at(-3))
        #expect(state.prompts.discussed == ["q2", "q1"])
        #expect(state.ok(.promptDiscussed(prompt: "q1", discussed: true), by: "f1", at: SessionFixture.at(-2)).isEmpty)
        state.ok(.promptDiscussed(prompt: "q2", discussed: false), by: "f1", at: SessionFixture.at(-2))
        #expect(state.prompts.discussed == ["q1"])
        #expect(state.ok(.promptDiscussed(prompt: "q3", discussed: false), by: "f1", at: SessionFixture.at(-2)).isEmpty)
        state.ok(.promptHide, by: "f1", at: SessionFixture.at(-1))
        #expect(state.prompts.current == nil)
        #expect(state.ok(.promptHide, by: "f1", at: SessionFixture.at(0)).isEmpty)
    }

    @Test func addTailorsTheDeckLive() {
        var state = SessionFixture.started()
        state.ok(.promptAdd(text: "  How is progress tracked?  ", theme: " "), by: "f1", at: SessionFixture.at(1))
        state.ok(.promptAdd(text: "Who reads aloud?", theme: "reading"), by: "f1", at: SessionFixture.at(2))
        #expect(state.prompts.deck.suffix(2) == [
            Prompt(id: "q4", text: "How is progress tracked?", theme: nil),
            Prompt(id: "q5", text: "Who reads aloud?", theme: "reading"),
        ])
        state.ok(.promptShow(prompt: "q5"), by: "f1", at: SessionFixture.at(3))
        #expect(state.prompts.current == "q5")
    }

    @Test func freshIDsSkipTakenOnes() {
        let deck = Prompts(deck: [Prompt(id: "q2", text: "a"), Prompt(id: "q3", text: "b")])
        #expect(deck.freshID() == "q4")
        #expect(Prompts(deck: []).freshID() == "q1")
    }

    @Test func badPromptCommandsChangeNothing() throws {
        var state = SessionFixture.started()
        let before = try EncodedJSON.string(state)
        let unknown = state.refused(.promptShow(prompt: "q9"), by: "f1", at: SessionFixture.at(1))
        #expect(unknown?.code == .notFound)
        #expect(unknown?.message.contains("q9") == true)
        #expect(state.refused(.promptDiscussed(prompt: "q9", discussed: true), by: "f1", at: SessionFixture.at(1))?.code
            == .notFound)
        #expect(state.refused(.promptAdd(text: " \n "), by: "f1", at: SessionFixture.at(1))?.code == .badRequest)
        let long = state.refused(.promptAdd(text: String(repeating: "x", count: 2001)), by: "f1", at: SessionFixture.at(1))
        #expect(long?.code == .badRequest)
        #expect(long?.message.contains("2001") == true)
        // A letter with 2,000 accents is 2,001 code points, not one character.
        let stacked = state.refused(.promptAdd(text: "a" + String(repeating: "\u{301}", count: 2000)), by: "f1", at: SessionFixture.at(1))
        #expect(stacked?.message.contains("2001 characters") == true)
        let invisible = state.refused(.promptAdd(text: "\u{200B}\u{200D}"), by: "f1", at: SessionFixture.at(1))
        #expect(invisible?.message.contains("is empty") == true)
        let theme = state.refused(.promptAdd(text: "Why?", theme: String(repeating: "t", count: 201)), by: "f1", at: SessionFixture.at(1))
        #expect(theme?.message.contains("theme has 201 characters") == true)
        #expect(try EncodedJSON.string(state) == before)
    }

    @Test func aQuestionOfTwoThousandCodePointsOverSeveralLinesIsAdded() throws {
        var state = SessionFixture.started()
        let text = "Line one\n" + String(repeating: "q", count: 1991)
        let added = state.apply(.promptAdd(text: text, theme: "Reading"), by: "f1", at: SessionFixture.at(1))
        #expect(throws: Never.self) { try added.get() }
        #expect(state.prompts.deck.last?.text == text)
    }

    @Test func promptsEncodeTheProtocolShape() throws {
        let json = try EncodedJSON.object(SessionFixture.session().prompts)
        #expect(Set(json.keys) == ["deck", "current", "discussed"])
        #expect(json["current"] is NSNull)
        let second = try #require((json["deck"] as? [[String: Any]])?[1])
        #expect(Set(second.keys) == ["id", "text", "theme"])
        #expect(second["theme"] is NSNull)
        let prompts = SessionFixture.session().prompts
        #expect(try EncodedJSON.decode(Prompts.self, from: EncodedJSON.string(prompts)) == prompts)
    }
}
