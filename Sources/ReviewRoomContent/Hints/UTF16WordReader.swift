/// Reads the words of UTF-16 text in place, one at a time, exactly as ``WordTokenizer``
/// splits them (a lone surrogate reads as U+FFFD, one unit wide), and numbers each against a
/// ``HintRuleIndex`` while reading it: an ASCII word is lower-cased into a ``PackedWord``, so
/// nothing is allocated per word or per scan.
struct UTF16WordReader {
    private let units: UnsafeBufferPointer<UInt16>
    private let index: HintRuleIndex
    /// The next unit to read.
    private var position = 0
    /// Whether the text read so far leaves us inside quotation marks.
    private var quoted = false
    /// Whether only spaces and tabs came since the last word ended.
    private var onlyBlanksSinceLastWord = false

    /// A reader of `units` (which must stay valid while it reads) against `index`.
    init(_ units: UnsafeBufferPointer<UInt16>, index: HintRuleIndex) {
        self.units = units
        self.index = index
    }

    /// The next word, or nil at the end of the text.
    mutating func next() -> ScanToken? {
        var start = -1, startQuoted = false, joined = false
        var key = PackedWord()
        var packable = true
        while position < units.count {
            let unit = units[position]
            if unit < 0x80 {
                // ASCII (most of a note) is classified here, as the general path below would.
                let byte = UInt8(truncatingIfNeeded: unit), folded = byte | 0x20
                let letter = folded &- 0x61 < 26
                if letter || byte &- 0x30 < 10 {
                    if start < 0 {
                        start = position
                        startQuoted = quoted
                        joined = onlyBlanksSinceLastWord
                    }
                    if packable { packable = key.append(letter ? folded : byte) }
                    position += 1
                    continue
                }
                if start >= 0, byte == 0x27 || byte == 0x2D, position + 1 < units.count,
                   WordTokenizer.isWordScalar(decode(at: position + 1).scalar) {
                    if packable { packable = key.append(byte) }
                    position += 1
                    continue
                }
                if start >= 0 {
                    onlyBlanksSinceLastWord = true
                    break
                }
                if byte != 0x20 && byte != 0x09 { onlyBlanksSinceLastWord = false }
                if byte == 0x22 {
                    quoted.toggle()
                } else if byte == 0x0A || byte == 0x0D {
                    quoted = false
                }
                position += 1
                continue
            }
            let (scalar, width) = decode(at: position)
            var inside = WordTokenizer.isWordScalar(scalar)
            if !inside, start >= 0, WordTokenizer.isJoiner(scalar), position + width < units.count {
                inside = WordTokenizer.isWordScalar(decode(at: position + width).scalar)
            }
            if inside {
                if start < 0 {
                    start = position
                    startQuoted = quoted
                    joined = onlyBlanksSinceLastWord
                }
                if packable { packable = Self.appendLowercased(scalar, to: &key) }
                position += width
                continue
            }
            if start >= 0 {
                // The separator is read again by the next call, which starts outside a word.
                onlyBlanksSinceLastWord = true
                break
            }
            if scalar != " " && scalar != "\t" { onlyBlanksSinceLastWord = false }
            quoted = WordTokenizer.nextQuoteState(quoted, after: scalar)
            position += width
        }
        guard start >= 0 else { return nil }
        return ScanToken(word: number(start ..< position, key: packable ? key : nil), from: start, to: position,
                         joinedToPrevious: joined, quoted: startQuoted)
    }

    /// The vocabulary number of the word at `range`, whose lower-cased bytes are `key` when it
    /// is ASCII once lower-cased and short enough to pack.
    private func number(_ range: Range<Int>, key: PackedWord?) -> Int32 {
        if index.allPacked {
            guard let key else { return HintRuleIndex.unknownWord }
            return index.packed.number(of: key) ?? HintRuleIndex.unknownWord
        }
        // A rule set with long or non-ASCII words: build the word as the reference tokenizer does.
        var scalars: [Unicode.Scalar] = []
        var at = range.lowerBound
        while at < range.upperBound {
            let (scalar, width) = decode(at: at)
            scalars.append(scalar)
            at += width
        }
        return index.byString[WordTokenizer.word(of: scalars[...])] ?? HintRuleIndex.unknownWord
    }

    /// Appends the lower-case form of `scalar` (typographic apostrophes and hyphens made plain);
    /// false when that form is not ASCII or the key is full, so the word can match no packed word.
    @inline(__always)
    private static func appendLowercased(_ scalar: Unicode.Scalar, to key: inout PackedWord) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(truncatingIfNeeded: scalar.value)
            return key.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        switch scalar {
        case "\u{2019}", "\u{2018}": return key.append(0x27)
        case "\u{2010}", "\u{2011}": return key.append(0x2D)
        default:
            let properties = scalar.properties
            // Unchanged by lower-casing means it stays non-ASCII.
            guard properties.changesWhenLowercased else { return false }
            for lower in properties.lowercaseMapping.unicodeScalars {
                guard lower.isASCII, key.append(UInt8(truncatingIfNeeded: lower.value)) else { return false }
            }
            return true
        }
    }

    /// The scalar at unit `offset` and how many units it takes.
    @inline(__always)
    private func decode(at offset: Int) -> (scalar: Unicode.Scalar, width: Int) {
        let unit = units[offset]
        if !UTF16.isLeadSurrogate(unit) && !UTF16.isTrailSurrogate(unit) {
            return (Unicode.Scalar(unit) ?? "\u{FFFD}", 1)
        }
        if UTF16.isLeadSurrogate(unit), offset + 1 < units.count, UTF16.isTrailSurrogate(units[offset + 1]) {
            let value = 0x10000 + (UInt32(unit & 0x3FF) << 10) + UInt32(units[offset + 1] & 0x3FF)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", 2)
        }
        return ("\u{FFFD}", 1)
    }
}
