/// The member names of one object as ``JSONParser`` reads it, to refuse a repeated one.
struct JSONDuplicateKeys {
    /// Up to this many members the names read so far are compared one by one (no allocation;
    /// protocol messages have about eight). Past it they go into a set, built once, so a
    /// 64 KiB object of distinct names costs linear time, not quadratic.
    static let linearLimit = 16

    private var large: Set<[UInt8]>?

    /// Whether `key` names one of `members` (the object's members read so far) already; call it
    /// once per member, in order. Names are compared code unit by code unit (RFC 8259 §8.3), not
    /// by Swift's canonical equivalence: `"é"` and `"e\u{301}"` are two names.
    mutating func repeats(_ key: String, in members: [(String, JSONValue)]) -> Bool {
        if members.count < Self.linearLimit {
            let length = key.utf8.count
            // By index and `.0`: the names only, without copying (retaining) each member's value.
            for index in members.indices where members[index].0.utf8.count == length
                && members[index].0.utf8.elementsEqual(key.utf8) {
                return true
            }
            return false
        }
        if large == nil {
            large = Set(members.map { Array($0.0.utf8) })
        }
        return large?.insert(Array(key.utf8)).inserted == false
    }

    /// A name cut to 64 characters for an error message.
    static func shown(_ key: String) -> String {
        key.count > 64 ? String(key.prefix(64)) + "…" : key
    }
}
