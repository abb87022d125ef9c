extension TextOperation {
    /// The operation that undoes `self`, given the text `self` was applied to.
    ///
    /// `inverted(on: d)` applied to `apply(d, self)` gives back `d`; it is meant for undo.
    public func inverted(on base: Rope) throws(NoteError) -> TextOperation {
        guard base.utf16Count == baseLength else {
            throw NoteError(.invalidOp, "op spans \(baseLength) code units but the text has \(base.utf16Count)")
        }
        var result = TextOperation()
        var index = 0
        for component in components {
            switch component {
            case .retain(let n):
                result.retain(n); index += n
            case .insert(let s):
                result.delete(s.utf16.count)
            case .delete(let n):
                result.insert(String(decoding: base.units(in: index ..< index + n), as: UTF16.self))
                index += n
            }
        }
        return result
    }
}
