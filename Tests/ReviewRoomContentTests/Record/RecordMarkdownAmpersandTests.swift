import ReviewRoomContent
import ReviewRoomCore
import Testing

/// `&` and `<` in the Markdown record are entities only where a CommonMark reader would take them
/// for an entity, HTML or an autolink: a host pasting the record into a word processor read
/// "Reading &amp; writing" and "KS2 &lt; 5" (an audit, session 54).
@Suite("Markdown record: `&` and `<` kept as typed where they mean nothing")
struct RecordMarkdownAmpersandTests {
    @Test("in a note", arguments: [
        ("see Q&A, Reading & writing, KS2 < 5 and <3", "see Q&A, Reading & writing, KS2 < 5 and <3"),
        ("see &copy without its semicolon, & ; and &#; and &#x;", "see &copy without its semicolon, & ; and &#; and &#x;"),
        ("see &amp; &#38; &#x26; &copy;", "see &amp;amp; &amp;#38; &amp;#x26; &amp;copy;"),
        ("see <b>x</b> <!-- c --> <?php ?> <https://x.example>", "see &lt;b>x&lt;/b> &lt;!-- c --> &lt;?php ?> &lt;https://x.example>"),
    ])
    func note(_ line: String, _ expected: String) throws {
        #expect(try RecordMarkdownCodeSpanTests.quoted([line]) == [expected])
    }

    @Test func inTheTitle() throws {
        var review = ScriptedReview()
        try review.edit(SessionEdit(title: "Reading & writing <b>review</b> &amp; more"), at: 0)
        try review.run(.sessionStart, by: "f1", at: 1)
        let markdown = String(decoding: RecordRenderer.render(review.input(at: 100), as: .markdown), as: UTF8.self)
        #expect(markdown.contains("# Review record: Reading & writing &lt;b\\>review&lt;/b\\> &amp;amp; more\n"), "\(markdown.prefix(200))")
    }
}
