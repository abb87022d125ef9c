import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Review record: combining marks, C1 controls and noncharacters in session text")
struct RecordUnicodeTests {
    /// A combining acute accent: after `|` or `*` it makes one Character that is neither.
    static let mark = "\u{301}"

    /// A short review with markup followed by a combining mark in a phase title and the session
    /// title (edited before the start), a participant's name and a note.
    static func withCombiningMarks() throws -> RecordInput {
        var review = ScriptedReview()
        var agenda = ScriptedReview.agenda
        agenda[2].title = "Actions |\(mark) extra cell"
        try review.edit(SessionEdit(title: "Review *\(mark)bold*\(mark) `\(mark)code`\(mark)", agenda: agenda), at: 0)
        try review.run(.sessionStart, by: "f1", at: 1)
        try review.change(.add(Participant(id: "r3", name: "Eve |\(mark) x", role: .reviewer)), at: 10)
        try review.append("Eve's note _\(mark)em_\(mark) <\(mark)b>", to: "evidence", by: "r3", at: 15)
        try review.run(.floorGrant(participant: "r3"), by: "f1", at: 20)
        try review.run(.sessionEnd, by: "f1", at: 60)
        return review.input(at: 100)
    }

    @Test("Markdown escapes `|`, `*`, `_` and backticks that a combining mark follows, so tables keep their columns")
    func combiningMarksDoNotDefeatEscaping() throws {
        let markdown = String(decoding: RecordRenderer.render(try Self.withCombiningMarks(), as: .markdown), as: UTF8.self)
        #expect(markdown.contains("# Review record: Review \\*\(Self.mark)bold\\*\(Self.mark) \\`\(Self.mark)code\\`\(Self.mark)\n"))
        #expect(markdown.contains("| 3 | Actions \\|\(Self.mark) extra cell |"))
        // `<` and a combining mark open no tag (a tag name starts with an ASCII letter): kept as typed.
        #expect(markdown.contains("- Eve \\|\(Self.mark) x: “Eve's note \\_\(Self.mark)em\\_\(Self.mark) <\(Self.mark)b\\>”"))
        #expect(markdown.contains("> Eve's note _\(Self.mark)em_\(Self.mark) <\(Self.mark)b>"))
        // Every row of every table has as many unescaped pipes as its header row.
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func pipes(_ line: String) -> Int {
            var count = 0, escaped = false
            for scalar in line.unicodeScalars {
                if scalar == "|" && !escaped { count += 1 }
                escaped = scalar == "\\" && !escaped
            }
            return count
        }
        var header: Int?
        for line in lines {
            guard line.hasPrefix("|") else { header = nil; continue }
            if let header { #expect(pipes(line) == header, "\(line)") } else { header = pipes(line) }
        }
    }

    /// Every scalar HTML does not allow in text: C1 controls and noncharacters.
    static func isUnfitForHTML(_ scalar: Unicode.Scalar) -> Bool {
        (0x80...0x9F).contains(scalar.value) || (0xFDD0...0xFDEF).contains(scalar.value) || scalar.value & 0xFFFE == 0xFFFE
    }

    /// A noncharacter (Swift string literals refuse them, so it is made from its value).
    static func nonchar(_ value: UInt32) -> String { String(Character(Unicode.Scalar(value)!)) }

    @Test("C1 controls and noncharacters reach neither the HTML nor the Markdown; NEL is a line break in both")
    func c1ControlsAndNoncharactersAreReplaced() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.edit(SessionEdit(title: "Review \u{9B}31m red\u{90} " + Self.nonchar(0xFFFF)), at: 1005)
        try review.change(.add(Participant(id: "r3", name: "Eve\u{9F}" + Self.nonchar(0xFDD0), role: .reviewer)), at: 1010)
        try review.append("clear \u{9B}2J screen\u{85}next line " + Self.nonchar(0x1FFFE), to: "evidence", by: "r3", at: 1015)
        try review.run(.sessionEnd, by: "f1", at: 1060)
        let input = review.input(at: 1100)
        for format in [RecordFormat.html, .markdown] {
            let text = String(decoding: RecordRenderer.render(input, as: format), as: UTF8.self)
            let unfit = text.unicodeScalars.filter(Self.isUnfitForHTML).map { String($0.value, radix: 16) }
            #expect(unfit.isEmpty, "\(format) keeps \(Set(unfit).sorted())")
            #expect(text.contains("Review \u{FFFD}31m red\u{FFFD} \u{FFFD}"), "\(format)")
            #expect(text.contains("Eve\u{FFFD}\u{FFFD}"), "\(format)")
        }
        let html = String(decoding: RecordRenderer.render(input, as: .html), as: UTF8.self)
        #expect(html.contains("clear \u{FFFD}2J screen\nnext line \u{FFFD}</span>"))
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(markdown.contains("busy.clear \u{FFFD}2J screen  \n> next line \u{FFFD}\n"))
        // JSON keeps the text as written: it is data, and JSON can carry every scalar.
        let json = try JSONDecoder().decode(ReviewRecord.self, from: Data(RecordRenderer.render(input, as: .json)))
        #expect(json.session.title == "Review \u{9B}31m red\u{90} " + Self.nonchar(0xFFFF))
    }
}
