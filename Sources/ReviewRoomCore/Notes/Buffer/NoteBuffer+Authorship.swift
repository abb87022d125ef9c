extension NoteBuffer {
    /// Who wrote each range of the current text, derived from the history: consecutive
    /// ranges by the same author are merged; text from before ``snapshotRevision`` has a nil author.
    public func authorship() -> [AuthorshipRun] {
        var runs: [(length: Int, author: String?)] = snapshotLength > 0 ? [(snapshotLength, nil)] : []
        for entry in history {
            runs = Self.apply(entry.op, by: entry.author, to: runs)
        }
        var result: [AuthorshipRun] = []
        var start = 0
        for run in runs {
            result.append(AuthorshipRun(range: start ..< start + run.length, author: run.author))
            start += run.length
        }
        return result
    }

    private static func apply(
        _ op: TextOperation, by author: String, to runs: [(length: Int, author: String?)]
    ) -> [(length: Int, author: String?)] {
        var out: [(length: Int, author: String?)] = []
        func emit(_ length: Int, _ who: String?) {
            guard length > 0 else { return }
            if let last = out.last, last.author == who {
                out[out.count - 1].length += length
            } else {
                out.append((length, who))
            }
        }
        var index = 0
        var left = runs.first?.length ?? 0
        func take(_ count: Int, keep: Bool) {
            var count = count
            while count > 0 && index < runs.count {
                let n = Swift.min(count, left)
                if keep { emit(n, runs[index].author) }
                count -= n
                left -= n
                if left == 0 {
                    index += 1
                    left = index < runs.count ? runs[index].length : 0
                }
            }
        }
        for component in op.components {
            switch component {
            case .retain(let n): take(n, keep: true)
            case .delete(let n): take(n, keep: false)
            case .insert(let s): emit(s.utf16.count, author)
            }
        }
        return out
    }
}
