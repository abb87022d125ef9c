import ReviewRoomProtocol
import ReviewRoomStore
import WebSocketTransport

/// The last few thousand events of a session, for `resume` replay without a store read.
///
/// Events broadcast while the session is loaded keep the frame every member got. Events read
/// from the store when the session loads keep their record and are framed only if a resume
/// asks for them: framing all of them made a session's first join after a restart
/// noticeably slower (≈ 2 µs an event) for frames that are rarely sent.
struct RecentEvents {
    /// One event: its frame, or its stored record, framed when first needed.
    enum Entry {
        /// Already framed (broadcast while loaded).
        case frame(OutboundFrame)
        /// Read from the store at load.
        case stored(EventRecord)

        /// The `event` frame.
        var frame: OutboundFrame {
            switch self {
            case .frame(let frame):
                frame
            case .stored(let record):
                OutboundFrame(text: ServerMessages.event(seq: record.seq, at: record.at, name: record.name, data: record.data))
            }
        }
    }

    private(set) var entries: [Entry] = []
    /// The seq of `entries[0]`.
    private(set) var firstSeq: Int64
    let capacity: Int

    /// An empty ring whose next event will be `nextSeq`.
    init(nextSeq: Int64, capacity: Int) {
        firstSeq = nextSeq
        self.capacity = max(1, capacity)
    }

    /// Appends the frame of the next event.
    mutating func append(_ frame: OutboundFrame) {
        append(entry: .frame(frame))
    }

    /// Appends the next event as read from the store (framed on demand).
    mutating func append(stored record: EventRecord) {
        append(entry: .stored(record))
    }

    private mutating func append(entry: Entry) {
        entries.append(entry)
        if entries.count > capacity * 2 {
            let drop = entries.count - capacity
            entries.removeFirst(drop)
            firstSeq += Int64(drop)
        }
    }

    /// Puts stored events in front of the ring (events from before the session's snapshot,
    /// read when a `resume` first asks for them). Only a gapless run that ends just before the
    /// first event held can go there; anything else changes nothing. Returns whether it was added.
    @discardableResult
    mutating func prepend(stored records: [EventRecord]) -> Bool {
        guard let first = records.first, let last = records.last, last.seq == firstSeq - 1,
              last.seq - first.seq + 1 == Int64(records.count) else { return false }
        entries.insert(contentsOf: records.map { Entry.stored($0) }, at: 0)
        firstSeq = first.seq
        return true
    }

    /// The frames of events after `after` up to the last one, or nil when they are not all here.
    func frames(after: Int64) -> [OutboundFrame]? {
        guard after + 1 >= firstSeq else { return nil }
        let start = Int(after + 1 - firstSeq)
        guard start <= entries.count else { return nil }
        return entries[start...].map(\.frame)
    }
}
