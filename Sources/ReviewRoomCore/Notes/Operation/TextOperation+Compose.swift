extension TextOperation {
    /// The single operation that has the effect of `self` followed by `next`.
    ///
    /// `next.baseLength` must equal `self.targetLength`.
    public func compose(_ next: TextOperation) throws(NoteError) -> TextOperation {
        guard targetLength == next.baseLength else {
            throw NoteError(.invalidOp,
                "cannot compose: the first op produces \(targetLength) code units but the second spans \(next.baseLength)")
        }
        var result = TextOperation()
        var first = ComponentCursor(components)
        var second = ComponentCursor(next.components)
        while true {
            let a = first.current, b = second.current
            if a == nil && b == nil { break }
            if case .delete(let n)? = a {
                result.delete(n); first.advance(); continue
            }
            if case .insert(let s)? = b {
                result.insert(s); second.advance(); continue
            }
            // Lengths were checked, so neither side can run out while the other has retains/deletes left.
            guard let a, let b else { break }
            switch (a, b) {
            case (.retain(let x), .retain(let y)):
                let n = Swift.min(x, y)
                result.retain(n); first.consume(n); second.consume(n)
            case (.insert(let s), .delete(let y)):
                let n = Swift.min(s.utf16.count, y)
                first.consume(n); second.consume(n)
            case (.insert(let s), .retain(let y)):
                let n = Swift.min(s.utf16.count, y)
                result.insert(Self.prefix(s, n)); first.consume(n); second.consume(n)
            case (.retain(let x), .delete(let y)):
                let n = Swift.min(x, y)
                result.delete(n); first.consume(n); second.consume(n)
            default:
                break
            }
        }
        return result
    }

    /// The first `count` UTF-16 units of `text`.
    static func prefix(_ text: String, _ count: Int) -> String {
        let utf16 = text.utf16
        if count >= utf16.count { return text }
        let end = utf16.index(utf16.startIndex, offsetBy: count)
        return String(utf16[..<end]) ?? String(decoding: Array(utf16[..<end]), as: UTF16.self)
    }

    /// `text` without its first `count` UTF-16 units.
    static func dropPrefix(_ text: String, _ count: Int) -> String {
        let utf16 = text.utf16
        let start = utf16.index(utf16.startIndex, offsetBy: count)
        return String(utf16[start...]) ?? String(decoding: Array(utf16[start...]), as: UTF16.self)
    }
}
