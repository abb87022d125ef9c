/// Who wrote each unit of a text, as runs of (length, author number), edited in place op by op.
///
/// The runs are kept in chunks of at most ``maxChunk`` with each chunk's length, so an op costs
/// a walk over the chunks and one chunk, not a copy of every run: rebuilding the whole run list
/// for each op made a 75,000-edit review's record take longer than anyone waited (hours;
/// O(ops × runs), with an author string compared per run).
struct AuthorRuns {
    /// One run: `length` units written by author number `author` (-1: unknown, before the snapshot).
    struct Run: Equatable {
        var length: Int
        var author: Int
    }

    /// Most runs in one chunk before it is split in two.
    static let maxChunk = 128

    private var chunks: [[Run]] = []
    private var chunkLengths: [Int] = []

    /// A text of `length` units by `author`.
    init(length: Int, author: Int) {
        if length > 0 { chunks = [[Run(length: length, author: author)]]; chunkLengths = [length] }
    }

    /// Every run in order, neighbours by the same author merged.
    var runs: [Run] {
        var out: [Run] = []
        for chunk in chunks {
            for run in chunk {
                if let last = out.last, last.author == run.author { out[out.count - 1].length += run.length } else { out.append(run) }
            }
        }
        return out
    }

    /// Applies `op` (which spans the current text), its inserts written by `author`.
    mutating func apply(_ op: TextOperation, by author: Int) {
        var position = 0 // in the text as edited so far: before it new, from it on old
        for component in op.components {
            switch component {
            case .retain(let n): position += n
            case .insert(let s):
                let n = s.utf16.count
                insert(n, by: author, at: position)
                position += n
            case .delete(let n): delete(n, at: position)
            }
        }
    }

    /// The chunk holding unit `position` (or the end), the run in it and the offset in that
    /// run; for the end of the text, the last chunk and one past its last run.
    private func locate(_ position: Int) -> (chunk: Int, run: Int, offset: Int) {
        var left = position
        for (c, total) in chunkLengths.enumerated() {
            if left < total {
                for (r, run) in chunks[c].enumerated() {
                    if left < run.length { return (c, r, left) }
                    left -= run.length
                }
            }
            left -= total
        }
        return (max(0, chunks.count - 1), chunks.last?.count ?? 0, 0)
    }

    private mutating func insert(_ length: Int, by author: Int, at position: Int) {
        guard length > 0 else { return }
        guard !chunks.isEmpty else { chunks = [[Run(length: length, author: author)]]; chunkLengths = [length]; return }
        let (c, r, offset) = locate(position)
        chunkLengths[c] += length
        if offset == 0 {
            // Between runs: grow the one before (in this chunk) or the one after when either is the author's.
            if r > 0, chunks[c][r - 1].author == author { chunks[c][r - 1].length += length; return }
            if r < chunks[c].count, chunks[c][r].author == author { chunks[c][r].length += length; return }
            chunks[c].insert(Run(length: length, author: author), at: r)
        } else if chunks[c][r].author == author {
            chunks[c][r].length += length
            return
        } else {
            let tail = Run(length: chunks[c][r].length - offset, author: chunks[c][r].author)
            chunks[c][r].length = offset
            chunks[c].insert(contentsOf: [Run(length: length, author: author), tail], at: r + 1)
        }
        if chunks[c].count > 2 * Self.maxChunk { split(c) }
    }

    private mutating func delete(_ length: Int, at position: Int) {
        var left = length
        while left > 0, !chunks.isEmpty {
            let (c, r, offset) = locate(position)
            guard r < chunks[c].count else { return } // past the end: the op did not span the text
            let removed = min(left, chunks[c][r].length - offset)
            chunks[c][r].length -= removed
            chunkLengths[c] -= removed
            left -= removed
            if chunks[c][r].length == 0 { chunks[c].remove(at: r) }
            if chunks[c].isEmpty { chunks.remove(at: c); chunkLengths.remove(at: c) }
        }
    }

    private mutating func split(_ c: Int) {
        let half = chunks[c].count / 2
        let second = Array(chunks[c][half...])
        chunks[c].removeSubrange(half...)
        let secondLength = second.reduce(0) { $0 + $1.length }
        chunkLengths[c] -= secondLength
        chunks.insert(second, at: c + 1)
        chunkLengths.insert(secondLength, at: c + 1)
    }
}
