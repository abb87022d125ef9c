/// How many single-character insertions, deletions or substitutions turn one name into another
/// (Levenshtein), for "did you mean" suggestions on misspelt configuration keys and variables.
enum EditDistance {
    /// The distance between `a` and `b`, compared by Unicode scalar.
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `name` within `limit` edits (the first of equals), or nil. Case
    /// is not counted: `REVIEWROOM_listen` is meant as `REVIEWROOM_LISTEN`, however many letters.
    static func closest(to name: String, among candidates: [String], limit: Int = 2) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = between(candidate.lowercased(), name.lowercased())
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.candidate
    }
}
