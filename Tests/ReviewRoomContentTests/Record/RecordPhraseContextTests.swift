import Testing
@testable import ReviewRoomContent

/// The line a phrase to revisit is shown with: the whole line when it is short, and in a long
/// line at most 200 characters that hold the phrase.
@Suite struct RecordPhraseContextTests {
    /// The context of the first occurrence of `phrase` at or after `offset` in `text`.
    func context(of phrase: String, in text: String, from offset: Int = 0) throws -> String {
        let units = Array(text.utf16)
        let needle = Array(phrase.utf16)
        let start = try #require((offset ... units.count - needle.count).first { Array(units[$0 ..< $0 + needle.count]) == needle })
        return RecordPhraseContext.context(of: start ..< start + needle.count, in: units)
    }

    @Test func aShortLineIsGivenWholeAndTrimmed() throws {
        let text = "First line.\n  Pupils always read aloud.  \nLast line."
        #expect(try context(of: "always", in: text) == "Pupils always read aloud.")
        #expect(try context(of: "First", in: text) == "First line.")
        #expect(try context(of: "Last", in: text) == "Last line.")
        let exactly = String(repeating: "x", count: 193) + " always"
        #expect(try context(of: "always", in: exactly) == exactly, "200 characters is still short")
    }

    @Test func aPhraseNearTheStartOfALongLineGetsTheLinesStart() throws {
        let line = "Pupils always read. " + String(repeating: "More words here. ", count: 40)
        let shown = try context(of: "always", in: "Intro\n" + line + "\nEnd")
        #expect(shown == String(line.prefix(199)) + "…")
    }

    @Test func aPhraseDeepInALongLineIsShownWithWhatSurroundsIt() throws {
        let filler = String(repeating: "Pupils read. ", count: 3_000)
        let text = filler + "They never ask for help. " + filler
        let shown = try context(of: "never", in: text)
        #expect(shown.count <= RecordPhraseContext.limit)
        #expect(shown.count >= RecordPhraseContext.limit - 2)
        #expect(shown.hasPrefix("…") && shown.hasSuffix("…"))
        #expect(shown.contains("They never ask for help."))
        let middle = try #require(shown.range(of: "never"))
        let before = shown.distance(from: shown.startIndex, to: middle.lowerBound)
        #expect(abs(before - shown.distance(from: middle.upperBound, to: shown.endIndex)) <= 1, "the phrase sits in the middle: \(shown)")
    }

    @Test func aPhraseNearTheEndOfALongLineGetsTheLinesEnd() throws {
        let text = String(repeating: "Pupils read. ", count: 100) + "They never ask.\nNext line"
        let shown = try context(of: "never", in: text)
        #expect(shown.hasPrefix("…") && shown.hasSuffix("They never ask."))
        #expect(shown.count == RecordPhraseContext.limit - 1)
    }

    @Test func surrogatePairsAtTheCutsStayWhole() throws {
        let emoji = String(repeating: "😀", count: 700)
        let text = emoji + " always " + emoji
        for offset in 0 ..< 3 {
            let padded = String(repeating: "a", count: offset) + text
            let shown = try context(of: "always", in: padded)
            #expect(!shown.unicodeScalars.contains("\u{FFFD}"), "no half pair with \(offset) before")
            #expect(shown.contains(" always ") && shown.count <= RecordPhraseContext.limit)
        }
    }

    /// Every hint of a long one-line note gets a context holding its own phrase (it used to get
    /// the line's first 199 characters, and the whole line was copied once per hint).
    @Test func everyHintOfALongLineIsShownAtItsOwnPlace() {
        let text = (0 ..< 500).map { "Item \($0): pupils always answer. " }.joined()
        let note = RecordNote(id: "evidence", title: "Evidence", rev: 1, text: text, passages: [], authors: [])
        let phrases = note.phrasesToRevisit()
        #expect(phrases.count == 500)
        for (index, phrase) in phrases.enumerated() {
            #expect(phrase.context.contains("Item \(index): pupils always answer."), "\(phrase.context)")
            #expect(phrase.context.count <= RecordPhraseContext.limit)
        }
    }
}
