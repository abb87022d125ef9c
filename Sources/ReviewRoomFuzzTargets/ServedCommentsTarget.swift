import ReviewRoomServer

/// A file of the web client's folder as the daemon serves it, once as a script
/// (`ScriptComments`) and once as a stylesheet (`StyleComments`); an operator's `web_root` may
/// hold anything. Properties, when the scan is sure of the file: it is no longer than it was,
/// has the same line breaks (so every line stays where it was), and a second pass changes
/// nothing (taking the comments out made no new one and left no space to drop).
enum ServedCommentsTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let source = [UInt8](input)
        check(source, ScriptComments.stripped(source), again: ScriptComments.stripped, "script", lineSeparators: true)
        // CSS breaks lines at LF and CR only (U+2028 is text there).
        check(source, StyleComments.stripped(source), again: StyleComments.stripped, "stylesheet", lineSeparators: false)
    }

    private static func check(_ source: [UInt8], _ stripped: [UInt8]?, again: ([UInt8]) -> [UInt8]?, _ kind: String,
                              lineSeparators: Bool) {
        guard let stripped else { return }
        require(stripped.count <= source.count, .servedComments, "the \(kind) grew: \(source.count) to \(stripped.count) bytes")
        require(lineBreaks(in: stripped, lineSeparators) == lineBreaks(in: source, lineSeparators), .servedComments, "the \(kind)'s line breaks changed")
        require(again(stripped) == stripped, .servedComments, "a second pass over the \(kind) changed it")
    }

    /// The line breaks in order: LF, CR and, with `lineSeparators`, U+2028 and U+2029 as their
    /// last byte.
    private static func lineBreaks(in bytes: [UInt8], _ lineSeparators: Bool) -> [UInt8] {
        bytes.indices.compactMap { index in
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D { return byte }
            let separator = (byte == 0xA8 || byte == 0xA9) && index >= 2 && bytes[index - 2] == 0xE2 && bytes[index - 1] == 0x80
            return lineSeparators && separator ? byte : nil
        }
    }
}
