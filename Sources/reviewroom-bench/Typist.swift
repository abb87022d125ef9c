import ReviewRoomCore
import ReviewRoomTesting

/// A simulated person typing into a shared note: bursts of keystrokes (a word at ~8 keys/s)
/// separated by pauses sized so that the long-run rate is the one asked for; mostly
/// inserts at their own caret, sometimes a backspace.
struct Typist: Sendable {
    private var random: SplitMix64
    private let editsPerSecond: Double
    private var burstLeft = 0
    /// Where this person's caret is (UTF-16 units), kept inside the text.
    private(set) var caret = 0
    private static let letters = Array("etaoinshrdlucmfwypvbgkqjxz     ".unicodeScalars)

    /// A typist seeded with `seed` (deterministic per client).
    init(seed: UInt64, editsPerSecond: Double) {
        random = SplitMix64(seed: seed)
        self.editsPerSecond = max(editsPerSecond, 0.01)
    }

    /// Seconds until the next keystroke.
    mutating func nextDelay() -> Double {
        let keyGap = 0.12
        if burstLeft > 0 {
            burstLeft -= 1
            return keyGap
        }
        let burst = 3 + Int(random.next() % 6)
        burstLeft = burst - 1
        // A pause so that `burst` keys per (pause + (burst-1)·gap) averages `editsPerSecond`.
        let pause = Double(burst) / editsPerSecond - Double(burst - 1) * keyGap
        let jitter = 0.5 + Double(random.next() % 1000) / 1000
        return max(0.02, pause * jitter)
    }

    /// The next keystroke as an op on a text of `length` units.
    mutating func keystroke(length: Int) -> TextOperation {
        caret = min(caret, length)
        var op = TextOperation()
        if caret > 0, random.next() % 10 == 0 {
            op.retain(caret - 1)
            op.delete(1)
            if length - caret > 0 { op.retain(length - caret) }
            caret -= 1
            return op
        }
        let letter = Self.letters[Int(random.next() % UInt64(Self.letters.count))]
        if caret > 0 { op.retain(caret) }
        op.insert(String(letter))
        if length - caret > 0 { op.retain(length - caret) }
        caret += 1
        return op
    }

    /// Moves the caret after someone else's op shifted the text (keeps it in range).
    mutating func clamp(length: Int) { caret = min(caret, length) }

    /// Places the caret somewhere in a text of `length` units.
    mutating func place(length: Int) { caret = length == 0 ? 0 : Int(random.next() % UInt64(length + 1)) }
}
