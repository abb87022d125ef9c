/// Where a note's lines hold inline code spans that every CommonMark reader sees as such.
///
/// The Markdown record writes `&` and `<` in notes as entities so that a note cannot inject raw
/// HTML, but inside a code span an entity is shown as typed: `` `a < b` `` read "a &lt; b". A
/// code span's content is literal, so there `&` and `<` can stay as they are, provided the span
/// is one the reader's parser is sure to see. These rules only ever find fewer spans than a
/// parser does, never more, so a `<` left as it is always sits inside a real code span:
///
/// - a span opens and closes on the same line (a backtick string closed by the next string of
///   the same length, as CommonMark pairs them);
/// - once a line has a backtick string that no later one on it closes, a parser may pair it with
///   one on a later line, so no span is trusted from there to the end of the note;
/// - a line with `\` before a backtick (an escaped backtick is no delimiter) is not trusted either,
///   nor anything after it;
/// - a line with `|` keeps none of its spans, as a GitHub table row splits its cells at every
///   pipe, inside code spans too;
/// - from a `](` (or `][`) outside a span on, nothing is trusted, on that line or after it: a
///   backtick in an inline link's destination or title (`[a](/`)`, `[a](/u "`")`, a title going
///   on to the next line) or a reference link's label is part of the link, no delimiter, so pairing it made a span the parser never saw, and an image or
///   raw HTML between two such links went into the record as typed.
enum MarkdownCodeSpans {
    /// For each of `lines` (as scalars), the offsets of the scalars inside its code spans, the
    /// backticks around them excluded.
    static func contents(of lines: [[Unicode.Scalar]]) -> [Set<Int>] {
        var trusted = true
        return lines.map { line in
            guard trusted else { return [] }
            guard !hasEscapedBacktick(line) else { trusted = false; return [] }
            let (inside, closed) = pairedRuns(line)
            if !closed { trusted = false }
            return line.contains("|") ? [] : inside
        }
    }

    /// The offsets inside the spans `line`'s backtick strings make, up to the first string
    /// nothing on the line closes or the first `](` or `][` outside a span, and whether the line had
    /// neither. A `](` inside a span is code (`` `[x](y)` ``): the span opened first.
    private static func pairedRuns(_ line: [Unicode.Scalar]) -> (Set<Int>, closed: Bool) {
        let runs = backtickRuns(line)
        var inside = Set<Int>()
        var next = 0
        var outsideFrom = 0
        while next < runs.count {
            let opener = runs[next]
            guard !opensLinkDestination(line[outsideFrom..<opener.lowerBound]),
                  let closer = runs[(next + 1)...].firstIndex(where: { $0.count == opener.count }) else {
                return (inside, false)
            }
            inside.formUnion(opener.upperBound..<runs[closer].lowerBound)
            outsideFrom = runs[closer].upperBound
            next = closer + 1
        }
        return (inside, !opensLinkDestination(line[outsideFrom...]))
    }

    /// Whether `text` holds a `](`, which may open an inline link's destination, or a `][`,
    /// which may open a full reference link's label (`[x][a`]` with `[a`]: /u` defined).
    private static func opensLinkDestination(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        zip(text, text.dropFirst()).contains { $0 == "]" && ($1 == "(" || $1 == "[") }
    }

    /// The maximal strings of backticks in `line`.
    private static func backtickRuns(_ line: [Unicode.Scalar]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = 0
        while index < line.count {
            guard line[index] == "`" else { index += 1; continue }
            let start = index
            while index < line.count, line[index] == "`" { index += 1 }
            runs.append(start..<index)
        }
        return runs
    }

    private static func hasEscapedBacktick(_ line: [Unicode.Scalar]) -> Bool {
        zip(line, line.dropFirst()).contains { $0 == "\\" && $1 == "`" }
    }
}
