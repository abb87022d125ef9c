/// A note's ops in memory, oldest first, stored in chunks of ``chunkSize`` entries so that
/// appending never copies the ones already held.
///
/// One array of every revision was copied whole each time it outgrew its capacity: replaying
/// the 260,000-edit paper trace spent about a tenth of its time moving history entries into
/// ever larger arrays. Here a full chunk stays where it is and the next one is started.
///
/// Every chunk but the first and the last is full; the first may be short after
/// ``removeFirst(_:)``, which drops whole chunks and shortens the first, so that forgetting
/// the oldest ops frees their memory.
public struct NoteHistory: RandomAccessCollection, ExpressibleByArrayLiteral, Equatable, Sendable {
    /// Entries per chunk (a power of two, so an index splits with a shift and a mask).
    static let chunkSize = 1024
    private static let chunkShift = chunkSize.trailingZeroBitCount

    private var chunks: [[NoteRevision]] = []
    /// How many entries are held.
    public private(set) var count = 0

    /// An empty history.
    public init() {}

    /// A history holding `entries` in order.
    public init<Entries: Sequence>(_ entries: Entries) where Entries.Element == NoteRevision {
        for entry in entries { append(entry) }
    }

    /// A history holding the listed entries in order.
    public init(arrayLiteral entries: NoteRevision...) {
        self.init(entries)
    }

    /// The position of the oldest entry (always 0).
    public var startIndex: Int { 0 }
    /// One past the newest entry's position (``count``).
    public var endIndex: Int { count }

    /// The entry at `position` (`0 ..< count`).
    public subscript(position: Int) -> NoteRevision {
        precondition(position >= 0 && position < count, "note history index out of range")
        let first = chunks[0].count
        if position < first { return chunks[0][position] }
        let rest = position - first
        return chunks[1 + (rest >> Self.chunkShift)][rest & (Self.chunkSize - 1)]
    }

    /// Adds `entry` after the newest.
    public mutating func append(_ entry: consuming NoteRevision) {
        // A new chunk grows like any array (a note with a few edits holds a few entries, not
        // room for 1,024); only its own entries are ever moved, never the older chunks'.
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            chunks.append([entry])
        } else {
            chunks[chunks.count - 1].append(entry)
        }
        count += 1
    }

    /// Drops the oldest `k` entries (`0 ... count`), releasing their memory.
    public mutating func removeFirst(_ k: Int) {
        precondition(k >= 0 && k <= count, "cannot remove \(k) of \(count) note history entries")
        var left = k
        while left > 0 {
            if left >= chunks[0].count {
                left -= chunks[0].count
                chunks.removeFirst()
            } else {
                chunks[0].removeFirst(left)
                left = 0
            }
        }
        count -= k
    }

    /// Puts `older` before the oldest entry (rare: a restored buffer taking back its past).
    public mutating func prepend(_ older: [NoteRevision]) {
        guard !older.isEmpty else { return }
        self = NoteHistory(older + Array(self))
    }

    /// Two histories are equal when they hold equal entries in the same order.
    public static func == (lhs: NoteHistory, rhs: NoteHistory) -> Bool {
        lhs.elementsEqual(rhs)
    }
}
