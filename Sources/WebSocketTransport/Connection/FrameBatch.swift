import CLibWebSockets

/// Packs several queued text frames into one buffer of complete, unmasked WebSocket frames,
/// so a backlog leaves in one `send` instead of one per frame.
///
/// Service-thread only: the one scratch buffer is reused for every connection.
final class FrameBatch {
    /// Bytes of frames (headers included) packed into one write at most; a single larger
    /// frame is written on its own, straight from its shared block.
    static let byteBudget = 16 * 1024

    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Bytes packed so far (after the `LWS_PRE` headroom).
    private(set) var count = 0

    init() {
        capacity = Self.byteBudget
        buffer = .allocate(capacity: reviewroom_lws_pre + capacity)
    }

    deinit { buffer.deallocate() }

    /// The packed bytes, with `LWS_PRE` writable bytes in front, for `lws_write`.
    var bytes: UnsafeMutablePointer<UInt8> { buffer + reviewroom_lws_pre }

    /// Forgets what was packed.
    func reset() { count = 0 }

    /// Appends `frame` as one final text frame. The caller packs only what ``FIFO/popPrefix(maxBytes:)``
    /// took together, which never exceeds ``byteBudget``.
    func append(_ frame: OutboundFrame) {
        let start = bytes + count
        let headerCount = Self.writeHeader(payload: frame.count, to: start)
        (start + headerCount).update(from: frame.payload, count: frame.count)
        count += headerCount + frame.count
    }

    /// Writes the RFC 6455 §5.2 header of a final, unmasked text frame (server to client) at
    /// `destination` — in place, as this runs once per frame of a broadcast; returns its length.
    @discardableResult
    static func writeHeader(payload length: Int, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        destination[0] = 0x81
        switch length {
        case ..<126:
            destination[1] = UInt8(length)
        case ..<65_536:
            destination[1] = 126
            destination[2] = UInt8(length >> 8)
            destination[3] = UInt8(length & 0xFF)
        default:
            destination[1] = 127
            for index in 0..<8 { destination[2 + index] = UInt8((UInt64(length) >> (8 * UInt64(7 - index))) & 0xFF) }
        }
        return headerLength(payload: length)
    }

    /// Length of the header ``writeHeader(payload:to:)`` writes.
    static func headerLength(payload length: Int) -> Int {
        length < 126 ? 2 : (length < 65_536 ? 4 : 10)
    }
}

extension FIFO where Element == OutboundFrame {
    /// Removes the front frames that fit one ``FrameBatch`` together (always at least one).
    mutating func popPrefix(maxBytes: Int) -> [OutboundFrame] {
        var taken: [OutboundFrame] = []
        var bytes = 0
        while let next = first {
            let size = FrameBatch.headerLength(payload: next.count) + next.count
            if !taken.isEmpty && bytes + size > maxBytes { break }
            _ = popFirst()
            taken.append(next)
            bytes += size
        }
        return taken
    }
}
