extension String {
    /// Whether the text holds a character outside the Basic Multilingual Plane (one that
    /// UTF-16 writes as a surrogate pair).
    var hasAstralScalar: Bool {
        // Only 4-byte UTF-8 sequences (lead byte 0xF0 or above) are astral. A native or small
        // string lends its UTF-8 in place, which skips the generic per-byte index walk.
        if let found = utf8.withContiguousStorageIfAvailable({ $0.contains { $0 >= 0xF0 } }) { return found }
        return utf8.contains { $0 >= 0xF0 }
    }
}
