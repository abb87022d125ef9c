extension TextOperation {
    /// Applies the operation to `text`, which must be ``baseLength`` UTF-16 units long.
    public func apply(to text: String) throws(NoteError) -> String {
        let units = Array(text.utf16)
        return String(decoding: try apply(toUnits: units), as: UTF16.self)
    }

    /// Applies the operation to a flat array of UTF-16 units.
    public func apply(toUnits units: [UInt16]) throws(NoteError) -> [UInt16] {
        guard units.count == baseLength else {
            throw NoteError(.invalidOp, "op spans \(baseLength) code units but the text has \(units.count)")
        }
        var result: [UInt16] = []
        result.reserveCapacity(targetLength)
        var index = 0
        for component in components {
            switch component {
            case .retain(let n):
                result.append(contentsOf: units[index ..< index + n])
                index += n
            case .insert(let s):
                result.append(contentsOf: s.utf16)
            case .delete(let n):
                index += n
            }
        }
        return result
    }

    /// Applies the operation to a rope in place (O(k log n) for k components).
    public func apply(to rope: inout Rope) throws(NoteError) {
        guard rope.utf16Count == baseLength else {
            throw NoteError(.invalidOp, "op spans \(baseLength) code units but the text has \(rope.utf16Count)")
        }
        var index = 0
        for component in components {
            switch component {
            case .retain(let n):
                index += n
            case .insert(let s):
                index += rope.insert(s, at: index)
            case .delete(let n):
                rope.remove(index ..< index + n)
            }
        }
    }
}
