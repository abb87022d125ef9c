/// An open-addressing table from ``PackedWord``s to vocabulary numbers, probed with a
/// multiplicative hash: the scan looks up every word it reads, and `Dictionary`'s seeded
/// SipHash cost more than the rest of reading the word.
struct PackedWordTable: Sendable {
    /// Slot keys; meaningful where ``values`` is not negative.
    private var keys: [PackedWord]
    /// Slot values; -1 marks an empty slot.
    private var values: [Int32]
    /// Right shift that keeps the hash's top bits (log2 of the slot count of them).
    private let shift: UInt64

    /// A table holding `entries` (non-negative values), at most a quarter full.
    init(_ entries: [PackedWord: Int32]) {
        var capacity = 16, bits: UInt64 = 4
        while capacity < entries.count * 4 {
            capacity *= 2
            bits += 1
        }
        keys = Array(repeating: PackedWord(), count: capacity)
        values = Array(repeating: -1, count: capacity)
        shift = 64 - bits
        for (key, value) in entries {
            var slot = slot(of: key)
            while values[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            values[slot] = value
        }
    }

    /// The number stored for `key`, if any.
    @inline(__always)
    func number(of key: PackedWord) -> Int32? {
        var slot = slot(of: key)
        while values[slot] >= 0 {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }

    @inline(__always)
    private func slot(of key: PackedWord) -> Int {
        let mixed = (key.low ^ (key.high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(key.count)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> shift)
    }
}
