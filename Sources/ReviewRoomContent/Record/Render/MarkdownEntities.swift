/// Where `&` and `<` mean something to a CommonMark parser: only there does the Markdown record
/// write them as entities. "Q&A", "Reading & writing" and "KS2 < 5" stay as typed: pasted into a
/// word processor or an email, the record read "Reading &amp; writing" (a host's audit).
enum MarkdownEntities {
    /// Whether the `&` at `index` starts an entity or character reference (`&amp;`, `&#38;`,
    /// `&#x26;`): a name or number, then `;`.
    static func startsReference(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var next = index + 1
        guard next < scalars.count else { return false }
        let isDigit: (Unicode.Scalar) -> Bool = { $0.properties.numericType != nil && $0.isASCII }
        let isHex: (Unicode.Scalar) -> Bool = { isDigit($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) }
        var body: (Unicode.Scalar) -> Bool = { $0.isASCII && ($0.properties.isAlphabetic || isDigit($0)) }
        if scalars[next] == "#" {
            next += 1
            body = isDigit
            if next < scalars.count, scalars[next] == "x" || scalars[next] == "X" { next += 1; body = isHex }
        } else if !(scalars[next].isASCII && scalars[next].properties.isAlphabetic) {
            return false
        }
        var length = 0
        while next < scalars.count, body(scalars[next]), length < 32 { next += 1; length += 1 }
        return length > 0 && next < scalars.count && scalars[next] == ";"
    }

    /// Whether the `<` at `index` could open raw HTML or an autolink: a letter, `/`, `!` or `?` next.
    static func startsMarkup(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let next = index + 1
        guard next < scalars.count else { return false }
        let scalar = scalars[next]
        return (scalar.isASCII && scalar.properties.isAlphabetic) || scalar == "/" || scalar == "!" || scalar == "?"
    }
}
