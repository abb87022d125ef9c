/// The `(author, opId)` of edits whose ops are no longer in memory, kept as 8-byte
/// fingerprints in one sorted array so that a long session's memory does not grow by a
/// hash-set entry and an opId string per keystroke (about 120 bytes an edit before).
///
/// A fingerprint answers "maybe used before" — never "not used" for a key that was inserted —
/// so a match is a reason to look the key up in the store, not a verdict on its own.
/// Fingerprints are Swift's seeded `Hasher` (SipHash) over the key: different in every process,
/// so a client cannot craft an opId that collides with someone else's, and only comparable
/// within one process (they are rebuilt whenever a session is loaded).
public struct OperationFingerprints: Sendable {
    private var sorted: [UInt64] = []
    private let mask: UInt64

    /// An empty set keeping the low `bits` bits of each fingerprint (64 in the daemon; fewer
    /// make false matches likely, which tests use to show a false match is harmless).
    public init(bits: Int = 64) {
        precondition((0...64).contains(bits), "fingerprint bits must be 0…64")
        mask = bits == 64 ? .max : (UInt64(1) << UInt64(bits)) &- 1
    }

    /// How many distinct fingerprints are held.
    public var count: Int { sorted.count }

    /// Whether there are none.
    public var isEmpty: Bool { sorted.isEmpty }

    /// Adds `keys` (in any order, repeats allowed): one sort of the new ones and one merge,
    /// into an array of exactly the size needed.
    public mutating func insert<Keys: Sequence>(contentsOf keys: Keys) where Keys.Element == NoteOpKey {
        var added = keys.map(fingerprint).sorted()
        added = added.indices.filter { $0 == 0 || added[$0] != added[$0 - 1] }.map { added[$0] }
            .filter { !holds($0) }
        guard !added.isEmpty else { return }
        var merged: [UInt64] = []
        merged.reserveCapacity(sorted.count + added.count)
        var old = sorted.startIndex, new = added.startIndex
        while old < sorted.endIndex, new < added.endIndex {
            if sorted[old] < added[new] {
                merged.append(sorted[old])
                old += 1
            } else {
                merged.append(added[new])
                new += 1
            }
        }
        merged.append(contentsOf: sorted[old...])
        merged.append(contentsOf: added[new...])
        sorted = merged
    }

    /// Whether `key` may have been inserted: always true if it was, and for a key that was not,
    /// true only on a fingerprint match (about one in 2⁶⁴ per key held, with 64 bits).
    public func mayContain(_ key: NoteOpKey) -> Bool {
        holds(fingerprint(key))
    }

    private func holds(_ target: UInt64) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == target
    }

    private func fingerprint(_ key: NoteOpKey) -> UInt64 {
        UInt64(bitPattern: Int64(key.hashValue)) & mask
    }
}
