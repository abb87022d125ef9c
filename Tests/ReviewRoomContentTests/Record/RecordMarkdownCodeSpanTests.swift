import ReviewRoomContent
import ReviewRoomCore
import Testing

/// A note's code spans in the Markdown record: `&` and `<` stay as typed inside a span every
/// CommonMark reader sees (an entity there would be shown as `&lt;`), and are entities everywhere
/// a reader could take them for HTML.
@Suite("Markdown record: code spans in notes")
struct RecordMarkdownCodeSpanTests {
    /// The quoted lines the Markdown record writes for `lines` added to the evidence note.
    static func quoted(_ lines: [String]) throws -> [String] {
        var review = try ScriptedReview.played(ending: false)
        try review.append("\n" + lines.joined(separator: "\n") + "\n", to: "evidence", by: "r1", at: 1005)
        let markdown = String(decoding: RecordRenderer.render(review.input(at: 1010), as: .markdown), as: UTF8.self)
        let all = markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let heading = try #require(all.firstIndex(of: "### Evidence"))
        // Each case's first line starts with "see", as no line of the scripted note does.
        let first = try #require(all[heading...].firstIndex { $0.hasPrefix("> see") })
        return all[first..<(first + lines.count)].map { line in
            // The hard line break (two spaces) a line followed by another ends in.
            String(line.dropFirst(2)).replacingOccurrences(of: "  ", with: "", options: [.anchored, .backwards])
        }
    }

    /// The lines of a note that tries every way out of a code span, for the CommonMark check of
    /// `Tests/content` (record-code-note.md).
    static let attackingNote = [
        "see `a < b && c` and `x<y`, or ``a ` <b>bold</b>``.",
        "Outside `code` <img src=x onerror=alert(1)> stays text.",
        // Backticks in a link's destination or title are no delimiters (an audit, session 51).
        "Links [a](/`) ![pixel](https://tracker.example/d.png) [c](/`) hold ticks.",
        "Titles [a](/u \"`\") <img src=x onerror=alert(6)> [c](/v \"`\") too.",
        "A title [a](/u \"",
        "going on` \" ) ![pixel](https://tracker.example/t.png) `",
        "",
        "| a | b |", "|---|---|", "| `<img src=x onerror=alert(2)>|` | `<i>` |",
        "",
        "Escaped \\`<img src=x onerror=alert(3)>` tick.",
        "A split `span <img src=x onerror=alert(4)>",
        "that ends here` <img src=x onerror=alert(5)> `c`",
        "An image ![pixel](https://tracker.example/p.png?r=host) is a link, not fetched.",
    ]

    /// A whole review whose evidence note is ``attackingNote``.
    static func withAttackingNote() throws -> RecordInput {
        var review = try ScriptedReview.played(ending: false)
        try review.append("\n" + attackingNote.joined(separator: "\n") + "\n", to: "evidence", by: "r1", at: 1005)
        return review.input(at: 1010)
    }

    @Test(arguments: [
        ("see `a < b && c` and `x<y`", "see `a < b && c` and `x<y`"),
        ("see ``a ` <b>`` after", "see ``a ` <b>`` after"),
        ("see `x` <b>bold</b> & more", "see `x` &lt;b>bold&lt;/b> & more"),
        ("see `[x](javascript:alert(1))`", "see `[x](javascript:alert(1))`"),
        // From a `](` outside a span on, none is trusted: a backtick may sit in a link's destination or title.
        ("see [x](javascript:alert(1)) `<i>`", "see [x&#93;(javascript:alert(1)) `&lt;i>`"),
        ("see `<b>` [x](/u) `<i>`", "see `<b>` [x](/u) `&lt;i>`"),
        ("see `<b>` [x][a` `<i>`", "see `<b>` [x][a` `&lt;i>`"),
        ("see `[x](y)` and `<i>`", "see `[x](y)` and `<i>`"),
        ("see [a](/`) ![pixel](http://evil.example/p.png) [c](/`)", "see [a](/`) &#33;[pixel](http://evil.example/p.png) [c](/`)"),
        ("see [a](/u \"`\") <img src=x onerror=alert(1)> [c](/v \"`\")", "see [a](/u \"`\") &lt;img src=x onerror=alert(1)> [c](/v \"`\")"),
        ("see | `<b>` | cell", "see | `&lt;b>` | cell"),
        ("see \\`<b>` x", "see \\`&lt;b>` x"),
        ("see `open <b>", "see `open &lt;b>"),
        ("see `<b>` and ``<i>", "see `<b>` and ``&lt;i>"),
    ])
    func oneLine(_ note: String, _ expected: String) throws {
        #expect(try Self.quoted([note]) == [expected])
    }

    @Test("a span a later line may close leaves every later line escaped")
    func anOpenSpanIsNotTrustedAcrossLines() throws {
        let lines = try Self.quoted(["see `a span <b>", "that ends` <img src=x onerror=alert(1)> `c`", "and `<i>` later"])
        #expect(lines == ["see `a span &lt;b>", "that ends` &lt;img src=x onerror=alert(1)> `c`", "and `&lt;i>` later"])
    }

    @Test("a link's title going on to the next line leaves that line escaped")
    func aLinkTitleAcrossLinesIsNotTrusted() throws {
        let lines = try Self.quoted(["see [a](/u \"", "` \" ) ![p](http://evil.example/p.png) `", "and `<i>` later"])
        #expect(lines == ["see [a](/u \"", "` \" ) &#33;[p](http://evil.example/p.png) `", "and `&lt;i>` later"])
    }

    @Test("an escaped backtick leaves its line and every later line escaped")
    func anEscapedBacktickIsNotTrusted() throws {
        let lines = try Self.quoted(["see `<a>` first", "then \\`<b>` x", "and `<i>` later"])
        #expect(lines == ["see `<a>` first", "then \\`&lt;b>` x", "and `&lt;i>` later"])
    }

    @Test("a table row's spans are escaped, and the lines after it keep theirs")
    func aTableRowKeepsNoSpans() throws {
        let lines = try Self.quoted(["see | a |", "|---|", "| `<img src=x onerror=alert(1)>|` |", "and `<i>` later"])
        #expect(lines == ["see | a |", "|---|", "| `&lt;img src=x onerror=alert(1)>|` |", "and `<i>` later"])
    }
}
