import Testing

@testable import ReviewRoomServer

/// Scripts and stylesheets are served without their comments; everything else in them, and
/// every line's place, as written. `Tests/blackbox/test_served_scripts.py` checks the whole
/// client against real parsers; these are the cases that would trip a scan.
@Suite("Served without comments")
struct ServedCommentsTests {
    private func script(_ text: String) -> String? {
        ScriptComments.stripped(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    private func style(_ text: String) -> String? {
        StyleComments.stripped(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func commentsGoAndLinesStayWhereTheyWere() {
        let source = """
            /**
             * A doc comment.
             */
            export function f(a) { // why
              return a; /* inline */ }
            """
        #expect(script(source) == "\n\n\nexport function f(a) {\n  return a;  }")
    }

    @Test(arguments: [
        #"const url = 'http://x/*y*/'; // gone"#,
        #"const s = "a // b";"#,
        "const t = `// ${'/*'} */ ${`// ${x}`}`;",
        #"const r = /[/*]\/\//g.test(s);"#,
        "if (/^\\/\\//.test(x)) y();",
        "const half = (a + b) / 2 / c; // gone",
        "const q = a[1] / 2;",
        "return /ab+c/i;",
        "x = y\n/re/g.exec(z)",
        "const o = { '//': 1, \"/*\": 2 };",
        "this.#count /= 2;",
        "if (ok) /'/.test(s); const u = 'http://x'; // gone",
        "while (m = /a'b/g.exec(s)) n++;",
        "for await (const c of chars) /[/*]/.test(c) && n++; const y = 1; // gone",
        "for (const c of chars) /[/*]/.test(c) && n++; const y = 1; // gone",
        "x.for(a) / 2; const y = 1; // gone",
        "const q = f(a) / g(b) / 2; // gone",
        "x.if(a) / 2;",
    ])
    func whatLooksLikeACommentInsideATokenStays(line: String) {
        let kept = line.replacingOccurrences(of: " // gone", with: "")
        #expect(script(line) == kept)
    }

    @Test func aCommentBetweenTwoTokensStillPartsThem() {
        #expect(script("return/* why */value;") == "return value;")
        #expect(script("const a = 1;   // why\nconst b = 2;") == "const a = 1;\nconst b = 2;")
    }

    @Test func aLicenceCommentIsKept() {
        #expect(script("/*! licence */\nlet a;") == "/*! licence */\nlet a;")
        #expect(style("/*! licence */\na{}") == "/*! licence */\na{}")
    }

    /// A regular expression after `}` or `++` could as well be a division: nothing is served
    /// other than as written then. So is anything unterminated or oddly escaped.
    @Test(arguments: [
        "function f() {}\n/re/.test(s) // x",
        "const o = {} / 2; // x",
        "i++ / 2; // x",
        "const s = 'open; // x",
        "const s = 'a\nb'; // x",
        "const t = `open ${x} // x",
        "const r = /open\nx; // x",
        "/* open",
        "const a = { // x",
        "} // x",
        "a) // x",
        "f(a // x",
        "#!/usr/bin/env node\n// x",
        "const \\u0061 = 1; // x",
    ])
    func aScriptItCannotBeSureOfIsServedAsWritten(source: String) {
        #expect(script(source) == nil)
    }

    @Test func lineBreaksOfEveryKindEndALineComment() {
        #expect(script("a; // x\r\nb;") == "a;\r\nb;")
        #expect(script("a; // x\u{2028}b;") == "a;\u{2028}b;")
        #expect(script("a = 1 /* x\r\n y */ + 2") == "a = 1\r\n + 2")
    }

    @Test func aStylesheetLosesItsCommentsOnly() {
        let source = """
            /* The room.
               Two lines. */
            .room { color: red; } /* why */
            a[href="/*x*/"] { background: url(http://x/*y*/z.png); content: '/* no */'; }
            """
        #expect(style(source) == "\n\n.room { color: red; }\na[href=\"/*x*/\"] { background: url(http://x/*y*/z.png); content: '/* no */'; }")
    }

    @Test(arguments: ["a/**/b {}", "/* open", "a { content: 'open }", "a { background: url(x.png }", "a { content: 'a\nb' }"])
    func aStylesheetItCannotBeSureOfIsServedAsWritten(source: String) {
        #expect(style(source) == nil)
    }

    @Test func anEscapedSlashNeverStartsAComment() {
        #expect(style(".a\\/* b */ {}") == ".a\\/* b */ {}")
    }

    @Test func aFunctionEndingInURLIsNotAURL() {
        #expect(style("a { b: my-url(/*x*/ 1) }") == "a { b: my-url( 1) }")
    }
}
