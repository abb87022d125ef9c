import WebSocketTransport

/// The last few thousand event frames of a session, for `resume` replay without a store read.
struct RecentEvents {
    private(set) var frames: [OutboundFrame] = []
    /// The seq of `frames[0]`.
    private(set) var firstSeq: Int64
    let capacity: Int

    /// An empty ring whose next event will be `nextSeq`.
    init(nextSeq: Int64, capacity: Int) {
        firstSeq = nextSeq
        self.capacity = max(1, capacity)
    }

    /// Appends the frame of the next event.
    mutating func append(_ frame: OutboundFrame) {
        frames.append(frame)
        if frames.count > capacity * 2 {
            let drop = frames.count - capacity
            frames.removeFirst(drop)
            firstSeq += Int64(drop)
        }
    }

    /// The frames of events after `after` up to the last one, or nil when they are not all here.
    func frames(after: Int64) -> ArraySlice<OutboundFrame>? {
        guard after + 1 >= firstSeq else { return nil }
        let start = Int(after + 1 - firstSeq)
        guard start <= frames.count else { return nil }
        return frames[start...]
    }
}
