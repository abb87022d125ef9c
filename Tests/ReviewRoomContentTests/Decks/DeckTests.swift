import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Question decks")
struct DeckTests {
    static let themes = ["covid-recovery", "recovery-curriculum", "wellbeing", "parent-engagement",
                         "remote-learning", "reading-recovery", "post-review-workshop"]

    @Test("the six decks of the issue exist, covid-recovery among them, and the workshop's")
    func allExist() {
        #expect(BuiltInContent.decks.map(\.id) == Self.themes)
        #expect(BuiltInContent.deck("covid-recovery")?.title == "Covid response and recovery")
        #expect(BuiltInContent.deck("unknown") == nil)
    }

    @Test("each deck holds 10 to 20 open questions, all tagged with its theme", arguments: BuiltInContent.decks)
    func sizeAndThemes(deck: PromptDeck) throws {
        #expect((10...20).contains(deck.prompts.count))
        try SessionState.validate(deck: deck.prompts)
        for prompt in deck.prompts {
            #expect(prompt.theme == deck.id)
            #expect(prompt.text.hasSuffix("?"), "\(prompt.id) is a question")
            #expect(LanguageHints.scan(prompt.text).isEmpty, "\(prompt.id) is itself non-judgemental")
        }
    }

    @Test("prompt ids are unique across every deck")
    func uniqueIDs() {
        let ids = BuiltInContent.decks.flatMap { $0.prompts.map(\.id) }
        #expect(Set(ids).count == ids.count)
        let texts = BuiltInContent.decks.flatMap { $0.prompts.map(\.text) }
        #expect(Set(texts).count == texts.count)
    }

    @Test("decks encode as {id, title, prompts: [{id, text, theme}]}")
    func shape() throws {
        let data = try JSONEncoder().encode(BuiltInContent.decks)
        let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        for deck in list {
            #expect(Set(deck.keys) == ["id", "title", "prompts"])
            let prompts = try #require(deck["prompts"] as? [[String: Any]])
            #expect(prompts.allSatisfy { Set($0.keys) == ["id", "text", "theme"] })
        }
    }
}
