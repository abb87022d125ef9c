import Testing
import ReviewRoomTesting
@testable import ReviewRoomCore

/// The chunked history holds exactly what one array of every revision would, across chunk
/// boundaries, after dropping its oldest entries and after taking older ones back.
@Suite struct NoteHistoryTests {
    func entry(_ rev: Int) -> NoteRevision {
        NoteRevision(rev: rev, op: TextOperation([.retain(rev), .insert("x")]), author: "p_\(rev % 3)", opId: "op\(rev)",
                     at: Timestamp(millisecondsSince1970: Int64(rev)))
    }

    @Test func appendsAcrossChunksKeepOrderAndCount() {
        var history = NoteHistory()
        let size = NoteHistory.chunkSize
        for rev in 1 ... 2 * size + 3 { history.append(entry(rev)) }
        #expect(history.count == 2 * size + 3)
        #expect(history.map(\.rev) == Array(1 ... 2 * size + 3))
        #expect(history[size - 1].rev == size && history[size].rev == size + 1)
        #expect(history.last?.rev == 2 * size + 3)
        #expect(history[(2 * size)...].map(\.rev) == Array(2 * size + 1 ... 2 * size + 3))
    }

    @Test func removingTheOldestShortensTheFirstChunkOrDropsWholeOnes() {
        let size = NoteHistory.chunkSize
        for cut in [0, 1, size - 1, size, size + 1, 2 * size, 3 * size + 5] {
            var history = NoteHistory((1 ... 3 * size + 5).map(entry))
            history.removeFirst(cut)
            #expect(history.count == 3 * size + 5 - cut, "cut \(cut)")
            #expect(history.map(\.rev) == Array((1 ... 3 * size + 5).dropFirst(cut)), "cut \(cut)")
            history.append(entry(3 * size + 6))
            #expect(history.last?.rev == 3 * size + 6 && history.first?.rev == cut + 1, "cut \(cut)")
        }
    }

    /// Random appends and cuts, checked entry by entry against an array doing the same.
    @Test func matchesAnArrayUnderRandomAppendsAndCuts() {
        var random = SplitMix64(seed: 9)
        var history = NoteHistory(), model: [NoteRevision] = []
        var next = 1
        for _ in 0 ..< 400 {
            if Int.random(in: 0 ..< 4, using: &random) == 0 {
                let cut = Int.random(in: 0 ... model.count, using: &random)
                history.removeFirst(cut)
                model.removeFirst(cut)
            } else {
                for _ in 0 ..< Int.random(in: 1 ... 300, using: &random) {
                    history.append(entry(next))
                    model.append(entry(next))
                    next += 1
                }
            }
            #expect(Array(history) == model)
            if !model.isEmpty {
                let probe = Int.random(in: 0 ..< model.count, using: &random)
                #expect(history[probe] == model[probe])
            }
        }
    }

    @Test func olderEntriesGoBeforeTheOldest() {
        var history = NoteHistory((5 ... 1_500).map(entry))
        history.prepend((1 ... 4).map(entry))
        #expect(history.map(\.rev) == Array(1 ... 1_500))
        history.prepend([])
        #expect(history.count == 1_500)
    }

    @Test func equalityComparesEntriesNotChunking() {
        var cut = NoteHistory((1 ... 1_100).map(entry))
        cut.removeFirst(100)
        let fresh = NoteHistory((101 ... 1_100).map(entry))
        #expect(cut == fresh)
        #expect(cut != NoteHistory((101 ... 1_099).map(entry)))
        let literal: NoteHistory = [entry(1), entry(2)]
        #expect(literal == NoteHistory([entry(1), entry(2)]))
    }
}
