extension Rope {
    /// Replaces the contents of `buffer` with the units in `range` (clamped to the text),
    /// keeping its capacity: a caller that reads a window after every edit reuses one buffer
    /// instead of allocating an array per keystroke (as ``units(in:)`` does).
    public func copyUnits(in range: Range<Int>, into buffer: inout [UInt16]) {
        buffer.removeAll(keepingCapacity: true)
        let clamped = range.clamped(to: 0 ..< utf16Count)
        buffer.reserveCapacity(clamped.count)
        collect(clamped, from: root, into: &buffer)
    }
}
