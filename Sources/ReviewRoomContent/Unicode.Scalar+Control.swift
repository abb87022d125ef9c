extension Unicode.Scalar {
    /// Whether this is a control character no rendered text keeps: every C0 control but tab,
    /// line feed and carriage return, and DEL. HTML and RFC 5545 text do not allow them, and in
    /// Markdown printed to a terminal (`reviewroomd export`) ESC would start an escape sequence.
    var isForbiddenControl: Bool {
        (value < 0x20 && self != "\t" && self != "\n" && self != "\r") || value == 0x7F
    }

    /// Whether the rendered record (HTML and Markdown) replaces this scalar with U+FFFD: a
    /// forbidden control, a C1 control (U+0080–U+009F: HTML does not allow them, and a terminal
    /// may take U+009B for CSI as it takes ESC [) or a noncharacter (U+FDD0–U+FDEF and the last
    /// two code points of every plane, which HTML does not allow either).
    var isUnfitForRecordText: Bool {
        isForbiddenControl || (0x80...0x9F).contains(value) || (0xFDD0...0xFDEF).contains(value)
            || value & 0xFFFE == 0xFFFE
    }
}
