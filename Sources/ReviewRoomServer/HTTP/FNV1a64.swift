/// The 64-bit FNV-1a hash, fed in pieces: it only has to change when what it is fed does.
struct FNV1a64 {
    /// The hash of what was added so far.
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Feeds `bytes`.
    mutating func add(_ bytes: [UInt8]) {
        // Over the buffer, not the array: every file a page loads is hashed on each request, and
        // the debug daemon the browser suite runs spent several times as long per byte otherwise.
        var hash = value
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        value = hash
    }

    /// The hash as 16 lowercase hexadecimal digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
