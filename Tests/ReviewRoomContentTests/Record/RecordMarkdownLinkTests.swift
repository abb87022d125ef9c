import ReviewRoomContent
import ReviewRoomCore
import Testing

/// A note's links in the Markdown record: kept when plainly safe, broken (`]` as `&#93;`) when a
/// viewer could run or open something else.
@Suite("Markdown record: links in notes")
struct RecordMarkdownLinkTests {
    /// The quoted line the Markdown record writes for a note holding `line`.
    static func quoted(_ line: String) throws -> String {
        var review = try ScriptedReview.played(ending: false)
        try review.append("\n" + line + "\n", to: "evidence", by: "r1", at: 1005)
        let markdown = String(decoding: RecordRenderer.render(review.input(at: 1010), as: .markdown), as: UTF8.self)
        let lines = markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let heading = try #require(lines.firstIndex(of: "### Evidence"))
        let found = lines[(heading + 1)...].first { $0.hasPrefix("> ") && $0.contains("see") }
        return try #require(found, "\(lines[(heading + 1)...].prefix(12))")
    }

    @Test(arguments: [
        ("see [report](https://school.example/report)", "> see [report](https://school.example/report)"),
        ("see [Mail](MAILTO:head@school.example)", "> see [Mail](MAILTO:head@school.example)"),
        ("see [p](page.html#top) and [e]()", "> see [p](page.html#top) and [e]()"),
        ("see [x](javascript:alert(1))", "> see [x&#93;(javascript:alert(1))"),
        ("see [x]( <JavaScript:alert(1)>)", "> see [x&#93;( &lt;JavaScript:alert(1)>)"),
        ("see [x](&#106;avascript:alert(1))", "> see [x&#93;(&amp;#106;avascript:alert(1))"),
        ("see [x](javascript\\:alert(1))", "> see [x&#93;(javascript\\:alert(1))"),
        ("see [x](data:text/html,hi)", "> see [x&#93;(data:text/html,hi)"),
        ("see [x](", "> see [x&#93;("),
        // A space between `]` and `(` makes no link in any parser we know of (Markdown.pl, PHP
        // Markdown, Showdown, markdown-it, CommonMark): prose such as "[Year 5] (R&D)" is kept.
        ("see [x] (javascript:alert(1)) and [Year 5] (R&D budget)", "> see [x] (javascript:alert(1)) and [Year 5] (R&D budget)"),
        ("[r]: vbscript:msgbox see", "> [r&#93;: vbscript:msgbox see"),
        ("[r]: https://ok.example see", "> [r]: https://ok.example see"),
        ("see [plain] text: and [a]b", "> see [plain] text: and [a]b"),
        // An image would be fetched when the record is opened (a tracking pixel): it is a link.
        ("see ![](https://tracker.example/p.png?r=host)", "> see &#33;[](https://tracker.example/p.png?r=host)"),
        ("see ![x][ref] and \\\\![y](https://t.example/a.png)", "> see &#33;[x][ref] and \\\\&#33;[y](https://t.example/a.png)"),
        ("see \\![not an image] wow! `![code](x)`", "> see \\![not an image] wow! `![code](x)`"),
        ("see ![x](javascript:alert(1))", "> see &#33;[x&#93;(javascript:alert(1))"),
    ])
    func linksKeepTheirMarkupOnlyWhenSafe(_ note: String, _ expected: String) throws {
        let line = try Self.quoted(note)
        #expect(line == expected, "\(line)")
    }
}
