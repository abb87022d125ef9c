/// Closing what a piece of text leaves open of the bidirectional controls: an embedding or
/// override (U+202A, U+202B, U+202D, U+202E, closed by U+202C) or an isolate (U+2066–U+2068,
/// closed by U+2069).
///
/// The shared note is edited in a text area, where every line is a paragraph of its own and an
/// override left open ends with its line. Put into the record, a note line is no longer its own
/// paragraph (Markdown joins the lines of a quote; HTML writes the passages of several authors
/// side by side), and an override one reviewer left open would reverse the words written after
/// it, by others too, up to the end of the block. Closing each piece of text's controls where
/// its line ends keeps what the writer saw, and contains it.
enum DirectionControls {
    /// `text` with what it leaves open closed before each line break and at its end, innermost
    /// first; text that opens nothing is returned as it is.
    static func balanced(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { opening($0) != nil }) else { return text }
        var out = String.UnicodeScalarView()
        var open: [Kind] = []
        for scalar in text.unicodeScalars {
            if isParagraphBreak(scalar) {
                close(&open, into: &out)
            } else if let kind = opening(scalar) {
                open.append(kind)
            } else if scalar == "\u{202C}" {
                // As in the bidirectional algorithm, PDF closes an embedding only if no isolate
                // opened after it is still open.
                if open.last == .embedding { open.removeLast() }
            } else if scalar == "\u{2069}", let isolate = open.lastIndex(of: .isolate) {
                open.removeSubrange(isolate...)
            }
            out.append(scalar)
        }
        close(&open, into: &out)
        return String(out)
    }

    /// What opens a direction level, by what closes it.
    private enum Kind { case embedding, isolate }

    private static func opening(_ scalar: Unicode.Scalar) -> Kind? {
        switch scalar.value {
        case 0x202A, 0x202B, 0x202D, 0x202E: .embedding
        case 0x2066...0x2068: .isolate
        default: nil
        }
    }

    private static func close(_ open: inout [Kind], into out: inout String.UnicodeScalarView) {
        for kind in open.reversed() { out.append(kind == .embedding ? "\u{202C}" : "\u{2069}") }
        open.removeAll()
    }

    /// The bidirectional algorithm's paragraph separators (class B) and U+2028, which ends a
    /// line in the text area too.
    private static func isParagraphBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x1C...0x1E, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
