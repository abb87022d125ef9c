/// A lower-case ASCII word of at most 16 bytes packed into two integers: the scanner's
/// dictionary key, built from the note's units without allocating a `String`.
struct PackedWord: Hashable, Sendable {
    /// The most bytes a packed word holds.
    static let capacity = 16

    /// Bytes 0–7 (byte 0 lowest); unused bytes are zero (no word holds a NUL).
    private(set) var low: UInt64 = 0
    /// Bytes 8–15.
    private(set) var high: UInt64 = 0
    /// How many bytes were appended.
    private(set) var count = 0

    /// The empty word.
    init() {}

    /// `word` packed, or nil when it is not ASCII or longer than ``capacity``.
    init?(_ word: String) {
        for byte in word.utf8 {
            guard byte < 0x80, append(byte) else { return nil }
        }
    }

    /// Appends an ASCII byte; false (and nothing changed) when the word is already full.
    @inline(__always)
    mutating func append(_ byte: UInt8) -> Bool {
        guard count < Self.capacity else { return false }
        if count < 8 {
            low |= UInt64(byte) << (8 * UInt64(count))
        } else {
            high |= UInt64(byte) << (8 * UInt64(count - 8))
        }
        count += 1
        return true
    }
}
