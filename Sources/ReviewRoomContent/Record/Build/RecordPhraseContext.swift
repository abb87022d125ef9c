import Foundation

/// The `context` of a phrase to revisit (``RecordPhrase/context``): the line it is on, trimmed,
/// when that is at most ``limit`` characters. In a longer line, at most ``limit`` characters of
/// it that hold the phrase, "…" where the line goes on: its start when the phrase is in its
/// first ``limit`` − 1 characters, else a stretch around the phrase.
///
/// Only ``reach`` units either side of the phrase are read. The whole line used to be copied and
/// counted for every hint on it, so a long paragraph with many hints took time in the square of
/// its length: a record whose five notes were each one 40,000-unit line, with a hint every 70
/// characters, took 12–14 s to build, and with 160,000-unit notes it did not finish in 10
/// minutes. A phrase deep in a long line also got its line's first 199 characters as context,
/// which did not hold it.
enum RecordPhraseContext {
    /// The most characters a context has, "…" included.
    static let limit = 200
    /// The most UTF-16 units read either side of the phrase: a line that goes on past it is
    /// longer than ``limit`` characters, whatever they are.
    static let reach = 4 * limit

    /// The context of the phrase at `phrase` (UTF-16 offsets) in a text of `units`.
    static func context(of phrase: Range<Int>, in units: [UInt16]) -> String {
        let floor = max(0, phrase.lowerBound - reach), ceiling = min(units.count, phrase.upperBound + reach)
        var start = phrase.lowerBound
        while start > floor && units[start - 1] != 0x0A { start -= 1 }
        var end = phrase.upperBound
        while end < ceiling && units[end] != 0x0A { end += 1 }
        // A cut at the reach keeps a surrogate pair whole.
        if start > 0 && UTF16.isTrailSurrogate(units[start]) && start < phrase.lowerBound { start += 1 }
        if end < units.count && UTF16.isTrailSurrogate(units[end]) && end > phrase.upperBound { end -= 1 }
        let goesOnBefore = start > 0 && units[start - 1] != 0x0A
        let goesOnAfter = end < units.count && units[end] != 0x0A
        let read = String(decoding: units[start ..< end], as: UTF16.self)
        if !goesOnBefore && !goesOnAfter {
            let line = read.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.count <= limit { return line }
        }
        return window(of: read, phrase: phrase.lowerBound - start ..< phrase.upperBound - start,
                      goesOnBefore: goesOnBefore, goesOnAfter: goesOnAfter)
    }

    /// At most ``limit`` characters of `text` (part of a longer line) that hold `phrase`
    /// (UTF-16 offsets in `text`), with "…" at each end where the line goes on.
    private static func window(of text: String, phrase: Range<Int>, goesOnBefore: Bool, goesOnAfter: Bool) -> String {
        var characters = Array(text)
        var (first, last) = span(of: phrase, in: characters)
        if !goesOnBefore {
            let blank = characters.prefix { $0.isWhitespace }.count
            characters.removeFirst(blank)
            first = max(0, first - blank)
            last = max(first, last - blank)
        }
        if !goesOnAfter { while characters.last?.isWhitespace == true { characters.removeLast() } }
        if !goesOnBefore && last <= limit - 1 {
            return String(characters.prefix(limit - 1)) + "…"
        }
        // Room for "…" on both sides, the phrase in the middle (more before it near the end).
        let room = limit - 2
        var lo = max(0, first - max(0, room - (last - first)) / 2)
        let hi = min(characters.count, lo + room)
        lo = max(0, min(lo, hi - room))
        let before = lo > 0 || goesOnBefore, after = hi < characters.count || goesOnAfter
        return (before ? "…" : "") + String(characters[lo ..< hi]) + (after ? "…" : "")
    }

    /// The characters of `characters` that `units` (UTF-16 offsets) covers: the first one and
    /// one past the last.
    private static func span(of units: Range<Int>, in characters: [Character]) -> (Int, Int) {
        var offset = 0, first = characters.count
        for (index, character) in characters.enumerated() {
            let next = offset + character.utf16.count
            if first == characters.count && units.lowerBound < next { first = index }
            if units.upperBound <= next { return (first, index + 1) }
            offset = next
        }
        return (first, characters.count)
    }
}
