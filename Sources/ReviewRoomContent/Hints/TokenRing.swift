/// The words the matcher needs around a position, read lazily from a ``UTF16WordReader`` into
/// a small ring of caller-provided slots: the word before a phrase, its words and the word
/// after it (``HintRuleIndex/ringCapacity`` slots hold them all).
struct TokenRing {
    private var reader: UTF16WordReader
    private let slots: UnsafeMutableBufferPointer<ScanToken>
    /// How many words have been read.
    private var read = 0

    /// A ring over `slots` (a power-of-two count, valid while the ring is used).
    init(reader: UTF16WordReader, slots: UnsafeMutableBufferPointer<ScanToken>) {
        self.reader = reader
        self.slots = slots
    }

    /// Word number `position` of the text, or nil past the last word.
    mutating func token(_ position: Int) -> ScanToken? {
        while read <= position {
            guard let next = reader.next() else { return nil }
            slots[read & (slots.count - 1)] = next
            read += 1
        }
        // The matcher never looks further back than the ring holds (see ringCapacity).
        guard position >= 0, position >= read - slots.count else { return nil }
        return slots[position & (slots.count - 1)]
    }

    /// Whether `rule` matches the words from `start` and its context does not lift it.
    mutating func matches(_ rule: CompiledHintRule, at start: Int) -> Bool {
        for (offset, word) in rule.words.enumerated() {
            guard let token = token(start + offset), token.word == word,
                  offset == 0 || token.joinedToPrevious else { return false }
        }
        if let next = token(start + rule.words.count), next.joinedToPrevious, rule.unlessBefore.contains(next.word) {
            return false
        }
        if start > 0, let first = token(start), first.joinedToPrevious,
           let previous = token(start - 1), rule.unlessAfter.contains(previous.word) {
            return false
        }
        return true
    }
}
