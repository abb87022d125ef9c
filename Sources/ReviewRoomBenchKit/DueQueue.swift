/// When each of a fixed set of items (the load driver's simulated clients) is next due,
/// earliest first: a binary min-heap with lazy removal.
///
/// Rescheduling an item pushes a new entry and leaves the old one to be skipped when it comes
/// up, so each change is O(log n) and a timer pass touches only the items that are due —
/// scanning all 8,000 clients' timers once a millisecond was a seventh of the driver's CPU.
public struct DueQueue: Sendable {
    private struct Entry: Sendable {
        var due: UInt64
        var item: Int
    }

    private var heap: [Entry] = []
    /// Per item, the due time of its one live entry (`UInt64.max`: not scheduled).
    private var scheduled: [UInt64]

    /// A queue for items `0..<items`, none scheduled.
    public init(items: Int) {
        scheduled = Array(repeating: .max, count: items)
    }

    /// When `item` is due, or nil when it is not scheduled.
    public func due(_ item: Int) -> UInt64? {
        scheduled[item] == .max ? nil : scheduled[item]
    }

    /// Makes `item` due at `due`, replacing any earlier schedule; `UInt64.max` unschedules it.
    public mutating func schedule(_ item: Int, at due: UInt64) {
        guard scheduled[item] != due else { return }
        scheduled[item] = due
        guard due != .max else { return }
        heap.append(Entry(due: due, item: item))
        siftUp(heap.count - 1)
    }

    /// Removes every item due at or before `now` and returns them, earliest first, each once.
    /// They are no longer scheduled: the caller schedules each again.
    public mutating func popDue(now: UInt64) -> [Int] {
        var items: [Int] = []
        while let top = heap.first, top.due <= now {
            removeTop()
            // An entry whose item has since been rescheduled (or already popped) is stale.
            guard scheduled[top.item] == top.due else { continue }
            scheduled[top.item] = .max
            items.append(top.item)
        }
        return items
    }

    private mutating func removeTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        siftDown(0)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].due < heap[parent].due else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count, heap[left + 1].due < heap[left].due { smallest = left + 1 }
            guard heap[smallest].due < heap[parent].due else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
