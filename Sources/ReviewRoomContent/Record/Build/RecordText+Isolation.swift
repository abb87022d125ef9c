extension RecordText {
    /// `name` as it goes into a sentence or a list: without the direction controls that open an
    /// embedding, override or isolate (U+202A–U+202E, U+2066–U+2069; the API takes any
    /// characters in a name, and one left open reversed the rest of its line: "Participant
    /// added: Mallory (reweiver)"), and a name with right-to-left letters (Arabic, Hebrew…)
    /// wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (U+2068, U+2069), so that two
    /// such names in a row ("Round started: <name>, <name>") are not shown in swapped order by
    /// the bidirectional algorithm, and a name does not pull the punctuation after it into its
    /// direction. Names of left-to-right letters only are returned as they are.
    static func isolated(_ name: String) -> String {
        var plain = String.UnicodeScalarView()
        plain.append(contentsOf: name.unicodeScalars.filter { !opensDirection($0) })
        guard plain.contains(where: isRightToLeft) else { return String(plain) }
        return "\u{2068}" + String(plain) + "\u{2069}"
    }

    /// A passage of a note quoted in a sentence ("Who wrote what"): wrapped in FIRST STRONG
    /// ISOLATE … POP DIRECTIONAL ISOLATE when it has right-to-left letters or direction
    /// controls, so that it takes its own direction and leaves the quotation marks and the next
    /// line's author where they are; its controls are kept (they are what its writer wrote), and
    /// closed by the isolate's end.
    static func isolatedPassage(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isRightToLeft($0) || opensDirection($0) }) else { return text }
        return "\u{2068}" + text + "\u{2069}"
    }

    /// Whether `scalar` opens (or closes) an embedding, override or isolate.
    private static func opensDirection(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Whether `scalar` is in a block of right-to-left letters (Hebrew, Arabic, Syriac, Thaana,
    /// N'Ko, Samaritan, Mandaic and their presentation forms, and the historic scripts of
    /// U+10800–U+10FFF and U+1E800–U+1EFFF); the byte-order mark U+FEFF at the end of the
    /// Arabic forms is not a letter.
    private static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFC, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
        default: false
        }
    }
}
