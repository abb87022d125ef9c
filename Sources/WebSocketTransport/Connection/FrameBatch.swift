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

    /// Whether `frame` (with its header) still fits.
    func fits(_ frame: OutboundFrame) -> Bool {
        count + Self.headerLength(payload: frame.count) + frame.count <= capacity
    }

    /// Appends `frame` as one final text frame; call only when ``fits(_:)``.
    func append(_ frame: OutboundFrame) {
        let header = Self.header(payload: frame.count)
        let start = bytes + count
        header.withUnsafeBufferPointer { start.update(from: $0.baseAddress!, count: $0.count) }
        (start + header.count).update(from: frame.payload, count: frame.count)
        count += header.count + frame.count
    }

    /// RFC 6455 §5.2 header of a final, unmasked text frame (server to client).
    static func header(payload length: Int) -> [UInt8] {
        switch length {
        case ..<126:
            return [0x81, UInt8(length)]
        case ..<65_536:
            return [0x81, 126, UInt8(length >> 8), UInt8(length & 0xFF)]
        default:
            return [0x81, 127] + (0..<8).reversed().map { UInt8((UInt64(length) >> (8 * UInt64($0))) & 0xFF) }
        }
    }

    /// Length of ``header(payload:)``.
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
