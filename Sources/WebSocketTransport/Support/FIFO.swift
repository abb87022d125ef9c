/// A first-in first-out queue with O(1) amortised push and pop (an `Array` with a moving head).
struct FIFO<Element> {
    private var storage: [Element?] = []
    private var head = 0

    /// Number of queued elements.
    var count: Int { storage.count - head }
    /// True when nothing is queued.
    var isEmpty: Bool { head == storage.count }

    /// The front element, if any.
    var first: Element? { head < storage.count ? storage[head] : nil }

    /// Appends at the back.
    mutating func append(_ element: Element) { storage.append(element) }

    /// Removes and returns the front element, if any.
    mutating func popFirst() -> Element? {
        guard head < storage.count else { return nil }
        let element = storage[head]
        storage[head] = nil
        head += 1
        if head == storage.count {
            // Drained: give the buffer back, so that an idle connection's queues hold no storage.
            storage = []
            head = 0
        } else if head > 64 && head * 2 > storage.count {
            // Compact once the dead prefix dominates, keeping pops amortised O(1).
            storage.removeFirst(head)
            head = 0
        }
        return element
    }

    /// Drops everything.
    mutating func removeAll() {
        storage.removeAll()
        head = 0
    }
}
