extension Unicode.Scalar {
    /// Whether this is a control character no rendered text keeps: every C0 control but tab,
    /// line feed and carriage return, and DEL. HTML and RFC 5545 text do not allow them, and in
    /// Markdown printed to a terminal (`reviewroomd export`) ESC would start an escape sequence.
    var isForbiddenControl: Bool {
        (value < 0x20 && self != "\t" && self != "\n" && self != "\r") || value == 0x7F
    }
}
