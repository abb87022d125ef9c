/// Which links a note may keep in the Markdown record.
///
/// Notes keep their Markdown, and a reader may open the record in any Markdown viewer, not all of
/// which refuse a `javascript:` link the way markdown-it or GitHub do. A link (`[text](dest)`) or
/// a link reference definition (`[label]: dest`) keeps its markup only when its destination
/// plainly starts with `http://`, `https://` or `mailto:`, or names no scheme at all (a relative
/// link, or `//host/…`, which opens on the record's own scheme: http(s) in a browser). Anything
/// else — another scheme, or a head with `&` or `\` that a parser could decode
/// into one (`&#106;avascript:`, `javascript\:`), or a destination on the next line — loses the
/// link: its `]` is written as an entity, which no parser takes for markup.
///
/// An image (`![alt](https://…)`) is shown as a link: its `!` is written as an entity. A viewer
/// fetches an image as soon as the record is opened, so a note could carry a tracking pixel that
/// tells whoever wrote it when and from where the host school read the record.
enum MarkdownLinkGuard {
    /// Schemes a destination may start with (compared without case).
    static let safeSchemes = ["http://", "https://", "mailto:"]

    /// Whether the `]` at `index` is followed by `(` or `:` and a destination that is not
    /// plainly safe. A space between the two (`[x] (dest)`) makes no inline link in Markdown.pl,
    /// PHP Markdown, Showdown, markdown-it or CommonMark, so such text is left as typed.
    static func opensUnsafeDestination(_ line: [Unicode.Scalar], closingBracketAt index: Int) -> Bool {
        var next = index + 1
        guard next < line.count, line[next] == "(" || line[next] == ":" else { return false }
        next += 1
        while next < line.count, line[next] == " " || line[next] == "\t" || line[next] == "<" { next += 1 }
        // Nothing more on this line: a destination may follow on the next one, unseen here.
        guard next < line.count else { return true }
        var head = String.UnicodeScalarView()
        while next < line.count, !" \t)>".unicodeScalars.contains(line[next]) {
            head.append(line[next]); next += 1
        }
        let destination = String(head).lowercased()
        if destination.isEmpty || safeSchemes.contains(where: destination.hasPrefix) { return false }
        let beforePath = destination.prefix { !"/?#".contains($0) }
        return beforePath.contains(":") || destination.contains("&") || destination.contains("\\")
    }

    /// Whether the `!` at `index` starts an image: `[` follows outside a code span, and the `!`
    /// is not escaped (an odd run of backslashes before it).
    static func opensImage(_ line: [Unicode.Scalar], exclamationAt index: Int, code: Set<Int>) -> Bool {
        guard index + 1 < line.count, line[index + 1] == "[", !code.contains(index + 1) else { return false }
        var backslashes = 0
        while index - backslashes - 1 >= 0, line[index - backslashes - 1] == "\\" { backslashes += 1 }
        return backslashes % 2 == 0
    }
}
