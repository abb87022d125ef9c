extension TextOperation {
    /// Transforms two concurrent operations made on the same text.
    ///
    /// Returns `(a′, b′)` with `apply(apply(d, a), b′) == apply(apply(d, b), a′)` (TP1).
    /// **Ties**: when both insert at the same position, `a`'s insert ends up first (to the
    /// left). Pass the operation the server applied first as `a`.
    public static func transform(_ a: TextOperation, _ b: TextOperation) throws(NoteError) -> (TextOperation, TextOperation) {
        guard a.baseLength == b.baseLength else {
            throw NoteError(.invalidOp,
                "cannot transform: the ops span \(a.baseLength) and \(b.baseLength) code units, not the same text")
        }
        var aPrime = TextOperation(), bPrime = TextOperation()
        var first = ComponentCursor(a.components)
        var second = ComponentCursor(b.components)
        while true {
            let x = first.current, y = second.current
            if x == nil && y == nil { break }
            if case .insert(let s)? = x {
                aPrime.insert(s); bPrime.retain(s.utf16.count); first.advance(); continue
            }
            if case .insert(let s)? = y {
                aPrime.retain(s.utf16.count); bPrime.insert(s); second.advance(); continue
            }
            guard let x, let y else { break }
            let n = Swift.min(x.length, y.length)
            switch (x, y) {
            case (.retain, .retain):
                aPrime.retain(n); bPrime.retain(n)
            case (.delete, .retain):
                aPrime.delete(n)
            case (.retain, .delete):
                bPrime.delete(n)
            default:
                break // both delete the same units: neither needs to
            }
            first.consume(n); second.consume(n)
        }
        return (aPrime, bPrime)
    }

    /// Where a caret at `position` in the base text ends up in the target text.
    ///
    /// An insert at or before the caret pushes it right (also the author's own insert, so a
    /// typing caret follows its text); a deletion that covers the caret moves it to the
    /// deletion's start.
    public func transform(position: Int) -> Int {
        var remaining = position
        var result = position
        for component in components {
            switch component {
            case .retain(let n):
                remaining -= n
            case .insert(let s):
                result += s.utf16.count
            case .delete(let n):
                result -= Swift.min(remaining, n)
                remaining -= n
            }
            if remaining < 0 { break }
        }
        return result
    }
}
