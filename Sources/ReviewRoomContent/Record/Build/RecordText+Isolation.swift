extension RecordText {
    /// `name` as it goes into a sentence or a list: a name with right-to-left letters (Arabic,
    /// Hebrew…) is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (U+2068, U+2069),
    /// so that two such names in a row ("Round started: <name>, <name>") are not shown in swapped
    /// order by the bidirectional algorithm, and a name does not pull the punctuation after it
    /// into its direction. Names of left-to-right letters only are returned as they are.
    static func isolated(_ name: String) -> String {
        guard name.unicodeScalars.contains(where: isRightToLeft) else { return name }
        return "\u{2068}" + name + "\u{2069}"
    }

    /// Whether `scalar` is in a block of right-to-left letters (Hebrew, Arabic, Syriac, Thaana,
    /// N'Ko, Samaritan, Mandaic and their presentation forms, and the historic scripts of
    /// U+10800–U+10FFF and U+1E800–U+1EFFF).
    private static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
        default: false
        }
    }
}
