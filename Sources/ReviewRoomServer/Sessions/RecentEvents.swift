import ReviewRoomProtocol
import ReviewRoomStore
import WebSocketTransport

/// The last few thousand events of a session, for `resume` replay without a store read.
///
/// Bounded by count and by bytes: a thousand edits that each replace a 60,000-character note
/// held over 100 MB, where a `resume` never replays more than ``LiveLimits/replayByteLimit``.
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
                OutboundFrame(text: ServerMessages.event(seq: record.seq, at: record.at, name: record.name, data: record.data,
                                                          author: record.author))
            }
        }

        /// The bytes of its frame, or for a stored event a lower bound of them (its name and
        /// data; the frame adds its envelope), so a ring over a byte limit surely is.
        var bytes: Int {
            switch self {
            case .frame(let frame):
                frame.count
            case .stored(let record):
                record.name.utf8.count + record.data.utf8.count
            }
        }
    }

    private(set) var entries: [Entry] = []
    /// The seq of `entries[0]`.
    private(set) var firstSeq: Int64
    /// The bytes of `entries` (``Entry/bytes``).
    private(set) var bytes = 0
    /// Events kept: between this and twice this many.
    let capacity: Int
    /// Bytes kept: at most twice this many, unless the newest event alone is larger.
    let byteCapacity: Int

    /// An empty ring whose next event will be `nextSeq`.
    init(nextSeq: Int64, capacity: Int, byteCapacity: Int = .max / 4) {
        firstSeq = nextSeq
        self.capacity = max(1, capacity)
        self.byteCapacity = max(1, byteCapacity)
    }

    /// Appends the frame of the next event.
    mutating func append(_ frame: OutboundFrame) {
        append(entry: .frame(frame))
    }

    /// Appends the next event as read from the store (framed on demand).
    mutating func append(stored record: EventRecord) {
        append(entry: .stored(record))
    }

    // Trimmed only past twice a limit, down to the limit, so each append costs O(1) on average.
    private mutating func append(entry: Entry) {
        entries.append(entry)
        bytes += entry.bytes
        guard entries.count > capacity * 2 || bytes > byteCapacity * 2 else { return }
        var drop = max(0, entries.count - capacity)
        var left = bytes - entries[..<drop].reduce(0) { $0 + $1.bytes }
        while left > byteCapacity, drop < entries.count - 1 {
            left -= entries[drop].bytes
            drop += 1
        }
        entries.removeFirst(drop)
        bytes = left
        firstSeq += Int64(drop)
    }

    /// The frames of events after `after` up to the last one: from the ring, after `older` (the
    /// stored events before it, read for a `resume`) when it does not reach back that far. Nil
    /// when they are not all here without a gap (the ring moved on past `older` meanwhile).
    func frames(after: Int64, older: [EventRecord]) -> [OutboundFrame]? {
        if let frames = frames(after: after) { return frames }
        guard let first = older.first, let last = older.last, first.seq == after + 1,
              last.seq - first.seq + 1 == Int64(older.count), let rest = frames(after: last.seq) else { return nil }
        return older.map { Entry.stored($0).frame } + rest
    }

    /// The frames of events after `after` up to the last one, or nil when they are not all here.
    func frames(after: Int64) -> [OutboundFrame]? {
        guard after + 1 >= firstSeq else { return nil }
        let start = Int(after + 1 - firstSeq)
        guard start <= entries.count else { return nil }
        return entries[start...].map(\.frame)
    }
}
